"use client";

import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { formatDate } from "@/components/contacts/format";
import { DataTable } from "@/components/data-table/data-table";
import { formatCount } from "@/components/data-table/format";
import type { DataTableFeatures, PagedResult } from "@/components/data-table/types";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { SegmentRow } from "@/lib/data/segments/segment-reads";
import { SEGMENT_PAGE_SIZES, SEGMENT_SORT_COLUMNS, segmentListSearchParams } from "@/lib/segments/list-params";
import { DeleteSegmentDialog } from "./delete-segment-dialog";
import { FRESHNESS_LABELS, FRESHNESS_TONES, freshnessHint, TYPE_LABELS, TYPE_TONES } from "./format";
import { RunStatusView } from "./run-status";

/** What cells need beyond their row: the server's clock and the delete action. */
type TableContext = { now: Date; onDelete: (row: SegmentRow) => void };
const SegmentsTableContext = createContext<TableContext | null>(null);

function useTableContext(): TableContext {
  const context = useContext(SegmentsTableContext);
  if (!context) throw new Error("SegmentsTable cells must render inside SegmentsTable");
  return context;
}

const column = createColumnHelper<DataTableFeatures, SegmentRow>();

const nameColumn = column.accessor("name", {
  header: "Name",
  sortDescFirst: false,
  meta: { className: "max-w-52 truncate" },
  cell: ({ row }) => (
    <Link
      href={`/segments/${row.original.id}`}
      className="font-medium text-brand-700 hover:text-brand-600 hover:underline"
      title={row.original.name}
    >
      {row.original.name}
    </Link>
  ),
});

const descriptionColumn = column.accessor("description", {
  header: "Description",
  // Wraps to two lines at most, so the row stays compact and the table fits at 1280 px.
  cell: ({ getValue }) => {
    const description = getValue();
    return description ? (
      <span title={description} className="line-clamp-2 w-36 whitespace-normal">
        {description}
      </span>
    ) : (
      <span className="text-slate-400">No description</span>
    );
  },
});

const companyColumn = column.accessor("companyName", {
  id: "company",
  header: "Company",
  meta: { className: "max-w-40 truncate" },
});

const typeColumn = column.accessor("type", {
  header: "Type",
  cell: ({ getValue }) => <Badge tone={TYPE_TONES[getValue()]}>{TYPE_LABELS[getValue()]}</Badge>,
});

const contactsColumn = column.accessor("contactCount", {
  header: "Contacts",
  sortDescFirst: true,
  meta: { align: "right" },
  cell: ({ getValue }) => formatCount(getValue()),
});

const recalculatedColumn = column.accessor("lastRecalculatedAt", {
  id: "lastRecalculated",
  // Two lines: the column's values are short, its one-line title would double its width.
  header: "Recalculation",
  cell: ({ row }) => <LastRecalculated segment={row.original} />,
});

const createdColumn = column.accessor("createdAt", {
  header: "Created",
  sortDescFirst: true,
  cell: ({ getValue }) => formatDate(getValue()),
});

const actionsColumn = column.display({
  id: "actions",
  header: () => <span className="sr-only">Actions</span>,
  // Stays in view when a narrow screen scrolls the table sideways.
  meta: {
    align: "right",
    className:
      "sticky right-0 bg-white shadow-[-8px_0_8px_-8px_rgb(15_23_42/0.2)] [thead_&]:bg-slate-50 [tr:hover_&]:bg-slate-50",
  },
  cell: ({ row }) => <RowActions segment={row.original} />,
});

// Sortable columns' ids are the server's sort keys (SEGMENT_SORT_COLUMNS).
const columns = column.columns([
  nameColumn,
  descriptionColumn,
  typeColumn,
  contactsColumn,
  recalculatedColumn,
  createdColumn,
  actionsColumn,
]);

/** "All companies": the same, with the company each segment belongs to. */
const columnsWithCompany = column.columns([
  nameColumn,
  companyColumn,
  descriptionColumn,
  typeColumn,
  contactsColumn,
  recalculatedColumn,
  createdColumn,
  actionsColumn,
]);

const getRowId = (row: SegmentRow) => row.id;

