"use client";

import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { formatDate } from "@/components/contacts/format";
import { DataTable } from "@/components/data-table/data-table";
import { formatCount } from "@/components/data-table/format";
import type { DataTableFeatures, PagedResult } from "@/components/data-table/types";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { CAMPAIGN_PAGE_SIZES, CAMPAIGN_SORT_COLUMNS, campaignListSearchParams } from "@/lib/campaigns/list-params";
import type { CampaignRow } from "@/lib/data/campaigns/campaigns";
import { CHANNEL_LABELS, STATUS_LABELS, STATUS_TONES } from "./format";

const column = createColumnHelper<DataTableFeatures, CampaignRow>();

const nameColumn = column.accessor("name", {
  header: "Name",
  sortDescFirst: false,
  meta: { className: "max-w-60 truncate" },
  cell: ({ row }) => (
    <Link
      href={`/campaigns/${row.original.id}`}
      className="font-medium text-brand-700 hover:text-brand-600 hover:underline"
      title={row.original.name}
    >
      {row.original.name}
    </Link>
  ),
});

const companyColumn = column.accessor("companyName", { id: "company", header: "Company" });

const channelColumn = column.accessor("channel", {
  header: "Channel",
  cell: ({ getValue }) => CHANNEL_LABELS[getValue()],
});

const subjectColumn = column.accessor("subject", {
  header: "Subject",
  meta: { className: "max-w-60 truncate" },
  cell: ({ getValue }) => getValue() ?? <span className="text-slate-400">—</span>,
});

const statusColumn = column.accessor("status", {
  header: "Status",
  cell: ({ getValue }) => <Badge tone={STATUS_TONES[getValue()]}>{STATUS_LABELS[getValue()]}</Badge>,
});

const recipientsColumn = column.accessor("recipientCount", {
  header: "Recipients",
  meta: { align: "right" },
  cell: ({ row }) => (row.original.status === "DRAFT" ? "—" : formatCount(row.original.recipientCount)),
});

const sentColumn = column.accessor("sentAt", {
  header: "Sent",
  sortDescFirst: true,
  cell: ({ getValue }) => {
    const sentAt = getValue();
    return sentAt ? formatDate(sentAt) : "—";
  },
});

const createdColumn = column.accessor("createdAt", {
  header: "Created",
  sortDescFirst: true,
  cell: ({ getValue }) => formatDate(getValue()),
});

const columns = column.columns([
  nameColumn,
  channelColumn,
  subjectColumn,
  statusColumn,
  recipientsColumn,
  sentColumn,
  createdColumn,
]);
const columnsWithCompany = column.columns([
  nameColumn,
  companyColumn,
  channelColumn,
  subjectColumn,
  statusColumn,
  recipientsColumn,
  sentColumn,
  createdColumn,
]);

const getRowId = (row: CampaignRow) => row.id;

export function CampaignsTable({ result, showCompany }: { result: PagedResult<CampaignRow>; showCompany: boolean }) {
  return (
    <DataTable
      label="Campaigns"
      columns={showCompany ? columnsWithCompany : columns}
      result={result}
      getRowId={getRowId}
      searchParams={campaignListSearchParams}
      sortColumns={CAMPAIGN_SORT_COLUMNS}
      pageSizes={CAMPAIGN_PAGE_SIZES}
      searchLabel="Search campaigns"
      searchPlaceholder="Search by name"
      emptyState={({ q, clearSearch }) =>
        q.trim() ? (
          <EmptyState
            title="No campaigns match your search"
            description={`Nothing found for “${q.trim()}”.`}
            action={
              <button type="button" className={buttonClasses({ variant: "secondary" })} onClick={clearSearch}>
                Clear search
              </button>
            }
          />
        ) : (
          <EmptyState
            title="No campaigns yet"
            description="Create a campaign, choose its segments and send it."
            action={
              <Link href="/campaigns/new" className={buttonClasses()}>
                New campaign
              </Link>
            }
          />
        )
      }
    />
  );
}
