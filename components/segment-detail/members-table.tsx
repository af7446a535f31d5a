"use client";

import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { formatDateTime, formatNumber, fullName, MISSING } from "@/components/contacts/format";
import { LIFECYCLE_LABELS, LIFECYCLE_TONES } from "@/components/contacts/labels";
import { DataTable } from "@/components/data-table/data-table";
import type { DataTableFeatures, PagedResult } from "@/components/data-table/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { SegmentMemberRow } from "@/lib/data/segment-member-list";
import { MEMBER_PAGE_SIZES, MEMBER_SORT_COLUMNS, MEMBER_URL_KEYS, memberListSearchParams } from "./member-list-params";

export const ADDED_VIA_LABELS: Record<SegmentMemberRow["addedVia"], string> = {
  RULE_MATCH: "Rules",
  MANUAL: "Manually",
  IMPORT: "Import",
  API: "API",
};

const column = createColumnHelper<DataTableFeatures, SegmentMemberRow>();

// Sortable columns' ids are the server's sort keys (MEMBER_SORT_COLUMNS).
const columns = column.columns([
  column.accessor((row) => fullName(row), {
    id: "name",
    header: "Name",
    sortDescFirst: false,
    cell: ({ row }) => (
      <Link
        href={`/contacts/${row.original.contactId}`}
        prefetch={false}
        className="font-medium text-brand-700 hover:text-brand-600 hover:underline"
      >
        {fullName(row.original) ?? <span className="text-slate-500 italic">No name</span>}
      </Link>
    ),
  }),
  column.accessor("email", { header: "Email", sortDescFirst: false }),
  column.accessor("lifecycleStage", {
    header: "Lifecycle",
    cell: ({ getValue }) => {
      const stage = getValue();
      return stage ? <Badge tone={LIFECYCLE_TONES[stage]}>{LIFECYCLE_LABELS[stage]}</Badge> : MISSING;
    },
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
]);

/** The segment's members: server-side search, sort and paging; state in ?mq=&mpage=… */
export function MembersTable({ result }: { result: PagedResult<SegmentMemberRow> }) {
  return (
    <DataTable
      columns={columns}
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
}
