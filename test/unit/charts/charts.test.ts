import { createHash } from "node:crypto";
import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { findChartFontFiles } from "#charts/chart-fonts.js";
import { fitText, textWidth } from "#charts/chart-text-metrics.js";
import {
  renderCultureRadarChart,
  renderKeptRateChart,
  renderPillarTrendChart,
  type RenderedChart,
} from "#charts/charts.js";
import { legendColumns } from "#charts/chart-theme.js";
import { cultureRadarSpec, kiteMaximum } from "#charts/culture-radar-chart.js";
import { cultureInput, keptInput, trendInput } from "./chart-fixtures.js";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const charts: Array<[string, () => Promise<RenderedChart>, string[]]> = [
  ["pillar trend", () => renderPillarTrendChart(trendInput), ["Vertrouwen", "Duidelijke afspraken", "W48"]],
  ["kept rate", () => renderKeptRateChart(keptInput), ["Havenbedrijf Rotterdam N.V.", "82%", "Betrouwbaar volgens partners"]],
  ["culture kite", () => renderCultureRadarChart(cultureInput), ["Hiërarchie", "Adhocratie", "TU Delft", "Externe focus"]],
];

describe.each(charts)("%s chart", (_name, render, labels) => {
  it("renders a PNG of 1600×900 (800×450 at 2×)", async () => {
    const chart = await render();
    expect(chart.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(chart.png)).toEqual({ width: 1600, height: 900 });
    expect({ width: chart.width, height: chart.height }).toEqual({ width: 1600, height: 900 });
  });

  it("draws the translated labels it was given", async () => {
    const { svg } = await render();
    for (const label of labels) expect(svg).toContain(label);
  });

  it("produces the same SVG for the same input", async () => {
    const [a, b] = [await render(), await render()];
    // Compare digests: a failing full-SVG diff would flood the output.
    expect(sha256(a.svg)).toBe(sha256(b.svg));
  });

  it("renders in well under a second once warm", async () => {
    await render();
    const start = performance.now();
    await render();
    expect(performance.now() - start).toBeLessThan(1000);
  });
});

describe("chart rendering options", () => {
  it("renders at 1× when asked", async () => {
    const chart = await renderKeptRateChart(keptInput, { scale: 1 });
    expect(pngSize(chart.png)).toEqual({ width: 800, height: 450 });
  });

  it("marks a hidden value with a dash instead of a bar label", async () => {
    const { svg } = await renderKeptRateChart(keptInput);
    expect(svg).toContain(">–<");
    expect(svg).not.toContain("null");
  });
});

describe("culture kite geometry", () => {
  it("scales the outer ring to the largest value rounded up to 10, at least 40", () => {
    expect(kiteMaximum(cultureInput)).toBe(50);
    const flat = { ...cultureInput, rows: [{ organisation: "A", clan: 25, adhocracy: 25, market: 25, hierarchy: 25 }] };
    expect(kiteMaximum(flat)).toBe(40);
  });

  it("puts clan top left, adhocracy top right, market bottom right and hierarchy bottom left", () => {
    const spec = cultureRadarSpec(cultureInput);
    if (!("vega" in spec)) throw new Error("expected a Vega spec");
    const shapes = spec.vega.data?.find((d) => d.name === "shapes") as { values: Array<Record<string, number | string>> };
    const rings = spec.vega.data?.find((d) => d.name === "rings") as { values: Array<Record<string, number>> };
    const outer = rings.values.at(-1)!;
    const cx = ((outer.x as number) + (outer.x2 as number)) / 2;
    const cy = ((outer.y as number) + (outer.y2 as number)) / 2;
    const tud = shapes.values.filter((v) => v.organisation === "TU Delft");
    const [clan, adhocracy, market, hierarchy] = tud as Array<{ x: number; y: number }>;
    expect(clan!.x < cx && clan!.y < cy).toBe(true);
    expect(adhocracy!.x > cx && adhocracy!.y < cy).toBe(true);
    expect(market!.x > cx && market!.y > cy).toBe(true);
    expect(hierarchy!.x < cx && hierarchy!.y > cy).toBe(true);
    // 34 of 50 points: the clan vertex sits 34/50 of the way from the centre to the corner.
    expect(cx - clan!.x).toBeCloseTo(((cx - (outer.x as number)) * 34) / 50, 5);
  });
});

