import { defineConfig } from "vitest/config";

// Two projects: `unit` is pure and fast (the core, renderers); `integration` opens databases
// and HTTP servers (contract suites on PGlite and PostgreSQL, Slack and Teams over HTTP).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts", "test/architecture.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/contract/**/*.test.ts", "test/integration/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file opens its own databases and servers; two workers match the 2-core machines.
          maxWorkers: 2,
        },
      },
    ],
  },
});
