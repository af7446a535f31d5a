import { apiRoute, json } from "@/lib/api/handler";
import { sampleMatching } from "@/lib/data/segments/segment-preview";
import { ValidationError } from "@/lib/errors";
import { apiPreviewSchema } from "@/lib/segments/api-schema";

const PREVIEW_SAMPLE_SIZE = 10;

/** `{ rules }` → `{ count, sample }`: evaluated on current data, nothing stored. */
export const POST = apiRoute(async ({ companyId, body }) => {
  const { rules } = await body(apiPreviewSchema);
  try {
    const { count, sample } = await sampleMatching(companyId, rules, PREVIEW_SAMPLE_SIZE);
    return json({ count, sample });
  } catch (error) {
    // The engine's paths are relative to the definition; the body has it under "rules".
    if (error instanceof ValidationError) {
      throw new ValidationError(
        error.message,
        error.issues.map((issue) => ({ path: ["rules", ...issue.path], message: issue.message })),
      );
    }
    throw error;
  }
});
