/**
 * The segment engine: the rule language of ../../shared/segment-rules.md, pure (no
 * database, no React, no Next). The data layer builds on it:
 *
 *   const parsed = validateSegmentDefinition(input, catalog);      // schema + company catalog
 *   if (!parsed.ok) throw new ValidationError("Invalid rules", parsed.issues);
 *   const { from, where } = compileSegment(parsed.definition, { companyId, now: new Date(), customFieldTypes });
 *   await db.$queryRaw(sql`SELECT count(*)::int AS n FROM ${from} WHERE ${where}`);
 *
 * Build the whole query with the `sql` exported here (the same Sql class as the fragment)
 * and pass it to $queryRaw as one argument: nesting the fragment inside Prisma's own
 * tagged template can meet a second copy of the Sql class (CJS/ESM), which would then
 * send the fragment as one bound value.
 *
 * - schema.ts: zod schema (`segmentDefinitionSchema`, `parseSegmentDefinition`), limits.
 * - catalog-check.ts: custom fields / segments of the company, cycles, dependency order.
 * - compile.ts: definition → parameterized SQL predicate over "Contact" c (or ContactFacts),
 *   with compile-events.ts (event conditions), custom-field-predicate.ts, value-predicates.ts,
 *   predicate.ts (the predicate algebra) and contact-source.ts (which table to read).
 * - evaluate.ts: the same semantics in TypeScript, and the explain tree.
 * - fields.ts: the field and operator catalog (pickers, labels).
 */
export { empty, join, raw, Sql, sql } from "@prisma/client-runtime-utils";
export {
  type Catalog,
  type CatalogCustomField,
  type CatalogSegment,
  catalogPartsNeeded,
  checkAgainstCatalog,
  dependentSegments,
  forEachCondition,
  SegmentCycleError,
  segmentDefinitionSchemaFor,
  segmentDependencies,
  topologicalOrder,
  validateSegmentDefinition,
} from "./catalog-check";
export { type CompileContext, type CompiledSegment, compileDefinition, compileSegment } from "./compile";
export {
  type EvalContact,
  type EvalEvent,
  type EvalInput,
  type ExplainNode,
  evaluateDefinition,
  explainDefinition,
  openedLastEmail,
} from "./evaluate";
export {
  ALL_OPERATORS,
  CONTACT_FIELDS,
  type ContactField,
  CUSTOM_FIELD_KEY,
  CUSTOM_FIELD_TYPES,
  CUSTOM_FIELD_VALUE_TYPE,
  type CustomFieldType,
  DEVICES,
  EVENT_LABELS,
  EVENT_TYPES,
  type EventType,
  type FieldFamily,
  type FieldRef,
  fieldFamily,
  fieldLabel,
  NEGATIVE_TWIN,
  OPERATOR_LABELS,
  OPERATORS_BY_FAMILY,
  type Operator,
  operatorSuits,
  operatorsFor,
  parseFieldRef,
  URL_EVENT_TYPES,
  type ValueShape,
  type ValueType,
  valueShape,
} from "./fields";
export { describeCondition, describeMatch } from "./labels";
export { checkLimits, LIMITS, parseSegmentDefinition, segmentDefinitionSchema } from "./schema";
export {
  type Condition,
  type DefinitionIssue,
  type EventFilter,
  type EventWindow,
  formatIssue,
  type Group,
  isGroup,
  type MatchMode,
  type ParseResult,
  type SegmentDefinition,
} from "./types";
