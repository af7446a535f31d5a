/**
 * A first-come-first-served limit on how many heavy queries run at once. Engine queries
 * are CPU-bound in PostgreSQL: past about two per database core, more at once only share
 * the cores (every query slows down, the longest ones most) and the tail grows. Queued in
 * arrival order, each query runs at close to its solo speed and the latency of 20
 * concurrent previews narrows to about their mean (bench: `npm run bench -- --concurrent`).
 */
export class QuerySlots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error("QuerySlots: limit must be a whole number ≥ 1");
  }

  /** Runs `work` when a slot is free; the slot is released however `work` ends. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next in line (running stays the same).
      if (next) next();
      else this.running--;
    }
  }

  /** Queries running and waiting, for tests and diagnostics. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}
