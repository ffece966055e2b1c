// Prisma CLI configuration. Loaded only by the Prisma CLI (generate, migrate diff/status, studio),
// never by the running bot, which applies migrations itself (src/storage/migrate.ts).
//
// engine "js" + an adapter makes Prisma 6.19 use its WebAssembly schema engine, so no native
// engine is downloaded: this machine and CI have no internet (see docs/database.md).
import { defineConfig } from "prisma/config";
import { createCliAdapterFactory } from "./src/storage/cli-adapter.js";

// The datasource in schema.prisma must parse even though the adapter is what connects;
// without a postgres:// value the CLI falls back to downloading a query engine.
process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/postgres";

// The WebAssembly engine leaves long guard timers behind that keep the CLI alive for 10 s or
// more after it has finished; unref them in this (CLI-only) process.
const originalSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = ((fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const timer = originalSetTimeout(fn, ms, ...args);
  if ((ms ?? 0) >= 5000) timer.unref();
  return timer;
}) as typeof setTimeout;

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  experimental: { adapter: true },
  engine: "js",
  // adapter-pg 7.x (needed: 6.19's cannot read catalog types during migrate) declares its
  // provider as a plain string; the 6.19 config type wants the literal. Same object at run time.
  adapter: async () => createCliAdapterFactory(process.env.DATABASE_URL as string) as never,
});
