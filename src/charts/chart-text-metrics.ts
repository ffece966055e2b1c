// Text widths for vega's layout without `canvas`. Vega's fallback guesses 0.8 em per character,
// which makes legends and titles far too wide and bunches axis labels; these per-character
// advances are DejaVu Sans's (units per em 2048, rounded to 0.01 em), so layout matches what
// resvg draws.
import * as vega from "vega";

const NARROW = 0.28; // i l j ' | and friends
const widths = new Map<string, number>();
function set(chars: string, em: number): void {
  for (const ch of chars) widths.set(ch, em);
}
set("ijl|!'", NARROW);
set(" ", 0.32);
set(".,:;", 0.32);
set("ftrI()[]{}-", 0.39);
set("sz\"", 0.52);
set("cJ?", 0.55);
set("abdeghknopquvxy", 0.62);
set("0123456789$#_+=<>~^*%", 0.64);
set("ELFPSTYZ", 0.64);
set("BCKRVX", 0.69);
set("ADGHNOUQ&", 0.77);
set("mM", 0.93);
set("wW", 0.90);
const DEFAULT_EM = 0.62; // accented letters, en dash and the rest: a typical lowercase advance

/** Estimated width in px of `text` in DejaVu Sans at `size` px; bold faces are ~10% wider. */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += widths.get(ch) ?? DEFAULT_EM;
  return em * size * (bold ? 1.1 : 1);
}

let installed = false;

/** Makes vega measure text with `textWidth` (once per process; vega keeps this globally). */
export function installTextMetrics(): void {
  if (installed) return;
  installed = true;
  // vega exports textMetrics at run time but its typings leave it out.
  const metrics = (vega as unknown as { textMetrics: { width: (item: Record<string, unknown>, text?: unknown) => number } })
    .textMetrics;
  metrics.width = (item: Record<string, unknown>, text?: unknown): number => {
    const value = text ?? item["text"];
    const str = value == null ? "" : Array.isArray(value) ? value.join(" ") : String(value);
    const size = typeof item["fontSize"] === "number" ? item["fontSize"] : 11;
    const weight = item["fontWeight"];
    return textWidth(str, size, weight === "bold" || (typeof weight === "number" && weight >= 600));
  };
}

/** `text`, cut with an ellipsis so it is at most `maxWidth` px wide in DejaVu Sans at `size` px. */
export function fitText(text: string, size: number, maxWidth: number, bold = false): string {
  if (textWidth(text, size, bold) <= maxWidth) return text;
  const chars = [...text];
  let keep = chars.length;
  while (keep > 0 && textWidth(`${chars.slice(0, keep).join("").trimEnd()}…`, size, bold) > maxWidth) keep -= 1;
  return `${chars.slice(0, keep).join("").trimEnd()}…`;
}

/**
 * A vega `labelExpr` that shows each label cut to `maxWidth`, or undefined when none needs it.
 * We cut labels ourselves instead of using vega's labelLimit: with custom text metrics vega
 * reserves room for the uncut text (it measures bounds through textMetrics without the limit),
 * which pushes the plot aside. The data keep the full names, so two names that share a long
 * prefix still stay two bars.
 */
export function fittedLabelExpr(labels: readonly string[], size: number, maxWidth: number): string | undefined {
  const cut = Object.fromEntries(labels.map((l) => [l, fitText(l, size, maxWidth)]).filter(([l, f]) => l !== f));
  if (Object.keys(cut).length === 0) return undefined;
  return `${JSON.stringify(cut)}[datum.value] || datum.value`;
}
