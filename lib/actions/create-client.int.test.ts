import { redirect } from "next/navigation";
import { isNavigationError } from "next-safe-action";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { type Actor, authorize } from "@/lib/auth/authz";
import { campaignCompanyFor } from "@/lib/campaigns/campaign-actions";
import { CampaignCreateInputSchema } from "@/lib/campaigns/schema";
import { createCampaign } from "@/lib/data/campaigns/campaigns";
import { createApiKey, revokeApiKey } from "@/lib/data/platform/api-keys";
import { setDb } from "@/lib/db";
import { ConflictError, InUseError, ValidationError } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { asActionResult, createAuthedActionClient, INVALID_INPUT_MESSAGE } from "./create-client";

let t: TestDatabase;
let alpha: string;
let beta: string;
let mia: Actor;
let betaKeyId: string;
let betaCampaignId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  alpha = (await t.db.company.create({ data: { name: "Alpha", slug: "alpha" } })).id;
  beta = (await t.db.company.create({ data: { name: "Beta", slug: "beta" } })).id;
  const user = await t.db.user.create({
    data: { companyId: alpha, email: "mia@alpha.example", name: "Mia", passwordHash: "x" },
  });
  const bo = await t.db.user.create({
    data: { companyId: beta, email: "bo@beta.example", name: "Bo", passwordHash: "x" },
  });
  mia = { userId: user.id, email: user.email, name: "Mia", role: "MEMBER", companyId: alpha };
  betaKeyId = (await createApiKey(beta, { name: "Beta's CRM", createdById: bo.id })).dto.id;
  betaCampaignId = (await createCampaign(beta, CampaignCreateInputSchema.parse({ name: "Beta news" }), bo.id)).id;
});

afterAll(async () => {
  await t?.close();
});

const asMia = createAuthedActionClient(async () => ({ actor: mia, companyId: alpha }));

describe("the authed action client", () => {
  it("hands the action the actor and company the resolver found", async () => {
    const whoAmI = asActionResult(
      asMia.inputSchema(z.object({})).action(async ({ ctx }) => ({
        ok: true as const,
        data: { userId: ctx.actor.userId, companyId: ctx.companyId },
      })),
    );
    expect(await whoAmI({})).toEqual({ ok: true, data: { userId: mia.userId, companyId: alpha } });
  });

  it("lets the resolver's redirect to /login through, before the input is parsed or the action runs", async () => {
    const signedOut = createAuthedActionClient(async () => redirect("/login"));
    const body = vi.fn(async () => ({ ok: true as const }));
    const action = asActionResult(signedOut.inputSchema(z.object({ id: z.string() })).action(body));
    const error = await action({ id: 42 } as never).catch((thrown: unknown) => thrown);
    expect(isNavigationError(error)).toBe(true);
    expect(body).not.toHaveBeenCalled();
  });

  it("answers schema errors as field issues with their paths, without running the action", async () => {
    const body = vi.fn(async () => ({ ok: true as const }));
    const action = asActionResult(
      asMia
        .inputSchema(z.object({ name: z.string().min(1, "Name it"), ids: z.array(z.string("Not an id")) }))
        .action(body),
    );
    const result = await action({ name: "", ids: ["a", 7] } as never);
    expect(result).toEqual({
      ok: false,
      code: "validation_error",
      error: INVALID_INPUT_MESSAGE,
      issues: [
        { path: ["name"], message: "Name it" },
        { path: ["ids", 1], message: "Not an id" },
      ],
    });
    expect(body).not.toHaveBeenCalled();
  });

  it("names the missing thing: another company's API key or campaign does not exist for this member", async () => {
    const revoke = asActionResult(
      asMia.inputSchema(z.string()).action(async ({ parsedInput, ctx }) => {
        await revokeApiKey(ctx.companyId, parsedInput);
        return { ok: true as const };
      }),
    );
    expect(await revoke(betaKeyId)).toEqual({
      ok: false,
      code: "not_found",
      error: "This API key does not exist (any more).",
    });
    expect((await t.db.apiKey.findUniqueOrThrow({ where: { id: betaKeyId } })).revokedAt).toBeNull();

    const open = asActionResult(
      asMia.inputSchema(z.string()).action(async ({ parsedInput, ctx }) => {
        await campaignCompanyFor(ctx.actor, ctx.companyId, parsedInput, "campaigns:read");
        return { ok: true as const };
      }),
    );
    expect(await open(betaCampaignId)).toMatchObject({
      ok: false,
      code: "not_found",
      error: "This campaign does not exist (any more).",
    });
  });

  it("maps forbidden, conflict, in-use and validation errors to their codes, keeping field issues", async () => {
    const failWith = (error: () => unknown) =>
      asActionResult(
        asMia.inputSchema(z.object({})).action(async () => {
          throw error();
        }),
      )({});
    expect(await failWith(() => authorize(mia, "apiKeys:manage", beta))).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    const taken = [{ path: ["name"], message: "That name is taken" }];
    expect(await failWith(() => new ConflictError("Name taken", taken))).toEqual({
      ok: false,
      code: "conflict",
      error: "Name taken",
      issues: taken,
    });
    expect(await failWith(() => new InUseError("Used by a campaign", "segment_in_use", { campaigns: [] }))).toEqual({
      ok: false,
      code: "conflict",
      error: "Used by a campaign",
    });
    const invalid = [{ path: ["rules", "groups", 0], message: "Add a condition" }];
    expect(await failWith(() => new ValidationError("Check the rules", invalid))).toEqual({
      ok: false,
      code: "validation_error",
      error: "Check the rules",
      issues: invalid,
    });
  });

  it("answers an unexpected error with a generic message, logged on the server, never its text or stack", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const action = asActionResult(
        asMia.inputSchema(z.object({})).action(async () => {
          throw new Error("connection string postgres://secret@db");
        }),
      );
      const result = await action({});
      expect(result).toEqual({ ok: false, code: "internal", error: "Something went wrong. Please try again." });
      expect(JSON.stringify(result)).not.toContain("secret");
      expect(log).toHaveBeenCalled();
    } finally {
      log.mockRestore();
    }
  });
});
