import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ImportProgress } from "@/components/contact-import/import-progress";
import { MappingForm } from "@/components/contact-import/mapping-form";
import { importJobStatus } from "@/components/contact-import/status";
import { UploadForm } from "@/components/contact-import/upload-form";
import { formatDateTime } from "@/components/contacts/format";
import { formatCount } from "@/components/data-table/format";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireCompanyScope } from "@/lib/auth/session";
import { listCustomFields } from "@/lib/data/contacts/custom-fields";
import {
  failStalledImportJob,
  getImportJob,
  listImportJobs,
  listImportTargetSegments,
} from "@/lib/data/contacts/import-jobs";

export const metadata: Metadata = { title: "Import contacts" };

type Props = { searchParams: Promise<{ job?: string | string[] }> };

/** Upload → map columns and choose options → watch it run (?job=<id> keeps the place across reloads). */
export default async function ImportContactsPage({ searchParams }: Props) {
  const { companyId } = await requireCompanyScope();
  const { job: jobParam } = await searchParams;
  const jobId = typeof jobParam === "string" ? jobParam : undefined;
  if (jobId) await failStalledImportJob(companyId, jobId);
  const job = jobId ? await getImportJob(companyId, jobId) : null;
  if (jobId && !job) notFound();

  const header = (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/contacts" className="text-slate-500 hover:text-slate-900">
          ← Contacts
        </Link>
      </nav>
      <PageHeader title="Import contacts" description="Add or update contacts from a CSV file." />
    </>
  );

  if (job?.status === "UPLOADED") {
    const [customFields, staticSegments] = await Promise.all([
      listCustomFields(companyId),
      listImportTargetSegments(companyId),
    ]);
    return (
      <>
        {header}
        <Card>
          <CardHeader
            title="Map the columns"
            description="Then choose what happens to existing contacts and where they go."
          />
          <CardBody>
            <MappingForm
              job={{
                id: job.id,
                fileName: job.fileName,
                headers: job.headers,
                sample: job.sample,
                totalRows: job.totalRows,
              }}
              customFields={customFields.map(({ key, label, type, options }) => ({ key, label, type, options }))}
              staticSegments={staticSegments}
            />
          </CardBody>
        </Card>
      </>
    );
  }

  if (job) {
    return (
      <>
        {header}
        <Card>
          <CardHeader title={`Importing ${job.fileName}`} />
          <CardBody>
            <ImportProgress initial={importJobStatus(job)} />
          </CardBody>
        </Card>
      </>
    );
  }

  const recent = await listImportJobs(companyId, 5);
  return (
    <>
      {header}
      <div className="space-y-6">
        <Card>
          <CardHeader title="Upload a CSV file" />
          <CardBody>
            <UploadForm />
          </CardBody>
        </Card>
        {recent.length ? (
          <Card>
            <CardHeader title="Recent imports" />
            <ul className="divide-y divide-slate-100 text-sm">
              {recent.map((item) => (
                <li key={item.id} className="flex flex-wrap items-center justify-between gap-2 px-5 py-3">
                  <Link href={`/contacts/import?job=${item.id}`} className="font-medium text-brand-700 hover:underline">
                    {item.fileName}
                  </Link>
                  <span className="text-slate-500">
                    {formatDateTime(item.createdAt)} · {item.status.toLowerCase()} · {formatCount(item.created)}{" "}
                    created, {formatCount(item.updated)} updated, {formatCount(item.failed)} failed
                  </span>
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
      </div>
    </>
  );
}
