"use client";

import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";

/**
 * Rows ticked in a server-driven table, kept across pages (the ids of the page shown come
 * from the server): the state, and the checkbox cells that read it through a context.
 */
export type RowSelection = {
  selected: Set<string>;
  toggle: (ids: string[], on: boolean) => void;
  clear: () => void;
  /** The ids of the rows on the page shown. */
  pageIds: string[];
};

const RowSelectionContext = createContext<RowSelection | null>(null);

/** The selection state of one table; pass it to RowSelectionProvider. */
export function useRowSelectionState(pageIds: string[]): RowSelection {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const toggle = useCallback(
    (ids: string[], on: boolean) =>
      setSelected((before) => {
        const next = new Set(before);
        for (const id of ids) {
          if (on) next.add(id);
          else next.delete(id);
        }
        return next;
      }),
    [],
  );
  const clear = useCallback(() => setSelected(new Set()), []);
  return useMemo(() => ({ selected, toggle, clear, pageIds }), [selected, toggle, clear, pageIds]);
}

export function RowSelectionProvider({ value, children }: { value: RowSelection; children: ReactNode }) {
  return <RowSelectionContext.Provider value={value}>{children}</RowSelectionContext.Provider>;
}

function useRowSelection(): RowSelection {
  const selection = useContext(RowSelectionContext);
  if (!selection) throw new Error("selection cells render inside a RowSelectionProvider");
  return selection;
}

const BOX = "size-4 rounded border-slate-300";

/** The header cell: ticks or unticks every row of the page shown. */
export function SelectPageBox({ label }: { label: string }) {
  const { selected, toggle, pageIds } = useRowSelection();
  const all = pageIds.length > 0 && pageIds.every((id) => selected.has(id));
  return (
    <input
      type="checkbox"
      className={BOX}
      aria-label={label}
      checked={all}
      onChange={(e) => toggle(pageIds, e.target.checked)}
    />
  );
}

/** A row's cell. */
export function SelectRowBox({ id, label }: { id: string; label: string }) {
  const { selected, toggle } = useRowSelection();
  return (
    <input
      type="checkbox"
      className={BOX}
      aria-label={label}
      checked={selected.has(id)}
      onChange={(e) => toggle([id], e.target.checked)}
    />
  );
}
