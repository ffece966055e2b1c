// Docker cannot run on the machines that build this project, so the container files are checked
// for what they promise instead: a multi-stage, non-root image that runs the compiled entry
// point with a /readyz health check, and a compose topology of PostgreSQL plus two bot instances
// behind one load-balanced port. (test/integration/foundation/two-instances.test.ts runs that
// topology with real processes.)
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

describe("Dockerfile", () => {
  const dockerfile = read("Dockerfile");
  const stages = dockerfile.match(/^FROM .+$/gm) ?? [];

  it("builds in stages and ships production dependencies only", () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/COPY --from=deps .*node_modules/);
  });

  it("runs the compiled entry point that tsconfig.build.json produces, as a non-root user", () => {
    const build = JSON.parse(read("tsconfig.build.json").replace(/^\s*\/\/.*$/gm, "")) as { compilerOptions: { outDir: string; rootDir: string } };
    expect(dockerfile).toContain(`npx tsc -p tsconfig.build.json`);
    expect(dockerfile).toMatch(new RegExp(`CMD \\[.*"${build.compilerOptions.outDir}/src/main\\.js"\\]`));
    // migrate.ts finds the migrations at ../../prisma/migrations from build/src/storage.
    expect(dockerfile).toContain(`cp -r prisma/migrations ${build.compilerOptions.outDir}/prisma/migrations`);
    const lastUser = [...dockerfile.matchAll(/^USER (\S+)$/gm)].at(-1)?.[1];
    expect(lastUser).toBeDefined();
    expect(lastUser).not.toBe("root");
  });

  it("gives the compiled code the package.json `imports` aliases (#core/…) in a build/package.json of its own", () => {
    const build = JSON.parse(read("tsconfig.build.json").replace(/^\s*\/\/.*$/gm, "")) as { compilerOptions: { outDir: string } };
    // Node resolves `#core/x.js` against the nearest package.json: for build/src/… that is build/package.json.
    expect(dockerfile).toMatch(new RegExp(`writeFileSync\\("${build.compilerOptions.outDir}/package\\.json".*imports`));
  });

  it("checks health on /readyz", () => {
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n?.*\/readyz/m);
  });
});

describe("compose.yaml", () => {
  const compose = parse(read("compose.yaml")) as { services: Record<string, { image?: string; ports?: string[]; environment?: Record<string, string>; depends_on?: Record<string, unknown> }> };

  it("runs PostgreSQL and two bot instances on it behind one published port", () => {
    const { services } = compose;
    expect(services.postgres?.image).toMatch(/^postgres:/);
    const bots = Object.entries(services).filter(([, s]) => s.environment?.DATABASE_URL?.includes("@postgres:5432/"));
    expect(bots.map(([name]) => name).sort()).toEqual(["bot-1", "bot-2"]);
    const published = Object.entries(services).filter(([, s]) => s.ports?.length);
    expect(published.map(([name]) => name)).toEqual(["lb"]);
    for (const [, bot] of bots) expect(bot.environment?.NODE_ENV).toBe("production");
  });

  it("balances over both instances and keeps /metrics off the public port", () => {
    const nginx = read("deploy/nginx.conf");
    expect(nginx).toMatch(/server bot-1:3000/);
    expect(nginx).toMatch(/server bot-2:3000/);
    expect(nginx).toMatch(/location = \/metrics \{ return 404; \}/);
  });
});
