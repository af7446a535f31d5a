"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import { ContactNameLink, LifecycleBadge } from "@/components/contacts/cells";
import { DataTable } from "@/components/data-table/data-table";
import {
  RowSelectionProvider,
  SelectPageBox,
  SelectRowBox,
  useRowSelectionState,
} from "@/components/data-table/row-selection";
import type { DataTableFeatures, PagedResult } from "@/components/data-table/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { CONTACT_PAGE_SIZES, CONTACT_SORT_COLUMNS, contactListSearchParams } from "@/lib/contacts/list-params";
import type { ContactRow } from "@/lib/data/contacts/contacts";
import { ContactsDeleteToolbar } from "./delete-toolbar";
import { formatDate, formatNumber, formatText, fullName } from "./format";
import { SUBSCRIPTION_LABELS, SUBSCRIPTION_TONES } from "./labels";

const column = createColumnHelper<DataTableFeatures, ContactRow>();

// Sortable columns' ids are the server's sort keys (CONTACT_SORT_COLUMNS).
const columns = column.columns([
  column.display({
    id: "select",
    header: () => <SelectPageBox label="Select all contacts on this page" />,
    cell: ({ row }) => <SelectRowBox id={row.original.id} label={`Select ${row.original.email}`} />,
  }),
  column.accessor((row) => fullName(row), {
    id: "name",
    header: "Name",
    sortDescFirst: false,
    cell: ({ row }) => <ContactNameLink contactId={row.original.id} contact={row.original} />,
  }),
  column.accessor("email", { header: "Email", sortDescFirst: false }),
  column.accessor("companyName", { header: "Company", cell: ({ getValue }) => formatText(getValue()) }),
  column.accessor("lifecycleStage", {
    header: "Lifecycle",
    sortDescFirst: false,
    cell: ({ getValue }) => <LifecycleBadge stage={getValue()} />,
  }),
  column.accessor("leadScore", {
    header: "Lead score",
    sortDescFirst: true,
    meta: { align: "right" },
    cell: ({ getValue }) => formatNumber(getValue()),
  }),
  column.accessor("subscriptionStatus", {
    header: "Subscription",
    cell: ({ getValue }) => <Badge tone={SUBSCRIPTION_TONES[getValue()]}>{SUBSCRIPTION_LABELS[getValue()]}</Badge>,
  }),
  column.accessor("lastActivityAt", {
    header: "Last activity",
    sortDescFirst: true,
    cell: ({ getValue }) => formatDate(getValue()),
  }),
  column.accessor("createdAt", {
    header: "Added",
    sortDescFirst: true,
    cell: ({ getValue }) => formatDate(getValue()),
  }),
]);

const getRowId = (row: ContactRow) => row.id;

/** The contacts list; ticked rows (kept across pages) can be deleted, or everything the search matches. */
export function ContactsTable({ result, q }: { result: PagedResult<ContactRow>; q: string }) {
  const pageIds = useMemo(() => result.rows.map((row) => row.id), [result.rows]);
  const selection = useRowSelectionState(pageIds);
  const { selected } = selection;
  const selectedIds = useMemo(() => [...selected], [selected]);

  return (
    <RowSelectionProvider value={selection}>
      <div className="space-y-3">
        {result.rows.length > 0 || result.page > 1 ? (
          <ContactsDeleteToolbar selected={selectedIds} q={q} onDeleted={selection.clear} />
        ) : null}
        <ContactsList result={result} />
      </div>
    </RowSelectionProvider>
  );
}

function ContactsList({ result }: { result: PagedResult<ContactRow> }) {
  return (
    <DataTable
      label="Contacts"
      columns={columns}
      result={result}
      getRowId={getRowId}
      searchParams={contactListSearchParams}
      sortColumns={CONTACT_SORT_COLUMNS}
      pageSizes={CONTACT_PAGE_SIZES}
      searchLabel="Search contacts"
      searchPlaceholder="Search name, email or company"
      emptyState={({ q, clearSearch }) =>
        q.trim() ? (
          <EmptyState
            title="No contacts match your search"
            description={`Nothing found for “${q.trim()}” in names, emails or company names.`}
            action={
              <Button variant="secondary" onClick={clearSearch}>
                Clear search
              </Button>
            }
          />
        ) : (
          <EmptyState
            title="No contacts yet"
            description="Contacts arrive through imports, the API and forms. Once they do, they are listed here."
          />
        )
      }
    />
  );
}
