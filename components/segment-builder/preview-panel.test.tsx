import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { previewSegmentAction } from "@/app/(app)/segments/new/actions";
import type { ContactSummary } from "@/lib/data/segments/segment-preview";
import type { ActionResult } from "@/lib/segments/action-result";
import type { PreviewOutcome } from "@/lib/segments/builder-actions";
import { renderBuilder } from "@/test/segment-builder-harness";
import { PREVIEW_DEBOUNCE_MS } from "./preview-panel";

// The server actions are the network boundary: each test says what the server answers.
vi.mock("@/app/(app)/segments/new/actions", () => ({
  previewSegmentAction: vi.fn(),
  suggestValuesAction: vi.fn(async () => ({ ok: true, data: [] })),
}));
const preview = vi.mocked(previewSegmentAction);

const germans = {
  match: "all" as const,
  groups: [
    { match: "all" as const, conditions: [{ field: "contact.country", operator: "equals" as const, value: "DE" }] },
  ],
};

const contact = (id: string, name: string | null, email: string, country: string, leadScore: number | null) =>
  ({ id, name, email, country, leadScore, companyName: null, lifecycleStage: null }) as ContactSummary;

function outcome(count: number, sample: ContactSummary[] = []): ActionResult<PreviewOutcome> {
  return { ok: true, data: { count, sample, computedAt: "2026-12-04T10:00:00.000Z", durationMs: 12 } };
}

/** A promise the test resolves when it wants the server to answer. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Lets `ms` of time pass, with whatever timers and answers fall due in it. */
const wait = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
const status = () => screen.getByRole("status", { name: "Matching contacts" });
const valueInput = () =>
  within(screen.getByRole("group", { name: "Group 1 condition 1" })).getByLabelText("Value") as HTMLInputElement;
const sentValues = () =>
  preview.mock.calls.map(([input]) => (input.rules as typeof germans).groups[0]?.conditions[0]?.value);