describe("text metrics used for layout", () => {
  // resvg draws with the real font; its bounding box is the truth our estimate must match.
  const fontFiles = findChartFontFiles();
  function drawnWidth(text: string, size: number, bold: boolean): number {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="100"><text x="10" y="50" font-family="DejaVu Sans" font-size="${size}" font-weight="${bold ? "bold" : "normal"}">${text}</text></svg>`;
    const resvg = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles, defaultFontFamily: "DejaVu Sans" } });
    return resvg.getBBox()?.width ?? 0;
  }

  it.each([
    ["Reliability", false],
    ["Duidelijke afspraken", false],
    ["Havenbedrijf Rotterdam N.V.", false],
    ["Trust pillars, last 8 weeks", true],
    ["Hiërarchie", true],
  ] as const)("estimates the drawn width of %s within 12%%", (text, bold) => {
    const actual = drawnWidth(text, 15, bold);
    expect(actual).toBeGreaterThan(0);
    expect(Math.abs(textWidth(text, 15, bold) - actual) / actual).toBeLessThan(0.12);
  });
});

describe("legend layout", () => {
  it("keeps all entries in one row when they fit and wraps into a grid when they do not", () => {
    expect(legendColumns([100, 100, 100], 500)).toBe(3);
    // 5 × 160 px entries cannot share 700 px; 3 columns (3×181 + 2×18 = 579) can.
    expect(legendColumns([160, 160, 160, 160, 160], 700)).toBe(3);
    expect(legendColumns([900], 300)).toBe(1);
  });

  it("wraps the five Dutch pillar names onto two rows at chat size", async () => {
    const { svg } = await renderPillarTrendChart(trendInput);
    const rows = new Set([...svg.matchAll(/role-legend-entry[\s\S]*/g)].flatMap((m) =>
      [...m[0].matchAll(/<g transform="translate\([\d.]+,([\d.]+)\)"><path class="background" aria-hidden="true" d="M0,0h[\d.]+v[\d.]+h-[\d.]+Z" pointer-events="none" opacity="1"/g)].map((r) => r[1]),
    ));
    expect(rows.size).toBe(2);
  });
});

describe("long labels", () => {
  const longRows = Array.from({ length: 6 }, (_, i) => ({
    organisation: `Organisatie nummer ${i + 1} met een lange naam B.V.`,
    observed: 100 - i * 13,
    perceived: 40 + i * 9,
  }));

  it("cuts a label to the width given, with an ellipsis, and leaves short ones alone", () => {
    expect(fitText("TU Delft", 16, 260)).toBe("TU Delft");
    const cut = fitText("Organisatie nummer 1 met een lange naam B.V.", 16, 260);
    expect(cut.endsWith("…")).toBe(true);
    expect(textWidth(cut, 16)).toBeLessThanOrEqual(260);
    expect(textWidth(`${cut.slice(0, -1)}x…`, 16)).toBeGreaterThan(260 - 16); // not cut much shorter than needed
  });

  it("keeps the plot wide when organisation names are long: names are cut, bars keep their rows", async () => {
    const { svg } = await renderKeptRateChart({ ...keptInput, rows: longRows });
    expect(svg).toContain("Organisatie nummer 6 met een…");
    expect(svg).not.toContain(">Organisatie nummer 6 met een lange naam B.V.<");
    // Six organisations, twelve bars, even though the cut names are all alike.
    expect(svg.match(/aria-roledescription="bar"/g)).toHaveLength(12);
    const [, x] = svg.match(/<g fill="none" stroke-miterlimit="4" transform="translate\((\d+)/) ?? [];
    expect(Number(x)).toBeLessThan(300); // the plot starts right after the cut names
  });
});
