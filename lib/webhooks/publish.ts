import "server-only";

/**
 * CONTRACT between the automations and the outbound-webhooks work of issue 15 (replaced
 * by the webhooks implementation when it lands): queues one event for delivery to the
 * company's enabled endpoints subscribed to its type (all of them, or only `endpointIds`),
 * signed per Standard Webhooks, retried with backoff. Returns how many deliveries were
 * queued. Callers: contact writes (`contact.created`/`contact.updated`), the membership
 * change consumer (`segment.entered`/`segment.exited`), the automations' "call a webhook"
 * action (`workflow.action`).
 */
export type WebhookEventType =
  | "segment.entered"
  | "segment.exited"
  | "contact.created"
  | "contact.updated"
  | "workflow.action";

export type PublishWebhookEvent = {
  type: WebhookEventType;
  /** The event's `data` object (JSON). */
  data: Record<string, unknown>;
  /** Only these endpoints of the company (the "call a webhook" action names one). */
  endpointIds?: readonly string[];
  /** Stable id for deduplication (becomes the webhook-id header); generated when absent. */
  idempotencyKey?: string;
};

export async function publishWebhookEvent(
  _companyId: string,
  _event: PublishWebhookEvent,
): Promise<{ queued: number }> {
  throw new Error("Outbound webhooks are not built yet (issue 15 §3)");
}
