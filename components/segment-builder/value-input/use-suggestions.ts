import { useEffect, useRef, useState } from "react";
import { suggestValuesAction } from "@/app/(app)/segments/new/actions";

/** Where suggestions come from, when the field has real values worth offering. */
export type SuggestionSource = { companyId: string; field: string };

/** The values of the field that match what is typed, fetched after a 200 ms pause while enabled. */
export function useSuggestions(suggest: SuggestionSource | undefined, query: string, enabled: boolean): string[] {
  const [values, setValues] = useState<string[]>([]);
  const latest = useRef(0);
  useEffect(() => {
    if (!suggest || !enabled) return;
    const seq = ++latest.current;
    const timer = setTimeout(async () => {
      try {
        const result = await suggestValuesAction({ companyId: suggest.companyId, field: suggest.field, q: query });
        if (seq === latest.current && result.ok) setValues(result.data.map((s) => s.value));
      } catch {
        // Suggestions are a convenience: typing still works without them.
      }
    }, 200);
    return () => clearTimeout(timer);
  }, [suggest?.companyId, suggest?.field, query, enabled, suggest]);
  return values;
}
