"use client";

import { useActionState, useState, useTransition } from "react";
import { formatDateTime } from "@/components/contacts/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { FieldError, Label } from "@/components/ui/label";
import type { ApiKeyDto } from "@/lib/data/platform/api-keys";
import { type CreateApiKeyState, createApiKeyAction, revokeApiKeyAction } from "./actions";

export function ApiKeysManager({ keys }: { keys: ApiKeyDto[] }) {
  return (
    <div className="space-y-6">
      <CreateKeyCard />
      <Card>
        <CardHeader title="Keys" description="Revoked keys stop working at once; they stay listed for reference." />
        {keys.length === 0 ? (
          <CardBody>
            <EmptyState title="No API keys yet" description="Create one above to connect another system." />
          </CardBody>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead className="bg-slate-50">
                <tr>
                  {["Name", "Key", "Created", "Last used", "Status", ""].map((heading, i) => (
                    <th
                      key={heading || i}
                      scope="col"
                      className="px-5 py-2.5 text-left font-medium whitespace-nowrap text-slate-600"
                    >
                      {heading || <span className="sr-only">Actions</span>}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {keys.map((key) => (
                  <KeyRow key={key.id} apiKey={key} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}

function CreateKeyCard() {
  const [state, action, pending] = useActionState<CreateApiKeyState, FormData>(createApiKeyAction, {});
  return (
    <Card>
      <CardHeader title="Create a key" description="Name it after the system that will use it." />
      <CardBody className="space-y-4">
        {state.key ? <NewKey key={state.key} apiKey={state.key} name={state.keyName ?? ""} /> : null}
        {state.formError ? (
          <div
            role="alert"
            className="rounded-md bg-red-50 px-3 py-2.5 text-sm text-red-700 ring-1 ring-red-200 ring-inset"
          >
            {state.formError}
          </div>
        ) : null}
        <form action={action} noValidate className="flex flex-col gap-3 sm:flex-row sm:items-end">
          <div className="min-w-0 flex-1">
            <Label htmlFor="api-key-name">Name</Label>
            <Input
              id="api-key-name"
              name="name"
              required
              maxLength={100}
              placeholder="e.g. Shop backend"
              aria-invalid={state.fieldError ? true : undefined}
              aria-describedby={state.fieldError ? "api-key-name-error" : undefined}
              // A fresh, empty field after each key created.
              key={state.key ?? "form"}
              className="mt-1.5"
            />
            <FieldError id="api-key-name-error">{state.fieldError}</FieldError>
          </div>
          <Button type="submit" pending={pending} className="sm:mb-px">
            {pending ? "Creating…" : "Create key"}
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}

/** The key, once: copy it now or create another. */
function NewKey({ apiKey, name }: { apiKey: string; name: string }) {
  const [copied, setCopied] = useState<"no" | "yes" | "failed">("no");
  async function copy() {
    try {
      await navigator.clipboard.writeText(apiKey);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  }
  return (
    <div role="status" className="space-y-3 rounded-md bg-amber-50 p-4 ring-1 ring-amber-200 ring-inset">
      <p className="text-sm font-semibold text-amber-900">Your new key “{name}”</p>
      <p className="text-sm text-amber-800">
        Copy it now and keep it somewhere safe: it is shown only this once. Anyone holding it can read and change this
        company’s contacts.
      </p>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <Input
          readOnly
          value={apiKey}
          aria-label="New API key"
          onFocus={(event) => event.currentTarget.select()}
          className="font-mono text-xs"
        />
        <Button variant="secondary" onClick={copy}>
          {copied === "yes" ? "Copied" : "Copy"}
        </Button>
      </div>
      {copied === "failed" ? (
        <p className="text-sm text-red-700">Copying failed: select the key and copy it by hand.</p>
      ) : null}
    </div>
  );
}

function KeyRow({ apiKey }: { apiKey: ApiKeyDto }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const revoked = apiKey.revokedAt !== null;

  function revoke() {
    setError(null);
    startTransition(async () => {
      const result = await revokeApiKeyAction(apiKey.id);
      if (result.ok) setConfirming(false);
      else setError(result.error);
    });
  }

  return (
    <>
      <tr className={revoked ? "text-slate-400" : undefined}>
        <td className="px-5 py-3 font-medium text-slate-900">{apiKey.name}</td>
        <td className="px-5 py-3 whitespace-nowrap">
          <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">{apiKey.prefix}…</code>
        </td>
        <td className="px-5 py-3 whitespace-nowrap">{formatDateTime(apiKey.createdAt)}</td>
        <td className="px-5 py-3 whitespace-nowrap">
          {apiKey.lastUsedAt ? formatDateTime(apiKey.lastUsedAt) : "Never"}
        </td>
        <td className="px-5 py-3 whitespace-nowrap">
          {revoked ? (
            <Badge tone="red" title={`Revoked ${formatDateTime(apiKey.revokedAt)}`}>
              Revoked
            </Badge>
          ) : (
            <Badge tone="green">Active</Badge>
          )}
        </td>
        <td className="px-5 py-3 text-right whitespace-nowrap">
          {revoked || confirming ? null : (
            <Button size="sm" variant="secondary" onClick={() => setConfirming(true)}>
              Revoke…
            </Button>
          )}
        </td>
      </tr>
      {confirming && !revoked ? (
        <tr className="bg-red-50">
          <td colSpan={6} className="px-5 py-3">
            <div
              role="group"
              aria-label={`Confirm revoking ${apiKey.name}`}
              className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between"
            >
              <p className="text-sm text-red-800">
                Revoke “{apiKey.name}”? Systems using it get 401 errors from now on. This cannot be undone.
              </p>
              <div className="flex shrink-0 gap-2">
                <Button size="sm" variant="danger" pending={pending} onClick={revoke}>
                  Revoke key
                </Button>
                <Button size="sm" variant="secondary" disabled={pending} onClick={() => setConfirming(false)}>
                  Cancel
                </Button>
              </div>
            </div>
            {error ? (
              <p role="alert" className="mt-2 text-sm text-red-700">
                {error}
              </p>
            ) : null}
          </td>
        </tr>
      ) : null}
    </>
  );
}
