import { describe, expect, it } from "vitest";
import { INTERRUPTED_RUN_ERROR, type RunStatusInput, segmentRunStatus } from "./run-status";

const NOW = new Date("2026-03-01T12:00:00Z");
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

const succeeded = {
  status: "SUCCEEDED" as const,
  startedAt: minutesAgo(10),
  finishedAt: minutesAgo(9),
  durationMs: 1234,
  entered: 3,
  exited: 1,
  error: null,
};

const idle: RunStatusInput = {
  type: "DYNAMIC",
  recalculationState: "IDLE",
  recalculationQueuedAt: null,
  lastRun: succeeded,
  lastFinishedRun: succeeded,
};

describe("segmentRunStatus", () => {
  it("is idle after a run, with that run's time, duration, entered and exited", () => {
    expect(segmentRunStatus(idle, NOW)).toEqual({
      state: "idle",
      since: null,
      overdue: false,
      error: null,
      busy: false,
      lastRun: { status: "SUCCEEDED", at: minutesAgo(9), durationMs: 1234, entered: 3, exited: 1, error: null },
    });
    expect(segmentRunStatus({ ...idle, lastRun: null, lastFinishedRun: null }, NOW)).toMatchObject({
      state: "idle",
      lastRun: null,
    });
  });

  it("is queued since the recorded time, busy until it is overdue", () => {
    const queued = { ...idle, recalculationState: "QUEUED" as const, recalculationQueuedAt: minutesAgo(2) };
    expect(segmentRunStatus(queued, NOW)).toMatchObject({
      state: "queued",
      since: minutesAgo(2),
      overdue: false,
      busy: true,
      lastRun: { entered: 3 },
    });
    expect(segmentRunStatus({ ...queued, recalculationQueuedAt: minutesAgo(61) }, NOW)).toMatchObject({
      state: "queued",
      overdue: true,
      busy: false,
    });
  });

  it("is running while the latest run runs, keeping the previous finished run", () => {
    const running = {
      ...idle,
      recalculationState: "RUNNING" as const,
      lastRun: { ...succeeded, status: "RUNNING" as const, startedAt: minutesAgo(1), finishedAt: null },
    };
    expect(segmentRunStatus(running, NOW)).toMatchObject({
      state: "running",
      since: minutesAgo(1),
      busy: true,
      lastRun: { status: "SUCCEEDED", entered: 3 },
    });
  });

  it("shows a run RUNNING for longer than a run can last as failed (interrupted), not busy", () => {
    const stuck = {
      ...idle,
      recalculationState: "RUNNING" as const,
      lastRun: { ...succeeded, status: "RUNNING" as const, startedAt: minutesAgo(36), finishedAt: null },
    };
    expect(segmentRunStatus(stuck, NOW)).toMatchObject({
      state: "failed",
      error: INTERRUPTED_RUN_ERROR,
      busy: false,
      lastRun: { status: "FAILED", at: minutesAgo(36), error: INTERRUPTED_RUN_ERROR },
    });
  });

  it("is failed with the latest run's error", () => {
    const failedRun = { ...succeeded, status: "FAILED" as const, error: "division by zero", entered: 0, exited: 0 };
    const failed = { ...idle, recalculationState: "FAILED" as const, lastRun: failedRun, lastFinishedRun: failedRun };
    expect(segmentRunStatus(failed, NOW)).toMatchObject({ state: "failed", error: "division by zero", busy: false });
  });

  it("says static for a static segment, whatever its state", () => {
    expect(
      segmentRunStatus(
        { ...idle, type: "STATIC", recalculationState: "QUEUED", lastRun: null, lastFinishedRun: null },
        NOW,
      ),
    ).toMatchObject({ state: "static", busy: false });
  });
});
