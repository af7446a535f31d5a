"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FieldError, Label } from "@/components/ui/label";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";
import { type ChangePasswordState, changePasswordAction } from "./password-actions";

const FIELDS = [
  { name: "currentPassword", label: "Current password", autoComplete: "current-password" },
  { name: "newPassword", label: "New password", autoComplete: "new-password" },
  { name: "confirmPassword", label: "New password again", autoComplete: "new-password" },
] as const;

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState<ChangePasswordState, FormData>(changePasswordAction, {});
  const ended = state.changed?.endedSessions ?? 0;
  return (
    <form action={action} noValidate className="max-w-sm space-y-4">
      {state.changed ? (
        <div role="status" className="rounded-md bg-green-50 px-3 py-2.5 text-sm text-green-800 ring-1 ring-green-200">
          Your password was changed.
          {ended ? ` ${ended} other ${ended === 1 ? "session was" : "sessions were"} signed out.` : ""}
        </div>
      ) : null}
      {FIELDS.map((field) => {
        const error = state.fieldErrors?.[field.name];
        return (
          <div key={field.name}>
            <Label htmlFor={field.name}>{field.label}</Label>
            <Input
              id={field.name}
              name={field.name}
              type="password"
              autoComplete={field.autoComplete}
              required
              // Cleared after a successful change.
              key={`${field.name}-${state.changed ? "done" : "editing"}`}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${field.name}-error` : undefined}
              className="mt-1.5"
            />
            <FieldError id={`${field.name}-error`}>{error}</FieldError>
          </div>
        );
      })}
      <p className="text-sm text-slate-500">
        At least {PASSWORD_MIN_LENGTH} characters. Changing it signs you out everywhere else.
      </p>
      <Button type="submit" pending={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
