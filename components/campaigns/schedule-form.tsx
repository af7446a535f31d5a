"use client";

import { useId, useState, useTransition } from "react";
import { scheduleCampaignAction } from "@/app/(app)/campaigns/actions";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

/**
 * "Schedule" a draft for later. The field is the user's local date and time; it is sent
 * as an ISO instant, so the server compares it with its clock in any time zone.
 */
export function ScheduleForm(props: {
  campaignId: string;
  disabled: boolean;
  simulateEngagement: boolean;
  onScheduled: () => void;
}) {
  const fieldId = useId();
  const [value, setValue] = useState("");
  const [pending, start] = useTransition();
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="flex w-full flex-wrap items-end gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        start(async () => {
          setFieldError(null);
          setError(null);
          const instant = value ? new Date(value) : null;
          const scheduledAt = instant && !Number.isNaN(instant.getTime()) ? instant.toISOString() : "";
          const result = await scheduleCampaignAction({
            campaignId: props.campaignId,
            scheduledAt,
            simulateEngagement: props.simulateEngagement,
          });
          if (result.ok) return props.onScheduled();
          const issue = result.issues?.find((i) => i.path[0] === "scheduledAt");
          if (issue) setFieldError(issue.message);
          else setError(result.error);
        });
      }}
    >
      <div>
        <label htmlFor={fieldId} className="block text-sm font-medium text-slate-700">
          Send at
        </label>
        <Input
          id={fieldId}
          type="datetime-local"
          className="mt-1 w-56"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? `${fieldId}-error` : undefined}
        />
      </div>
      <Button type="submit" variant="secondary" pending={pending} disabled={props.disabled}>
        Schedule
      </Button>
      {fieldError ? (
        <p id={`${fieldId}-error`} className="w-full text-sm text-red-600">
          {fieldError}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="w-full text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </form>
  );
}
