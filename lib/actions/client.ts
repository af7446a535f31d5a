import "server-only";
import { requireCompanyScope } from "@/lib/auth/session";
import { createAuthedActionClient } from "./create-client";

/**
 * The client every server action under app/ is built from: it resolves the signed-in actor
 * and their company (a signed-out caller is redirected to /login), parses the input schema
 * and maps domain errors, so an action is a schema plus a call to its use-case.
 */
export const authedAction = createAuthedActionClient(requireCompanyScope);

export { asActionResult } from "./create-client";