export function SegmentsTable({
  result,
  now,
  showCompany,
  newSegmentHref,
}: {
  result: PagedResult<SegmentRow>;
  /** When the server rendered the page: relative times are computed against it. */
  now: Date;
  showCompany: boolean;
  newSegmentHref: string;
}) {
  const [deleting, setDeleting] = useState<SegmentRow | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);

  const onDelete = useCallback((row: SegmentRow) => {
    setNotice(null);
    setDeleting(row);
  }, []);
  const context = useMemo(() => ({ now, onDelete }), [now, onDelete]);

  const onDeleted = (name: string) => {
    setDeleting(null);
    setNotice(`Segment “${name}” was deleted. Its contacts were kept.`);
  };

  // The row (and the button that had focus) is gone: focus the confirmation instead. This
  // effect runs after the dialog's own (children first), i.e. after it closed.
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  return (
    <SegmentsTableContext.Provider value={context}>
      <p
        ref={noticeRef}
        tabIndex={-1}
        role="status"
        className={
          notice ? "mb-4 rounded-md bg-emerald-50 px-4 py-2.5 text-sm text-emerald-800 outline-none" : "sr-only"
        }
      >
        {notice}
      </p>
      <DataTable
        label="Segments"
        columns={showCompany ? columnsWithCompany : columns}
        result={result}
        getRowId={getRowId}
        searchParams={segmentListSearchParams}
        sortColumns={SEGMENT_SORT_COLUMNS}
        pageSizes={SEGMENT_PAGE_SIZES}
        searchLabel="Search segments"
        searchPlaceholder="Search name or description"
        emptyState={({ q, clearSearch }) =>
          q.trim() ? (
            <EmptyState
              title="No segments match your search"
              description={`Nothing found for “${q.trim()}” in segment names or descriptions.`}
              action={
                <Button variant="secondary" onClick={clearSearch}>
                  Clear search
                </Button>
              }
            />
          ) : (
            <EmptyState
              title="No segments yet"
              description="A segment groups contacts by who they are and what they do: it stays up to date by itself, ready for your campaigns."
              action={
                <Link href={newSegmentHref} className={buttonClasses()}>
                  Create your first segment
                </Link>
              }
            />
          )
        }
      />
      <DeleteSegmentDialog segment={deleting} onClose={() => setDeleting(null)} onDeleted={onDeleted} />
    </SegmentsTableContext.Provider>
  );
}

function LastRecalculated({ segment }: { segment: SegmentRow }) {
  const { now } = useTableContext();
  const hint = freshnessHint(segment.freshness, segment.lastRun?.error);
  return (
    <span className="flex flex-col items-start gap-1">
      <RunStatusView run={segment.run} now={now} compact />
      {segment.run.state === "idle" ? (
        <Badge tone={FRESHNESS_TONES[segment.freshness]} title={hint}>
          {FRESHNESS_LABELS[segment.freshness]}
          <span className="sr-only">: {hint}</span>
        </Badge>
      ) : null}
      {segment.membershipStale && !segment.run.busy ? (
        <Badge tone="amber" title={segment.membershipStale.reason}>
          Membership stale
          <span className="sr-only">: {segment.membershipStale.reason}</span>
        </Badge>
      ) : null}
    </span>
  );
}

const actionBase = "rounded px-0.5 py-1 text-sm font-medium focus-visible:outline-2 focus-visible:outline-brand-600";
const actionLink = `${actionBase} text-slate-600 hover:bg-slate-100 hover:text-slate-900`;

function RowActions({ segment }: { segment: SegmentRow }) {
  const { onDelete } = useTableContext();
  return (
    <span className="inline-flex items-center gap-1.5">
      <Link href={`/segments/${segment.id}`} className={actionLink} aria-label={`View ${segment.name}`}>
        View
      </Link>
      <Link href={`/segments/${segment.id}/edit`} className={actionLink} aria-label={`Edit ${segment.name}`}>
        Edit
      </Link>
      <button
        type="button"
        className={`${actionBase} text-red-600 hover:bg-red-50 hover:text-red-700`}
        aria-label={`Delete ${segment.name}`}
        aria-haspopup="dialog"
        onClick={() => onDelete(segment)}
      >
        Delete
      </button>
    </span>
  );
}
