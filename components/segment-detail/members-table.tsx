"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useMemo, useState, useTransition } from "react";
import { removeStaticMembersAction } from "@/app/(app)/segments/[id]/actions";
import { ContactNameLink, LifecycleBadge } from "@/components/contacts/cells";
import { formatDateTime, formatNumber, fullName } from "@/components/contacts/format";
import { DataTable } from "@/components/data-table/data-table";
import type { DataTableFeatures, PagedResult } from "@/components/data-table/types";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { SegmentMemberRow } from "@/lib/data/segment-member-list";
import { ActionMessage, type ActionMessageValue, UNREACHABLE } from "./action-message";
import { MEMBER_PAGE_SIZES, MEMBER_SORT_COLUMNS, MEMBER_URL_KEYS, memberListSearchParams } from "./member-list-params";

export const ADDED_VIA_LABELS: Record<SegmentMemberRow["addedVia"], string> = {
  RULE_MATCH: "Rules",
  MANUAL: "Manually",
  IMPORT: "Import",
  API: "API",
};

const column = createColumnHelper<DataTableFeatures, SegmentMemberRow>();

/** The rows ticked for removal (static segments), shared with the checkbox cells. */
type Selection = { selected: Set<string>; toggle: (ids: string[], on: boolean) => void; pageIds: string[] };
const SelectionContext = createContext<Selection | null>(null);

function useSelection(): Selection {
  const selection = useContext(SelectionContext);
  if (!selection) throw new Error("selection cells render inside a removable MembersTable");
  return selection;
}

function SelectPageBox() {
  const { selected, toggle, pageIds } = useSelection();
  const all = pageIds.length > 0 && pageIds.every((id) => selected.has(id));
  return (
    <input
      type="checkbox"
      className="size-4 rounded border-slate-300"
      aria-label="Select all members on this page"
      checked={all}
      onChange={(e) => toggle(pageIds, e.target.checked)}
    />
  );
}

function SelectRowBox({ row }: { row: SegmentMemberRow }) {
  const { selected, toggle } = useSelection();
  return (
    <input
      type="checkbox"
      className="size-4 rounded border-slate-300"
      aria-label={`Select ${row.email}`}
      checked={selected.has(row.contactId)}
      onChange={(e) => toggle([row.contactId], e.target.checked)}
    />
  );
}

const selectColumn = column.display({
  id: "select",
  header: () => <SelectPageBox />,
  cell: ({ row }) => <SelectRowBox row={row.original} />,
});

// Sortable columns' ids are the server's sort keys (MEMBER_SORT_COLUMNS).
const baseColumns = [
  column.accessor((row) => fullName(row), {
    id: "name",
    header: "Name",
    sortDescFirst: false,
    cell: ({ row }) => <ContactNameLink contactId={row.original.contactId} contact={row.original} />,
  }),
  column.accessor("email", { header: "Email", sortDescFirst: false }),
  column.accessor("lifecycleStage", {
    header: "Lifecycle",
    cell: ({ getValue }) => <LifecycleBadge stage={getValue()} />,
  }),
  column.accessor("leadScore", {
    header: "Lead score",
    sortDescFirst: true,
    meta: { align: "right" },
    cell: ({ getValue }) => formatNumber(getValue()),
  }),
  column.accessor("addedAt", {
    header: "Added at",
    sortDescFirst: true,
    cell: ({ getValue }) => formatDateTime(getValue()),
  }),
  column.accessor("addedVia", { header: "Added via", cell: ({ getValue }) => ADDED_VIA_LABELS[getValue()] }),
] as const;

const columns = column.columns([...baseColumns]);
const removableColumns = column.columns([selectColumn, ...baseColumns]);

/**
 * The segment's members: server-side search, sort and paging; state in ?mq=&mpage=…
 * With `removableFrom` (a static segment), rows can be ticked and removed.
 */
export function MembersTable({
  result,
  removableFrom,
}: {
  result: PagedResult<SegmentMemberRow>;
  /** The static segment's id: members can be removed by hand. */
  removableFrom?: string;
}) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<ActionMessageValue>(null);
  const [removing, startRemoving] = useTransition();
  const pageIds = useMemo(() => result.rows.map((row) => row.contactId), [result.rows]);
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
  const selection = useMemo(() => ({ selected, toggle, pageIds }), [selected, toggle, pageIds]);

  const remove = () => {
    if (!removableFrom) return;
    setMessage(null);
    startRemoving(async () => {
      try {
        const response = await removeStaticMembersAction({ segmentId: removableFrom, contactIds: [...selected] });
        if (!response.ok) {
          setMessage({ error: true, text: response.error });
          return;
        }
        const { removed } = response.data;
        setMessage({ error: false, text: `Removed ${removed} contact${removed === 1 ? "" : "s"} from the segment.` });
        setSelected(new Set());
        router.refresh();
      } catch {
        setMessage(UNREACHABLE);
      }
    });
  };

  const table = (
    <DataTable
      columns={removableFrom ? removableColumns : columns}
      result={result}
      getRowId={(row) => row.contactId}
      searchParams={memberListSearchParams}
      urlKeys={MEMBER_URL_KEYS}
      sortColumns={MEMBER_SORT_COLUMNS}
      pageSizes={MEMBER_PAGE_SIZES}
      label="Segment members"
      searchLabel="Search members"
      searchPlaceholder="Search by name or email"
      emptyState={({ q, clearSearch }) =>
        q ? (
          <EmptyState
            title="No members match your search"
            description={`Nobody in this segment matches “${q}”.`}
            action={
              <Button variant="secondary" onClick={clearSearch}>
                Clear search
              </Button>
            }
          />
        ) : (
          <EmptyState title="No members yet" description="Nobody is in this segment right now." />
        )
      }
    />
  );
  if (!removableFrom) return table;
  return (
    <SelectionContext.Provider value={selection}>
      <div className="space-y-3">
        <div className="flex flex-wrap items-center gap-3">
          <Button
            variant="danger"
            size="sm"
            onClick={remove}
            disabled={selected.size === 0 || removing}
            pending={removing}
          >
            {removing ? "Removing…" : selected.size ? `Remove ${selected.size} selected` : "Remove selected"}
          </Button>
          <ActionMessage message={message} />
        </div>
        {table}
      </div>
    </SelectionContext.Provider>
  );
}
