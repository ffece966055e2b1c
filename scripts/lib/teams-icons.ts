// The Teams app icons, drawn from SVG with resvg (no downloads, no binaries in the repo needed):
// color.png 192×192 (full colour, the accent colour behind a white mark) and outline.png 32×32
// (white on transparent, as Teams requires). The mark: two overlapping rings (two partners) with
// a check where they meet (agreements kept).
import { Resvg } from "@resvg/resvg-js";

/** The manifest's accentColor; the colour icon's background. */
export const ACCENT = "#1F6F78";

const mark = (stroke: number) => `
  <circle cx="76" cy="96" r="42" fill="none" stroke="#FFFFFF" stroke-width="${stroke}"/>
  <circle cx="116" cy="96" r="42" fill="none" stroke="#FFFFFF" stroke-width="${stroke}"/>
  <path d="M82 98 L93 110 L112 84" fill="none" stroke="#FFFFFF" stroke-width="${stroke}" stroke-linecap="round" stroke-linejoin="round"/>`;

/** The 192×192 colour icon's SVG. */
export const COLOR_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="192" height="192" viewBox="0 0 192 192">
  <rect width="192" height="192" rx="36" fill="${ACCENT}"/>${mark(10)}
</svg>`;

/** The 32×32 outline icon's SVG: white strokes on a transparent background. */
export const OUTLINE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="16 16 160 160">${mark(14)}
</svg>`;

/** Renders both icons to PNG. */
export function renderTeamsIcons(): { color: Buffer; outline: Buffer } {
  const png = (svg: string, width: number) => Buffer.from(new Resvg(svg, { fitTo: { mode: "width", value: width }, background: "rgba(0,0,0,0)" }).render().asPng());
  return { color: png(COLOR_SVG, 192), outline: png(OUTLINE_SVG, 32) };
}
