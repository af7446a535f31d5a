import { describeCondition, describeMatch } from "@/lib/segments/engine/labels";
import { type Condition, type Group, isGroup, type SegmentDefinition } from "@/lib/segments/engine/types";

/**
 * A dynamic segment's rules as sentences: include groups joined by the top-level match,
 * nested groups indented, exclusions in their own block. Renders on the server.
 */
export function RulesView({
  rules,
  segmentNames,
}: {
  rules: unknown;
  /** Lower-case segment id → name, for "In segment …" conditions. */
  segmentNames: ReadonlyMap<string, string>;
}) {
  const definition = asDefinition(rules);
  if (!definition) return <p className="text-sm text-slate-500">This segment has no rules yet.</p>;
  const exclusions = definition.exclusions ?? [];
  return (
    <div className="space-y-4 text-sm text-slate-700">
      <div>
        <p className="font-medium text-slate-900">
          {definition.groups.length > 1 ? `${describeMatch(definition.match)} groups:` : "Contacts who match:"}
        </p>
        <ol className="mt-2 space-y-2">
          {definition.groups.map((group, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rules are static on this page; position is the identity.
            <li key={i} className="rounded-md border border-slate-200 p-3">
              <GroupView group={group} segmentNames={segmentNames} />
            </li>
          ))}
        </ol>
      </div>
      {exclusions.length > 0 ? (
        <section className="rounded-md border border-red-200 bg-red-50/50 p-3" aria-label="Exclusions">
          <p className="font-medium text-red-900">Except contacts who match any of these exclusions:</p>
          <ol className="mt-2 space-y-2">
            {exclusions.map((group, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: see above.
              <li key={i} className="rounded-md border border-red-200 bg-white p-3">
                <GroupView group={group} segmentNames={segmentNames} />
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}

function GroupView({ group, segmentNames }: { group: Group; segmentNames: ReadonlyMap<string, string> }) {
  return (
    <div>
      <p className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{describeMatch(group.match)}</p>
      <ul className="mt-1 space-y-1">
        {group.conditions.map((item, i) =>
          isGroup(item) ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: see above.
            <li key={i} className="ml-4 border-l-2 border-slate-200 pl-3">
              <GroupView group={item} segmentNames={segmentNames} />
            </li>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: see above.
            <li key={i} className="flex gap-2">
              <span aria-hidden="true" className="text-slate-400">
                •
              </span>
              <span>{describeCondition(item as Condition, { segmentNames })}</span>
            </li>
          ),
        )}
      </ul>
    </div>
  );
}

/** Stored rules were validated on save; anything else shows as "no rules" rather than crashing the page. */
function asDefinition(rules: unknown): SegmentDefinition | null {
  if (!rules || typeof rules !== "object") return null;
  const candidate = rules as Partial<SegmentDefinition>;
  if ((candidate.match !== "all" && candidate.match !== "any") || !Array.isArray(candidate.groups)) return null;
  return candidate as SegmentDefinition;
}
