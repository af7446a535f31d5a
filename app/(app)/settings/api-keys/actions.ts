"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { asActionResult, authedAction } from "@/lib/actions/client";
import { type Actor, authorize } from "@/lib/auth/authz";
import { API_KEY_NAME_MAX, createApiKey, revokeApiKey } from "@/lib/data/platform/api-keys";
import { ForbiddenError } from "@/lib/errors";
import { rejectUnstorableText } from "@/lib/segments/engine/storable-text";

export type CreateApiKeyState = {
  /** The new key: shown once, never stored in the clear. */
  key?: string;
  keyName?: string;
  fieldError?: string;
  formError?: string;
};

const CreateInput = z.object({
  name: z
    .string()
    .superRefine(rejectUnstorableText)
    .trim()
    .min(1, "Name the key, e.g. after the system that will use it")
    .max(API_KEY_NAME_MAX, `At most ${API_KEY_NAME_MAX} characters`),
});

function authorizeKeys(actor: Actor, companyId: string): void {
  try {
    authorize(actor, "apiKeys:manage", companyId);
  } catch (error) {
    throw error instanceof ForbiddenError ? new ForbiddenError("You may not manage API keys of this company.") : error;
  }
}

const createKey = asActionResult(
  authedAction.inputSchema(CreateInput).action(async ({ parsedInput, ctx }) => {
    authorizeKeys(ctx.actor, ctx.companyId);
    const { key, dto } = await createApiKey(ctx.companyId, { name: parsedInput.name, createdById: ctx.actor.userId });
    revalidatePath("/settings/api-keys");
    return { ok: true as const, data: { key, keyName: dto.name } };
  }),
);

/** The form's action (useActionState): the name's problem beside the field, anything else above the form. */
export async function createApiKeyAction(_previous: CreateApiKeyState, formData: FormData): Promise<CreateApiKeyState> {
  const name = formData.get("name");
  const result = await createKey({ name: typeof name === "string" ? name : "" });
  if (result.ok) return result.data;
  if (result.code === "validation_error") return { fieldError: result.issues?.[0]?.message ?? "Check the name" };
  return { formError: result.error };
}

export type RevokeApiKeyResult = { ok: true } | { ok: false; error: string };

/** An id that is not this company's key answers "This API key does not exist (any more)." */
export const revokeApiKeyAction: (id: string) => Promise<RevokeApiKeyResult> = asActionResult(
  authedAction.inputSchema(z.string()).action(async ({ parsedInput: id, ctx }) => {
    authorizeKeys(ctx.actor, ctx.companyId);
    await revokeApiKey(ctx.companyId, id);
    revalidatePath("/settings/api-keys");
    return { ok: true as const };
  }),
);
