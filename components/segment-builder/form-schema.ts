import { z } from "zod";
import type { BuilderCatalog } from "@/lib/segments/builder-types";
import { segmentDefinitionSchemaFor } from "@/lib/segments/engine/catalog-check";
import { SEGMENT_DESCRIPTION_MAX, segmentNameSchema } from "@/lib/segments/schema";
import { engineCatalog, type FormRules, toDefinition } from "./form-model";

/**
 * The builder form's schema for react-hook-form (zodResolver): the segment's own fields
 * from lib/segments/schema.ts and, for a dynamic segment, the engine's definition
 * schema with the company's catalog, applied to the form's rules converted to the rule
 * language. Issues therefore carry the engine's paths under `rules`
 * (rules.groups.0.conditions.2.value).
 */

export type BuilderFormValues = {
  name: string;
  description: string;
  type: "DYNAMIC" | "STATIC";
  rules: FormRules;
};

const description = z
  .string()
  .max(SEGMENT_DESCRIPTION_MAX, `at most ${SEGMENT_DESCRIPTION_MAX.toLocaleString("en-US")} characters`);

export function builderFormSchema(catalog: BuilderCatalog, segmentId?: string) {
  const definition = segmentDefinitionSchemaFor(engineCatalog(catalog, segmentId));
  return z.discriminatedUnion("type", [
    z.object({
      type: z.literal("DYNAMIC"),
      name: segmentNameSchema,
      description,
      rules: z.preprocess((rules) => toDefinition(rules as FormRules), definition),
    }),
    z.object({ type: z.literal("STATIC"), name: segmentNameSchema, description, rules: z.unknown() }),
  ]);
}
