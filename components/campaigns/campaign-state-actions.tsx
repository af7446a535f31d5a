"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { cancelCampaignAction, resumeSendingAction, unscheduleCampaignAction } from "@/app/(app)/campaigns/actions";
import { Button } from "@/components/ui/button";
import type { ActionError } from "@/lib/segments/action-result";

type Action = {
  label: string;
  variant: "primary" | "secondary" | "danger";
  run: (id: string) => Promise<{ ok: true } | ActionError>;
};

const ACTIONS = {
  unschedule: { label: "Unschedule", variant: "secondary", run: unscheduleCampaignAction },
  cancel: { label: "Cancel campaign", variant: "danger", run: cancelCampaignAction },
  cancelSending: { label: "Cancel sending", variant: "danger", run: cancelCampaignAction },
  resume: { label: "Resume sending", variant: "primary", run: resumeSendingAction },
} satisfies Record<string, Action>;

/** The buttons of a scheduled or sending campaign; the page refreshes after each. */
export function CampaignStateActions(props: { campaignId: string; actions: (keyof typeof ACTIONS)[] }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-wrap items-center gap-3">
      {props.actions.map((key) => {
        const action: Action = ACTIONS[key];
        return (
          <Button
            key={key}
            variant={action.variant}
            pending={pending}
            onClick={() =>
              start(async () => {
                setError(null);
                const result = await action.run(props.campaignId);
                if (!result.ok) setError(result.error);
                router.refresh();
              })
            }
          >
            {action.label}
          </Button>
        );
      })}
      {error ? (
        <p role="alert" className="w-full text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}
