"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/segments-admin/action-result";
import { type BuilderUpdateInput, type UpdatedSegment, updateSegmentAs } from "@/lib/segments-admin/builder-actions";
import { requireCompanyScope } from "@/lib/session";

// Thin wrapper: find who is asking, then lib/segments-admin/builder-actions.ts decides.

export async function updateSegmentAction(input: BuilderUpdateInput): Promise<ActionResult<UpdatedSegment>> {
  const { actor, companyId } = await requireCompanyScope();
  const result = await updateSegmentAs(actor, companyId, input);
  if (result.ok) {
    revalidatePath("/segments");
    revalidatePath(`/segments/${result.data.id}`);
  }
  return result;
}
