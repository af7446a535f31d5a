/**
 * For integration tests of code that requests background jobs: no Inngest server is
 * configured, so recalculations run inline, in the call, where the test can see them.
 */
export function runJobsInline(): void {
  delete process.env.INNGEST_EVENT_KEY;
  delete process.env.INNGEST_BASE_URL;
  delete process.env.INNGEST_DEV;
}
