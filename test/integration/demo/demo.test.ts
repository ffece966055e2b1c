// `npm run demo` end to end on an in-memory PGlite: the sample alliance seeded through the real
// core services, this week's summary built and written as Markdown with its chart PNGs. Uses a
// shorter pulse history (from week 9) than the real demo so the test stays well under 20 s.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translate } from "#core/i18n/catalogue.js";
import { runDemo, type DemoResult } from "#demo/run-demo.js";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe("npm run demo", () => {
  let out: string;
  let result: DemoResult;
  let markdown: string;

  beforeAll(async () => {
    out = await mkdtemp(path.join(tmpdir(), "atb-demo-"));
    result = await runDemo({
      dataDir: "memory://demo-test",
      outDir: out,
      locale: "en",
      summaryMonday: { year: 2026, month: 11, day: 23 },
      firstPulseWeek: 9,
    });
    markdown = await readFile(result.written.markdownPath, "utf8");
  }, 120_000); // generous: a shared 2-core machine takes ~60 s where a laptop takes 20

  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it("seeds three partners, twelve weeks of agreements and the brief's poll through the services", () => {
    const { counts, members } = result.seeded;
    expect(members.size).toBe(27);
    expect(counts.create_commitment).toBeGreaterThanOrEqual(50);
    expect(counts.dispute).toBe(3);
    expect(counts.vote).toBe(18);
    expect(counts.culture).toBe(18);
    expect(result.seeded.answers).toBeGreaterThan(200);
  });

  it("reports the week before the summary's Monday and diagnoses that trust in Waterbedrijf Delta lags behind its record", () => {
    expect(result.summary.period.key).toBe("2026-W47");
    const delta = result.summary.organizations.find((o) => o.name === "Waterbedrijf Delta")!.organizationId;
    expect(result.summary.diagnosis).toMatchObject({ diagnosis: "trust_lags", subject: { kind: "organization", organizationId: delta } });
    expect(markdown).toContain(translate("en", "trustHealth.diagnosis.trust_lags.title"));
    expect(markdown).toContain("**Trust lags: Waterbedrijf Delta keeps");
    expect(markdown).toContain("but trust in Waterbedrijf Delta is low");
    // Who should talk to whom, by name.
    expect(markdown).toContain("- Gemeente Rivierstad and Ingenieursbureau Brug: Waterbedrijf Delta keeps its agreements with you; talk with Waterbedrijf Delta");
    expect(markdown).toMatch(/\| Trust \| 61% \|/);
    for (const org of ["Gemeente Rivierstad", "Waterbedrijf Delta", "Ingenieursbureau Brug"]) expect(markdown).toContain(org);
  });

  it("names the scripted broken, disputed and overdue agreements and Brug's falling participation", () => {
    expect(result.summary.events.map((e) => e.event.kind)).toEqual([
      "commitment_broken",
      "commitment_disputed",
      "commitment_overdue",
      "participation_falling",
    ]);
    expect(markdown).toContain("Sonderingen Havenkwartier uitvoeren");
    expect(markdown).toContain("Nulmeting waterkwaliteit Stadsgracht leveren");
    expect(markdown).toContain("Berekening capaciteit gemaal Noordkade opleveren");
  });

  it("writes the three charts as PNGs and links them from the Markdown", async () => {
    expect(result.written.chartProblem).toBeNull();
    expect(result.written.charts.map((c) => c.name)).toEqual(["pillar-trends", "kept-rate", "culture-radar"]);
    for (const chart of result.written.charts) {
      const png = await readFile(chart.path);
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect(png.length).toBeGreaterThan(10_000);
      expect(markdown).toContain(`](${path.basename(chart.path)})`);
    }
  });
});
