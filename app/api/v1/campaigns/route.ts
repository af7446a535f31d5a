import { z } from "zod";
import { apiRoute, json } from "@/lib/api/handler";
import { encodeCursor, listQuerySchema } from "@/lib/api/pagination";
import { apiCampaign } from "@/lib/api/serialize";
import { CampaignCreateInputSchema } from "@/lib/campaigns/schema";
import { createCampaign, listCampaigns } from "@/lib/data/campaigns/campaigns";

/** The cursor holds the last campaign's (createdAt, id). */
const ListQuery = listQuerySchema(
  z.tuple([z.iso.datetime(), z.uuid()]).transform(([createdAt, id]) => ({ createdAt: new Date(createdAt), id })),
);

/** `{ campaigns: [...], nextCursor }`, newest first. */
export const GET = apiRoute(async ({ companyId, query }) => {
  const { q, cursor, limit } = query(ListQuery);
  const page = await listCampaigns(companyId, { q, after: cursor, limit });
  return json({
    campaigns: page.campaigns.map(apiCampaign),
    nextCursor: page.next ? encodeCursor([page.next.createdAt.toISOString(), page.next.id]) : null,
  });
});

/** Registers a campaign of a sending system as a draft, 201. */
export const POST = apiRoute(async ({ companyId, body }) => {
  const input = await body(CampaignCreateInputSchema);
  return json(apiCampaign(await createCampaign(companyId, input)), 201);
});
