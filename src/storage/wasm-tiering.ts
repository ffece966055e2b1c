// How eagerly V8 optimises the database stack's WebAssembly (PGlite's Postgres and Prisma's query
// compiler), sized for a long-running bot's memory rather than for a benchmark's first second.
//
// V8 runs WebAssembly with its baseline compiler first and re-compiles a function with the
// optimising compiler once that function has run "enough": the tiering budget, ~13 MB of executed
// code per function by default. Opening Postgres, checking the migrations and the first queries
// run a great deal of code once each, so at the default budget V8 optimised hundreds of start-up-
// only functions, which left ~60 MB resident in an idle bot on PGlite (optimised code plus the
// compiler's freed-but-kept memory): 260 MB of RSS instead of 200 MB. At 1,000 MB the one-off
// functions stay on the baseline tier, while the functions a burst of votes repeats cross the
// budget within the first batch: measured on 4 × 1,500 inserts + lookups on PGlite, the CPU time
// per batch was the same as at the default budget (docs/benchmarks.md, start-up section).
import v8 from "node:v8";

const WASM_TIERING_BUDGET = 1_000_000_000;
let raised = false;

/**
 * Raises the budget for every WebAssembly module compiled from now on. Process-wide, so it is set
 * once, before the database opens (PGlite compiles its module when it starts; Prisma compiles
 * its query compiler at the first query).
 */
export function raiseWasmTieringBudget(): void {
  if (raised) return;
  raised = true;
  v8.setFlagsFromString(`--wasm-tiering-budget=${WASM_TIERING_BUDGET}`);
}
