"use server";

import { revalidatePath } from "next/cache";
import type { EmailMatch } from "@/lib/data/contact-picker";
import type { ValueSuggestion } from "@/lib/data/segment-value-suggestions";
import type { ActionResult } from "@/lib/segments-admin/action-result";
import {
  type BuilderCreateInput,
  checkEmailsAs,
  createSegmentAs,
  type PickerPage,
  type PreviewOutcome,
  previewSegmentAs,
  type SavedSegment,
  searchContactsAs,
  suggestValuesAs,
} from "@/lib/segments-admin/builder-actions";
import { requireCompanyScope } from "@/lib/session";

// Thin wrappers: find who is asking, then lib/segments-admin/builder-actions.ts decides.
// The builder on /segments/[id]/edit uses the same preview and pickers.

export async function createSegmentAction(input: BuilderCreateInput): Promise<ActionResult<SavedSegment>> {
  const { actor, companyId } = await requireCompanyScope();
  const result = await createSegmentAs(actor, companyId, input);
  if (result.ok) revalidatePath("/segments");
  return result;
}

export async function previewSegmentAction(input: {
  companyId?: string;
  segmentId?: string;
  rules: unknown;
}): Promise<ActionResult<PreviewOutcome>> {
  const { actor, companyId } = await requireCompanyScope();
  return previewSegmentAs(actor, companyId, input);
}

export async function suggestValuesAction(input: {
  companyId?: string;
  field: string;
  q: string;
}): Promise<ActionResult<ValueSuggestion[]>> {
  const { actor, companyId } = await requireCompanyScope();
  return suggestValuesAs(actor, companyId, input);
}

export async function searchContactsAction(input: {
  companyId?: string;
  q: string;
  page: number;
}): Promise<ActionResult<PickerPage>> {
  const { actor, companyId } = await requireCompanyScope();
  return searchContactsAs(actor, companyId, input);
}

export async function checkEmailsAction(input: {
  companyId?: string;
  emails: string[];
}): Promise<ActionResult<EmailMatch>> {
  const { actor, companyId } = await requireCompanyScope();
  return checkEmailsAs(actor, companyId, input);
}
