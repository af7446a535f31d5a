"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/segments-admin/action-result";
import { requireCompanyScope } from "@/lib/session";
import { type ExplainOutcome, explainContactAs, type RecalculateOutcome, recalculateSegmentAs } from "./detail-actions";

// Thin wrappers: find who is asking, then ./detail-actions.ts decides.

/** "Recalculate now" on the detail page. */
export async function recalculateSegmentAction(id: string): Promise<ActionResult<RecalculateOutcome>> {
  const { actor, companyId } = await requireCompanyScope();
  const result = await recalculateSegmentAs(actor, companyId, id);
  if (result.ok) {
    revalidatePath(`/segments/${id}`);
    revalidatePath("/segments");
  }
  return result;
}

/** The explain tree of the segment's rules for the contact with this email. */
export async function explainContactAction(input: {
  segmentId: string;
  email: string;
}): Promise<ActionResult<ExplainOutcome>> {
  const { actor, companyId } = await requireCompanyScope();
  return explainContactAs(actor, companyId, input);
}
