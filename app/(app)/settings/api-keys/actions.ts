"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorize } from "@/lib/authz";
import { API_KEY_NAME_MAX, createApiKey, revokeApiKey } from "@/lib/data/api-keys";
import { ForbiddenError, isUuid, NotFoundError } from "@/lib/errors";
import { rejectUnstorableText } from "@/lib/segments/storable-text";
import { requireCompanyScope } from "@/lib/session";

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

export async function createApiKeyAction(_previous: CreateApiKeyState, formData: FormData): Promise<CreateApiKeyState> {
  const { actor, companyId } = await requireCompanyScope();
  const input = CreateInput.safeParse({ name: formData.get("name") ?? "" });
  if (!input.success) return { fieldError: input.error.issues[0]?.message ?? "Check the name" };
  try {
    authorize(actor, "apiKeys:manage", companyId);
  } catch (error) {
    if (error instanceof ForbiddenError) return { formError: "You may not manage API keys of this company." };
    throw error;
  }
  const { key, dto } = await createApiKey(companyId, { name: input.data.name, createdById: actor.userId });
  revalidatePath("/settings/api-keys");
  return { key, keyName: dto.name };
}

export type RevokeApiKeyResult = { ok: true } | { ok: false; error: string };

export async function revokeApiKeyAction(id: string): Promise<RevokeApiKeyResult> {
  const { actor, companyId } = await requireCompanyScope();
  if (!isUuid(id)) return { ok: false, error: "That key does not exist." };
  try {
    authorize(actor, "apiKeys:manage", companyId);
    await revokeApiKey(companyId, id);
  } catch (error) {
    if (error instanceof ForbiddenError) return { ok: false, error: "You may not manage API keys of this company." };
    if (error instanceof NotFoundError) return { ok: false, error: "That key does not exist." };
    throw error;
  }
  revalidatePath("/settings/api-keys");
  return { ok: true };
}
