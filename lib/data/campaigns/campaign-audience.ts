import "server-only";
import { type Sql, sql } from "@prisma/client-runtime-utils";
import type { NormalizedAudience } from "@/lib/campaigns/schema";
import { requireDraft } from "@/lib/data/campaigns/campaigns";
import { listSegments, type SegmentRow } from "@/lib/data/segments/segment-reads";
import { getDb } from "@/lib/db";
import { isUuid, ValidationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AudienceRole, CampaignChannel } from "@/lib/generated/prisma/enums";

/**
 * A campaign's audience: the segments it includes (in the user's order) and excludes, and
 * how many contacts that makes.
 *
 * The count is set-based SQL over SegmentMembership, the stored membership the engine's
 * recalculation maintains (lib/data/segments/segment-recalculation.ts), not a fresh evaluation of
 * every segment's rules: that is what a send freezes, it costs one index scan per segment,
 * and each segment's freshness is shown beside it so a stale one can be recalculated
 * first. Static segments have no rules, so membership is their only truth anyway.
 */

export type AudienceSegment = {
  id: string;
  name: string;
  role: AudienceRole;
  type: SegmentRow["type"];
  contactCount: number;
  freshness: SegmentRow["freshness"];
  lastRecalculatedAt: Date | null;
  /** Frozen at send time (null for drafts). */
  definitionVersion: number | null;
  memberCount: number | null;
};

export type AudienceCount = {
  /** Distinct contacts in at least one included segment. */
  included: number;
  /** Of those, in at least one excluded segment. */
  excluded: number;
  /** Of the rest, unsubscribed or bounced (email only). */
  unsubscribedOrBounced: number;
  /** Who would receive it: included − excluded − unsubscribed/bounced. */
  final: number;
};

/** Every segment of the company, for the audience picker (a company has hundreds, not millions). */
export async function listAudienceOptions(companyId: string, now = new Date()): Promise<SegmentRow[]> {
  const rows: SegmentRow[] = [];
  for (let page = 1; ; page++) {
    const result = await listSegments(companyId, { sort: "name", order: "asc", page, pageSize: 100 }, now);
    rows.push(...result.rows);
    if (!result.hasNextPage) return rows;
  }
}

/** The campaign's included and excluded segments with their sizes and freshness. */
export async function getAudience(companyId: string, campaignId: string, now = new Date()): Promise<AudienceSegment[]> {
  if (!isUuid(companyId) || !isUuid(campaignId)) return [];
  const db = await getDb();
  const links = await db.campaignAudience.findMany({
    where: { companyId, campaignId },
    orderBy: [{ role: "asc" }, { position: "asc" }],
    select: { segmentId: true, role: true, definitionVersion: true, memberCount: true },
  });
  if (links.length === 0) return [];
  const segments = new Map((await listAudienceOptions(companyId, now)).map((segment) => [segment.id, segment]));
  return links.flatMap((link) => {
    const segment = segments.get(link.segmentId);
    if (!segment) return [];
    return [
      {
        id: segment.id,
        name: segment.name,
        role: link.role,
        type: segment.type,
        contactCount: segment.contactCount,
        freshness: segment.freshness,
        lastRecalculatedAt: segment.lastRecalculatedAt,
        definitionVersion: link.definitionVersion,
        memberCount: link.memberCount,
      },
    ];
  });
}

/**
 * Replaces a draft's audience. Every segment must be the company's (another company's id
 * is reported like an unknown one).
 */
