// A tiny benchmark kit. These machines are noisy, so every benchmark reports its cases as
// ratios against a baseline measured in the same run, next to the absolute numbers.

/** Timings of one case, in milliseconds. */
export interface CaseResult {
  name: string;
  samples: number;
  mean: number;
  p50: number;
  p99: number;
  max: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

/** Runs `fn` `iterations` times after `warmup` runs and returns its timing distribution. */
export async function measure(name: string, fn: (i: number) => unknown, options: { iterations: number; warmup?: number }): Promise<CaseResult> {
  for (let i = 0; i < (options.warmup ?? Math.min(10, options.iterations)); i++) await fn(-1 - i);
  const times: number[] = [];
  for (let i = 0; i < options.iterations; i++) {
    const start = performance.now();
    await fn(i);
    times.push(performance.now() - start);
  }
  return summarise(name, times);
}

/** Builds a CaseResult from raw durations (for cases that time themselves). */
export function summarise(name: string, times: number[]): CaseResult {
  const sorted = [...times].sort((a, b) => a - b);
  const mean = times.reduce((sum, t) => sum + t, 0) / Math.max(1, times.length);
  return { name, samples: times.length, mean, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN };
}

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3));

/** Prints a table of cases with p50/p99 ratios against the first (baseline) case. */
export function report(title: string, results: CaseResult[]): void {
  const [baseline] = results;
  if (!baseline) return;
  console.log(`\n## ${title}\nbaseline: ${baseline.name}`);
  console.log("| case | n | mean ms | p50 ms | p99 ms | max ms | p50 × baseline | p99 × baseline |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of results) {
    console.log(
      `| ${r.name} | ${r.samples} | ${fmt(r.mean)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.max)} | ${(r.p50 / baseline.p50).toFixed(2)} | ${(r.p99 / baseline.p99).toFixed(2)} |`,
    );
  }
}

/** A benchmark module: `bench/*.bench.ts` default-exports one of these. */
export interface Benchmark {
  title: string;
  run(): Promise<CaseResult[]>;
}

/** One row of the issue-12 scale table: what was measured, against its target, in this run. */
export interface ScaleRow {
  row: string;
  value: string;
  target: string;
  /** The floor measured in the same run (bare Bolt, plain INSERTs), when the row has one. */
  floor?: string;
}

const scaleRows: ScaleRow[] = [];

/** Records a row for the closing "scale targets" table (printed by run.ts). */
export function scaleRow(row: ScaleRow): void {
  scaleRows.push(row);
}

/** Prints the scale rows recorded so far as a markdown table. */
export function reportScaleRows(): void {
  if (scaleRows.length === 0) return;
  console.log("\n## Scale targets (issue 12)\n| row | measured | floor (same run) | target |\n|---|---|---|---|");
  for (const r of scaleRows) console.log(`| ${r.row} | ${r.value} | ${r.floor ?? "–"} | ${r.target} |`);
}

/** Resolves after `ms`. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Runs `count` jobs with at most `concurrency` in flight; resolves when all finished. */
export async function inParallel(count: number, concurrency: number, job: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await job(next++);
    }),
  );
}
