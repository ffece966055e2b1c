// Fixed chart inputs shared by the chart tests (and handy for eyeballing samples).
import type { CultureRadarInput, KeptRateInput, PillarTrendInput } from "#charts/chart-data.js";

const periods = ["W41", "W42", "W43", "W44", "W45", "W46", "W47", "W48"];
const pillars = [
  { key: "reliability", label: "Betrouwbaarheid" },
  { key: "reciprocity", label: "Wederkerigheid" },
  { key: "transparency", label: "Transparantie" },
  { key: "clarity", label: "Duidelijke afspraken" },
  { key: "trust", label: "Vertrouwen" },
] as const;
const base = [62, 55, 48, 71, 66];

/** Eight weeks of scores, Dutch labels, one hidden (null) transparency score in W44. */
export const trendInput: PillarTrendInput = {
  title: "Vertrouwenspijlers, laatste 8 weken",
  periods,
  pillars,
  points: pillars.flatMap((p, i) =>
    periods.map((period, j) => ({
      period,
      pillar: p.key,
      score: p.key === "transparency" && j === 3 ? null : Math.round((base[i] ?? 50) + Math.sin(i + j) * 8),
    })),
  ),
  rag: { amber: 50, green: 70 },
  yAxisTitle: "Score (0–100)",
};

/** Three organisations, one with a hidden perceived score. */
export const keptInput: KeptRateInput = {
  title: "Nagekomen afspraken en ervaren betrouwbaarheid",
  rows: [
    { organisation: "Gemeente Rotterdam", observed: 82, perceived: 64 },
    { organisation: "Havenbedrijf Rotterdam N.V.", observed: 58, perceived: 71 },
    { organisation: "TU Delft", observed: 91, perceived: null },
  ],
  seriesLabels: { observed: "Nagekomen (gemeten)", perceived: "Betrouwbaar volgens partners" },
  valueAxisTitle: "0–100",
};

/** Three partner profiles, each summing to 100. */
export const cultureInput: CultureRadarInput = {
  title: "Cultuurprofielen (nu)",
  rows: [
    { organisation: "Gemeente Rotterdam", clan: 22, adhocracy: 13, market: 20, hierarchy: 45 },
    { organisation: "Havenbedrijf Rotterdam N.V.", clan: 18, adhocracy: 22, market: 38, hierarchy: 22 },
    { organisation: "TU Delft", clan: 34, adhocracy: 33, market: 13, hierarchy: 20 },
  ],
  quadrantLabels: { clan: "Familie", adhocracy: "Adhocratie", market: "Markt", hierarchy: "Hiërarchie" },
  axisLabels: { flexibility: "Flexibiliteit", stability: "Stabiliteit", internal: "Interne focus", external: "Externe focus" },
};