export async function setAudience(companyId: string, campaignId: string, audience: NormalizedAudience): Promise<void> {
  await requireDraft(companyId, campaignId);
  const ids = [...audience.include, ...audience.exclude];
  const db = await getDb();
  const known = new Set(
    (await db.segment.findMany({ where: { companyId, id: { in: ids } }, select: { id: true } })).map((s) => s.id),
  );
  const unknown = ids.findIndex((id) => !known.has(id));
  if (unknown >= 0) {
    const inInclude = unknown < audience.include.length;
    throw new ValidationError("Unknown segment", [
      {
        path: [inInclude ? "include" : "exclude", inInclude ? unknown : unknown - audience.include.length],
        message: "No such segment",
      },
    ]);
  }
  const rows = [
    ...audience.include.map((segmentId, position) => ({ segmentId, role: "INCLUDE" as const, position })),
    ...audience.exclude.map((segmentId, position) => ({ segmentId, role: "EXCLUDE" as const, position })),
  ];
  try {
    await db.$transaction([
      db.campaignAudience.deleteMany({ where: { companyId, campaignId } }),
      db.campaignAudience.createMany({ data: rows.map((row) => ({ companyId, campaignId, ...row })) }),
    ]);
  } catch (error) {
    // A segment deleted between the check above and the insert (deleteSegment locks its
    // row, so the insert waits for it, then finds it gone): the same answer as unknown.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003") {
      throw new ValidationError("Unknown segment", [
        { path: ["include"], message: "A segment of this audience has just been deleted" },
      ]);
    }
    throw error;
  }
}

/**
 * The contacts an audience selects, as a query of (contactId, segmentId): each contact
 * once, attributed to the first included segment (in the user's order) that holds it.
 * Excluded segments' members are removed; for email, unsubscribed and bounced contacts too.
 */
export function audienceQuery(companyId: string, audience: NormalizedAudience, channel: CampaignChannel): Sql {
  const positions = audience.include.map((_, index) => index);
  return sql`
    SELECT DISTINCT ON (m."contactId") m."contactId", m."segmentId"
    FROM "SegmentMembership" m
    JOIN unnest(${audience.include}::uuid[], ${positions}::int[]) AS inc("segmentId", "position")
      ON inc."segmentId" = m."segmentId"
    JOIN "Contact" c ON c."companyId" = m."companyId" AND c."id" = m."contactId"
    WHERE m."companyId" = ${companyId}::uuid
      AND NOT EXISTS (
        SELECT 1 FROM "SegmentMembership" x
        WHERE x."companyId" = ${companyId}::uuid AND x."contactId" = m."contactId"
          AND x."segmentId" = ANY(${audience.exclude}::uuid[]))
      ${channel === "EMAIL" ? sql`AND c."subscriptionStatus" = 'ACTIVE'` : sql``}
    ORDER BY m."contactId", inc."position"`;
}

/** The live count of an audience, step by step (the editor shows each step). */
export async function countAudience(
  companyId: string,
  audience: NormalizedAudience,
  channel: CampaignChannel,
): Promise<AudienceCount> {
  if (!isUuid(companyId) || audience.include.length === 0) {
    return { included: 0, excluded: 0, unsubscribedOrBounced: 0, final: 0 };
  }
  const db = await getDb();
  const rows = await db.$queryRaw<{ included: number; excluded: number; inactive: number }[]>(sql`
    WITH included AS (
      SELECT DISTINCT m."contactId" FROM "SegmentMembership" m
      WHERE m."companyId" = ${companyId}::uuid AND m."segmentId" = ANY(${audience.include}::uuid[])
    ),
    flagged AS (
      SELECT i."contactId",
        EXISTS (SELECT 1 FROM "SegmentMembership" x
          WHERE x."companyId" = ${companyId}::uuid AND x."contactId" = i."contactId"
            AND x."segmentId" = ANY(${audience.exclude}::uuid[])) AS "excluded",
        c."subscriptionStatus" <> 'ACTIVE' AS "inactive"
      FROM included i JOIN "Contact" c ON c."companyId" = ${companyId}::uuid AND c."id" = i."contactId"
    )
    SELECT count(*)::int AS "included",
      count(*) FILTER (WHERE "excluded")::int AS "excluded",
      count(*) FILTER (WHERE NOT "excluded" AND "inactive")::int AS "inactive"
    FROM flagged`);
  const row = rows[0] ?? { included: 0, excluded: 0, inactive: 0 };
  const unsubscribedOrBounced = channel === "EMAIL" ? row.inactive : 0;
  return {
    included: row.included,
    excluded: row.excluded,
    unsubscribedOrBounced,
    final: row.included - row.excluded - unsubscribedOrBounced,
  };
}

