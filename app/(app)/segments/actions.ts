"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/segments-admin/action-result";
import { type DeleteSegmentInfo, deleteSegmentAs, segmentDeleteInfoAs } from "@/lib/segments-admin/segment-actions";
import { requireCompanyScope } from "@/lib/session";

// Thin wrappers: find who is asking, then lib/segments-admin/segment-actions.ts decides.

/** The segment and what deleting it would touch, for the confirmation dialog. */
export async function getSegmentDeleteInfoAction(id: string): Promise<ActionResult<DeleteSegmentInfo>> {
  const { actor, companyId } = await requireCompanyScope();
  return segmentDeleteInfoAs(actor, companyId, id);
}

/** Deletes a segment (never its contacts); refused while a campaign or another segment uses it. */
export async function deleteSegmentAction(input: { id: string }): Promise<ActionResult<{ name: string }>> {
  const { actor, companyId } = await requireCompanyScope();
  const result = await deleteSegmentAs(actor, companyId, input);
  if (result.ok) revalidatePath("/segments");
  return result;
}
