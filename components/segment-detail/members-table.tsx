"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { removeStaticMembersAction } from "@/app/(app)/segments/[id]/actions";
import { ContactNameLink, LifecycleBadge } from "@/components/contacts/cells";
import { formatDateTime, formatNumber, fullName } from "@/components/contacts/format";
import { DataTable } from "@/components/data-table/data-table";
import {
  RowSelectionProvider,
  SelectPageBox,
  SelectRowBox,
  useRowSelectionState,
} from "@/components/data-table/row-selection";
import type { DataTableFeatures, PagedResult } from "@/components/data-table/types";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { SegmentMemberRow } from "@/lib/data/segments/segment-member-list";
import { ActionMessage, type ActionMessageValue, UNREACHABLE } from "./action-message";
import { MEMBER_PAGE_SIZES, MEMBER_SORT_COLUMNS, MEMBER_URL_KEYS, memberListSearchParams } from "./member-list-params";

export const ADDED_VIA_LABELS: Record<SegmentMemberRow["addedVia"], string> = {
  RULE_MATCH: "Rules",
  MANUAL: "Manually",
  IMPORT: "Import",
  API: "API",
};

const column = createColumnHelper<DataTableFeatures, SegmentMemberRow>();

const selectColumn = column.display({
  id: "select",
  header: () => <SelectPageBox label="Select all members on this page" />,
  cell: ({ row }) => <SelectRowBox id={row.original.contactId} label={`Select ${row.original.email}`} />,
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
  const [message, setMessage] = useState<ActionMessageValue>(null);
  const [removing, startRemoving] = useTransition();
  const pageIds = useMemo(() => result.rows.map((row) => row.contactId), [result.rows]);
  const selection = useRowSelectionState(pageIds);
  const { selected } = selection;

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
        selection.clear();
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
    <RowSelectionProvider value={selection}>
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
    </RowSelectionProvider>
  );
}