/** The saved audience of a campaign, as ids. */
export async function audienceIds(
  companyId: string,
  campaignId: string,
  client?: Pick<Prisma.TransactionClient, "campaignAudience">,
): Promise<NormalizedAudience> {
  // Inside a transaction, its client: the embedded database has one connection.
  const db = client ?? (await getDb());
  const links = await db.campaignAudience.findMany({
    where: { companyId, campaignId },
    orderBy: { position: "asc" },
    select: { segmentId: true, role: true },
  });
  return {
    include: links.filter((link) => link.role === "INCLUDE").map((link) => link.segmentId),
    exclude: links.filter((link) => link.role === "EXCLUDE").map((link) => link.segmentId),
  };
}

export type SplitPart = { id: string; name: string; contactCount: number };

/**
 * Splits the campaign's final audience into `parts` new static segments of equal size
 * (±1), at random but deterministically: contacts are ordered by md5(seed || id), the
 * seed being the campaign id, and dealt out with ntile(). The same audience always splits
 * the same way.
 */
export async function splitAudience(companyId: string, campaignId: string, parts: number): Promise<SplitPart[]> {
  const campaign = await requireDraft(companyId, campaignId);
  const audience = await audienceIds(companyId, campaignId);
  if (audience.include.length === 0) {
    throw new ValidationError("Choose segments to include first", [{ path: ["include"], message: "Nothing to split" }]);
  }
  const db = await getDb();
  const names = Array.from({ length: parts }, (_, i) => `${campaign.name} · part ${i + 1} of ${parts}`);
  const taken = await db.segment.findMany({ where: { companyId, name: { in: names } }, select: { name: true } });
  if (taken.length > 0) {
    throw new ValidationError(`A segment named “${taken[0]?.name}” already exists`, [
      { path: ["parts"], message: "These parts exist already" },
    ]);
  }
  return db.$transaction(async (tx) => {
    const created: { id: string; name: string }[] = [];
    for (const name of names) {
      const segment = await tx.segment.create({
        data: {
          companyId,
          name,
          type: "STATIC",
          description: `Random part of the audience of the campaign “${campaign.name}”`,
          lastRecalculatedAt: new Date(),
        },
        select: { id: true, name: true },
      });
      created.push(segment);
    }
    const ids = created.map((segment) => segment.id);
    const ordinals = ids.map((_, index) => index + 1);
    await tx.$executeRaw(sql`
      INSERT INTO "SegmentMembership" ("companyId", "segmentId", "contactId", "addedVia")
      SELECT ${companyId}::uuid, p."segmentId", a."contactId", 'MANUAL'
      FROM (
        SELECT a."contactId", ntile(${parts}::int) OVER (ORDER BY md5(${campaignId}::text || a."contactId"::text)) AS "part"
        FROM (${audienceQuery(companyId, audience, campaign.channel)}) a
      ) a
      JOIN unnest(${ids}::uuid[], ${ordinals}::int[]) AS p("segmentId", "part") ON p."part" = a."part"`);
    await tx.$executeRaw(sql`
      UPDATE "Segment" s SET "contactCount" = (
        SELECT count(*) FROM "SegmentMembership" m WHERE m."companyId" = s."companyId" AND m."segmentId" = s."id")
      WHERE s."companyId" = ${companyId}::uuid AND s."id" = ANY(${ids}::uuid[])`);
    const counts = await tx.segment.findMany({
      where: { companyId, id: { in: ids } },
      select: { id: true, contactCount: true },
    });
    const countOf = new Map(counts.map((row) => [row.id, row.contactCount]));
    return created.map((segment) => ({ ...segment, contactCount: countOf.get(segment.id) ?? 0 }));
  });
}
