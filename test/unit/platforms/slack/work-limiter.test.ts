import { describe, expect, it } from "vitest";
import { createWorkLimiter } from "#platforms/slack/services/work-limiter.js";

/** A job that records when it started and ends when `release()` is called. */
function gate(log: string[], name: string) {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return { job: async () => (log.push(name), done), release: () => release() };
}

describe("work limiter", () => {
  it("runs at most `concurrency` jobs at once, in arrival order", async () => {
    const log: string[] = [];
    const limiter = createWorkLimiter(2);
    const [a, b, c] = ["a", "b", "c"].map((name) => gate(log, name)) as [ReturnType<typeof gate>, ReturnType<typeof gate>, ReturnType<typeof gate>];
    const runs = [a, b, c].map((g) => limiter.run(g.job));
    await Promise.resolve();
    expect(log).toEqual(["a", "b"]);
    a.release();
    await runs[0];
    await Promise.resolve();
    expect(log).toEqual(["a", "b", "c"]);
    b.release();
    c.release();
    await Promise.all(runs);
    expect(limiter.size()).toBe(0);
  });

  it("starts background jobs only while no request's job is waiting", async () => {
    const log: string[] = [];
    const limiter = createWorkLimiter(1);
    const first = gate(log, "request 1");
    const refresh = gate(log, "background");
    const second = gate(log, "request 2");
    const runs = [limiter.run(first.job), limiter.runInBackground(refresh.job), limiter.run(second.job)];
    await Promise.resolve();
    first.release();
    await runs[0];
    await Promise.resolve();
    expect(log).toEqual(["request 1", "request 2"]);
    second.release();
    await runs[2];
    await Promise.resolve();
    expect(log).toEqual(["request 1", "request 2", "background"]);
    refresh.release();
    await Promise.all(runs);
  });
});
