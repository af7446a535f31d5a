import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";

/**
 * The endpoint an Inngest server (the dev server, Inngest Cloud or a self-hosted one)
 * calls to discover and run the app's functions (docs/jobs.md).
 */
export const { GET, POST, PUT } = serve({ client: inngest, functions });
