import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireCompanyScope } from "@/lib/auth/session";
import { type CustomFieldDto, listCustomFields } from "@/lib/data/contacts/custom-fields";
import { getCompany } from "@/lib/data/platform/companies";
import { ChangePasswordForm } from "./password-form";

export const metadata: Metadata = { title: "Settings" };

const TYPE_LABELS: Record<CustomFieldDto["type"], string> = {
  TEXT: "Text",
  NUMBER: "Number",
  DATE: "Date",
  BOOLEAN: "Yes / no",
  SELECT: "Single choice",
  MULTI_SELECT: "Multiple choice",
};

export default async function SettingsPage() {
  const { companyId } = await requireCompanyScope();
  const [company, fields] = await Promise.all([getCompany(companyId), listCustomFields(companyId)]);

  return (
    <>
      <PageHeader
        title="Settings"
        description="Your company, your password and the custom fields your contacts carry."
      />
      <div className="space-y-6">
        <Card>
          <CardHeader title="Company" />
          <CardBody>
            <dl className="grid gap-4 sm:grid-cols-2">
              <div>
                <dt className="text-sm font-medium text-slate-500">Name</dt>
                <dd className="mt-1 text-sm text-slate-900">{company?.name ?? "—"}</dd>
              </div>
              <div>
                <dt className="text-sm font-medium text-slate-500">Slug</dt>
                <dd className="mt-1 font-mono text-sm text-slate-700">{company?.slug ?? "—"}</dd>
              </div>
            </dl>
          </CardBody>
        </Card>

        <Card>
          <CardHeader title="Password" description="The password you sign in with." />
          <CardBody>
            <ChangePasswordForm />
          </CardBody>
        </Card>

        <Card>
          <CardHeader
            title="API keys"
            description="Keys let other systems send contacts and events to this company through the REST API."
            actions={
              <Link href="/settings/api-keys" className={buttonClasses({ variant: "secondary", size: "sm" })}>
                Manage API keys
              </Link>
            }
          />
        </Card>

        <Card>
          <CardHeader
            title="Audit log"
            description="Contacts deleted and forgotten (GDPR erasure) in this company, by whom and when."
            actions={
              <Link href="/settings/audit-log" className={buttonClasses({ variant: "secondary", size: "sm" })}>
                Open audit log
              </Link>
            }
          />
        </Card>

        <Card>
          <CardHeader
            title="Custom fields"
            description="Extra contact fields of this company. Segment rules and the API refer to them by key."
          />
          {fields.length === 0 ? (
            <CardBody>
              <EmptyState
                title="No custom fields yet"
                description="Custom fields appear here once they are defined for this company."
              />
            </CardBody>
          ) : (
            <div className="overflow-x-auto">
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <thead className="bg-slate-50">
                  <tr>
                    <th scope="col" className="px-5 py-2.5 text-left font-medium text-slate-600">
                      Label
                    </th>
                    <th scope="col" className="px-5 py-2.5 text-left font-medium text-slate-600">
                      Key
                    </th>
                    <th scope="col" className="px-5 py-2.5 text-left font-medium text-slate-600">
                      Type
                    </th>
                    <th scope="col" className="px-5 py-2.5 text-left font-medium text-slate-600">
                      Options
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {fields.map((field) => (
                    <tr key={field.id}>
                      <td className="px-5 py-3 font-medium text-slate-900">{field.label}</td>
                      <td className="px-5 py-3 whitespace-nowrap">
                        <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">
                          {field.key}
                        </code>
                      </td>
                      <td className="px-5 py-3 text-slate-700">{TYPE_LABELS[field.type]}</td>
                      <td className="px-5 py-3">
                        {field.options.length ? (
                          <div className="flex flex-wrap gap-1">
                            {field.options.map((option) => (
                              <Badge key={option}>{option}</Badge>
                            ))}
                          </div>
                        ) : (
                          <span className="text-slate-400">—</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
