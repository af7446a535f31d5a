"use server";

import { revalidatePath } from "next/cache";
import type { SegmentOverlap } from "@/lib/data/segment-overlap";
import type { ContactChoice } from "@/lib/data/segment-static-members";
import type { ActionResult } from "@/lib/segments-admin/action-result";
import { requireCompanyScope } from "@/lib/session";
import { type ExplainOutcome, explainContactAs, type RecalculateOutcome, recalculateSegmentAs } from "./detail-actions";
import { computeAnalyticsNowAs, segmentOverlapAs } from "./insight-actions";
import {
  type AddMembersOutcome,
  addStaticMembersAs,
  removeStaticMembersAs,
  searchContactsToAddAs,
} from "./static-member-actions";

// Thin wrappers: find who is asking, then ./detail-actions.ts decides.

/** "Recalculate now" on the detail page. */
export async function recalculateSegmentAction(id: string): Promise<ActionResult<RecalculateOutcome>> {
  const { actor, companyId } = await requireCompanyScope();
  const result = await recalculateSegmentAs(actor, companyId, id);
  if (result.ok) revalidateSegment(id);
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

/** Contacts the segment shares with another segment of its company. */
export async function segmentOverlapAction(input: {
  segmentId: string;
  otherId: string;
}): Promise<ActionResult<SegmentOverlap>> {
  const { actor, companyId } = await requireCompanyScope();
  return segmentOverlapAs(actor, companyId, input);
}

/** Runs the analytics backfill of the last 30 days for the segment's company. */
export async function computeAnalyticsNowAction(
  segmentId: string,
): Promise<ActionResult<{ days: number; written: number }>> {
  const { actor, companyId } = await requireCompanyScope();
  const result = await computeAnalyticsNowAs(actor, companyId, segmentId);
  if (result.ok) revalidatePath(`/segments/${segmentId}`);
  return result;
}

/** Contacts to offer in a static segment's "Add contacts" search. */
export async function searchContactsToAddAction(input: {
  segmentId: string;
  q: string;
}): Promise<ActionResult<ContactChoice[]>> {
  const { actor, companyId } = await requireCompanyScope();
  return searchContactsToAddAs(actor, companyId, input);
}

/** Adds the picked contacts to a static segment. */
export async function addStaticMembersAction(input: {
  segmentId: string;
  contactIds: string[];
}): Promise<ActionResult<AddMembersOutcome>> {
  const { actor, companyId } = await requireCompanyScope();
  const result = await addStaticMembersAs(actor, companyId, input);
  if (result.ok) revalidateSegment(input.segmentId);
  return result;
}

/** Removes the selected members from a static segment. */
export async function removeStaticMembersAction(input: {
  segmentId: string;
  contactIds: string[];
}): Promise<ActionResult<{ removed: number }>> {
  const { actor, companyId } = await requireCompanyScope();
  const result = await removeStaticMembersAs(actor, companyId, input);
  if (result.ok) revalidateSegment(input.segmentId);
  return result;
}

function revalidateSegment(id: string): void {
  revalidatePath(`/segments/${id}`);
  revalidatePath("/segments");
}
