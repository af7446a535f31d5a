"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { createCampaignAction, updateCampaignDetailsAction } from "@/app/(app)/campaigns/actions";
import { Button } from "@/components/ui/button";
import { fieldClasses, Input } from "@/components/ui/input";
import { FieldError, Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { type CampaignDetailsInput, CampaignDetailsInputSchema } from "@/lib/campaigns/schema";
import type { ActionError } from "@/lib/segments/action-result";

type Values = { name: string; channel: "email" | "call"; subject: string; message: string };

/**
 * Name, channel, subject and message: creates a draft (then opens it to choose the
 * audience) or saves a draft's details. Checked in the browser and again by the action
 * with the same schema; the action's field errors land on their fields.
 */
export function CampaignDetailsForm({ campaignId, initial }: { campaignId?: string; initial?: Partial<Values> }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(CampaignDetailsInputSchema as never) as never,
    defaultValues: { name: "", channel: "email", subject: "", message: "", ...initial },
  });
  const { errors } = form.formState;

  const submit = form.handleSubmit((values) => {
    setMessage(null);
    startTransition(async () => {
      const input: CampaignDetailsInput = values;
      if (!campaignId) {
        const created = await createCampaignAction(input);
        if (created.ok) {
          router.push(`/campaigns/${created.data.id}`);
          return;
        }
        showErrors(created);
        return;
      }
      const result = await updateCampaignDetailsAction(campaignId, input);
      if (!result.ok) {
        showErrors(result);
        return;
      }
      setMessage({ tone: "ok", text: "Saved." });
      router.refresh();
    });
  });

  function showErrors(result: ActionError) {
    for (const issue of result.issues ?? []) {
      const field = issue.path[0];
      if (field === "name" || field === "channel" || field === "subject" || field === "message") {
        form.setError(field, { message: issue.message });
      }
    }
    setMessage({ tone: "error", text: result.error });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Campaign details">
      <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
        <div>
          <Label htmlFor="campaign-name">Name</Label>
          <Input
            id="campaign-name"
            className="mt-1"
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={errors.name ? "campaign-name-error" : undefined}
            {...form.register("name")}
          />
          <FieldError id="campaign-name-error">{errors.name?.message}</FieldError>
        </div>
        <div>
          <Label htmlFor="campaign-channel">Channel</Label>
          <Select id="campaign-channel" className="mt-1" {...form.register("channel")}>
            <option value="email">Email</option>
            <option value="call">Call list</option>
          </Select>
        </div>
      </div>
      <div>
        <Label htmlFor="campaign-subject">Subject</Label>
        <Input
          id="campaign-subject"
          className="mt-1"
          aria-invalid={errors.subject ? true : undefined}
          aria-describedby={errors.subject ? "campaign-subject-error" : undefined}
          {...form.register("subject")}
        />
        <FieldError id="campaign-subject-error">{errors.subject?.message}</FieldError>
      </div>
      <div>
        <Label htmlFor="campaign-message">Message</Label>
        <textarea
          id="campaign-message"
          rows={5}
          className={`${fieldClasses} mt-1 py-2`}
          aria-invalid={errors.message ? true : undefined}
          aria-describedby={errors.message ? "campaign-message-error" : undefined}
          {...form.register("message")}
        />
        <FieldError id="campaign-message-error">{errors.message?.message}</FieldError>
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" pending={pending}>
          {campaignId ? "Save details" : "Create campaign"}
        </Button>
        <p role="status" className={message?.tone === "error" ? "text-sm text-red-600" : "text-sm text-emerald-700"}>
          {message?.text}
        </p>
      </div>
    </form>
  );
}
