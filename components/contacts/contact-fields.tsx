import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { ContactCustomField, ContactDetail } from "@/lib/data/contacts/contacts";
import { contactFieldGroups, type Field, formatCustomValue } from "./fields";
import { MISSING } from "./format";

export function ContactFields({ contact }: { contact: ContactDetail }) {
  return (
    <Card>
      <CardHeader title="Fields" />
      <CardBody className="grid gap-6 sm:grid-cols-2">
        {contactFieldGroups(contact).map((group) => (
          <section key={group.title} aria-label={group.title}>
            <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{group.title}</h3>
            <FieldList fields={group.fields} />
          </section>
        ))}
      </CardBody>
    </Card>
  );
}

export function ContactCustomFields({ fields }: { fields: ContactCustomField[] }) {
  return (
    <Card>
      <CardHeader title="Custom fields" />
      <CardBody>
        {fields.length === 0 ? (
          <p className="text-sm text-slate-500">Your company has no custom fields yet.</p>
        ) : (
          <FieldList
            fields={fields.map((field) => ({
              label: field.label,
              value: formatCustomValue(field),
            }))}
          />
        )}
      </CardBody>
    </Card>
  );
}

function FieldList({ fields }: { fields: Field[] }) {
  return (
    <dl className="mt-2 divide-y divide-slate-100">
      {fields.map((field) => (
        <div key={field.label} className="grid grid-cols-[9.5rem_minmax(0,1fr)] gap-3 py-1.5 text-sm">
          <dt className="text-slate-500">{field.label}</dt>
          <dd className={field.value === MISSING ? "text-slate-400" : "break-words text-slate-900"}>{field.value}</dd>
        </div>
      ))}
    </dl>
  );
}