beforeEach(() => {
  vi.useFakeTimers();
  // Testing Library settles each user-event step on a zero timeout, which it advances only
  // when it sees Jest's fake timers: point it at Vitest's (testing-library/react-testing-library#1197).
  vi.stubGlobal("jest", { advanceTimersByTime: (ms: number) => vi.advanceTimersByTime(ms) });
  preview.mockReset();
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("PreviewPanel", () => {
  it("asks the server once per settled change and shows the count and the sample", async () => {
    const user = userEvent.setup({ delay: null });
    preview.mockResolvedValueOnce(
      outcome(1234, [
        contact("c1", "Anna Schmidt", "anna@example.de", "DE", 80),
        contact("c2", null, "max@example.de", "DE", null),
      ]),
    );
    renderBuilder(germans, { withPreview: true });
    expect(within(status()).getByText("Counting…")).toBeTruthy();

    await wait(PREVIEW_DEBOUNCE_MS - 1);
    expect(preview).not.toHaveBeenCalled();
    await wait(1);
    expect(preview).toHaveBeenCalledTimes(1);
    expect(preview.mock.calls[0]?.[0]).toMatchObject({ companyId: "0a000000-0000-4000-8000-000000000001" });
    expect(within(status()).getByText("1,234")).toBeTruthy();
    expect(within(status()).getByText(/contacts match/)).toBeTruthy();

    const sample = screen.getByRole("list", { name: "Sample contacts" });
    const anna = within(sample).getByRole("link", { name: "Anna Schmidt" });
    expect(anna.getAttribute("href")).toBe("/contacts/c1");
    expect(within(sample).getByText("anna@example.de · DE · score 80")).toBeTruthy();
    expect(within(sample).getByRole("link", { name: "max@example.de" })).toBeTruthy();

    // Typing "SP" then "AIN" quickly is one settled change: one request, with the final value.
    preview.mockResolvedValue(outcome(7));
    await user.clear(valueInput());
    await user.type(valueInput(), "SPAIN");
    expect(within(status()).queryByText("1,234")).toBeNull(); // the old count is out of date
    expect(within(status()).getByText("Counting…")).toBeTruthy();
    await wait(PREVIEW_DEBOUNCE_MS);
    expect(preview).toHaveBeenCalledTimes(2);
    expect(sentValues()).toEqual(["DE", "SPAIN"]);
    expect(within(status()).getByText("7")).toBeTruthy();
  });

  it("does not ask the server while the rules are incomplete, and says why", async () => {
    renderBuilder(undefined, { withPreview: true });
    await wait(PREVIEW_DEBOUNCE_MS * 3);

    expect(preview).not.toHaveBeenCalled();
    expect(within(status()).getByText("Not counted yet: the rules are incomplete.")).toBeTruthy();
    expect(within(status()).getByText(/^groups\.0\.conditions\.0\.field: /)).toBeTruthy();
  });

  it("shows the server's refusal and its issues, in the panel and at the condition", async () => {
    const user = userEvent.setup({ delay: null });
    preview.mockResolvedValue({
      ok: false,
      code: "validation_error",
      error: "The rules are not valid.",
      issues: [{ path: ["groups", 0, "conditions", 0, "value"], message: "this value is refused by the server" }],
    });
    renderBuilder(germans, { withPreview: true });
    await wait(PREVIEW_DEBOUNCE_MS);

    expect(within(status()).getByText("The rules are not valid.")).toBeTruthy();
    expect(within(status()).getByText("groups.0.conditions.0.value: this value is refused by the server")).toBeTruthy();
    expect(within(status()).queryByText(/contacts? match/)).toBeNull();

    // The row was not touched yet: the issue shows there after a save attempt.
    const row = screen.getByRole("group", { name: "Group 1 condition 1" });
    expect(within(row).queryByText("Value: this value is refused by the server")).toBeNull();
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(within(row).getByText("Value: this value is refused by the server")).toBeTruthy();
  });

  it("says so when the server cannot be reached", async () => {
    preview.mockRejectedValue(new Error("fetch failed"));
    renderBuilder(germans, { withPreview: true });
    await wait(PREVIEW_DEBOUNCE_MS);

    expect(within(status()).getByText("Could not reach the server.")).toBeTruthy();
  });

  it("never lets the late answer of an older request overwrite a newer one", async () => {
    const user = userEvent.setup({ delay: null });
    const first = deferred<ActionResult<PreviewOutcome>>();
    const second = deferred<ActionResult<PreviewOutcome>>();
    preview.mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise);
    renderBuilder(germans, { withPreview: true });
    await wait(PREVIEW_DEBOUNCE_MS);

    await user.type(valueInput(), "X");
    await wait(PREVIEW_DEBOUNCE_MS);
    expect(sentValues()).toEqual(["DE", "DEX"]);

    // The older request answers first: still counting, its number never shows.
    await act(async () => first.resolve(outcome(111)));
    expect(within(status()).queryByText("111")).toBeNull();
    expect(within(status()).getByText("Counting…")).toBeTruthy();

    await act(async () => second.resolve(outcome(222)));
    expect(within(status()).getByText("222")).toBeTruthy();
  });

  it("keeps the newer answer when the older one arrives after it", async () => {
    const user = userEvent.setup({ delay: null });
    const first = deferred<ActionResult<PreviewOutcome>>();
    const second = deferred<ActionResult<PreviewOutcome>>();
    preview.mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise);
    renderBuilder(germans, { withPreview: true });
    await wait(PREVIEW_DEBOUNCE_MS);
    await user.type(valueInput(), "X");
    await wait(PREVIEW_DEBOUNCE_MS);

    await act(async () => second.resolve(outcome(222)));
    await act(async () => first.resolve(outcome(111)));

    expect(within(status()).getByText("222")).toBeTruthy();
    expect(within(status()).queryByText("111")).toBeNull();
  });
});
