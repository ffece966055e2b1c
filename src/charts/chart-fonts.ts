// Finds the font the charts are drawn with. resvg draws no text at all without a font, so a
// missing font must be loud, not a chart with blank labels. We use DejaVu Sans, shipped with the
// project as the `dejavu-fonts-ttf` npm package (so a fresh machine needs no system fonts), with
// the system's copies as a fallback; chart-text-metrics.ts estimates with its metrics.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** The TTF folder of the bundled font package, or null if it is not installed. */
function bundledFontDir(): string | null {
  try {
    const packageJson = createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json");
    return path.join(path.dirname(packageJson), "ttf");
  } catch {
    return null;
  }
}

/** The family name every chart spec uses. */
export const CHART_FONT_FAMILY = "DejaVu Sans";

const FILE_NAMES = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"];

/** Directories searched in order; CHART_FONT_DIR (read by the caller) can be put first. */
const DEFAULT_DIRS = [
  ...(bundledFontDir() ? [bundledFontDir() as string] : []),
  "/usr/share/fonts/truetype/dejavu",
  "/usr/share/fonts/dejavu",
  "/usr/share/fonts/TTF",
  "/usr/local/share/fonts",
  "/Library/Fonts",
];

/** Raised when no chart font can be found; the message says what to install. */
export class ChartFontMissingError extends Error {
  readonly code = "CHART_FONT_MISSING";
}

/** Paths of DejaVu Sans regular and bold in the first directory that has the regular face. */
export function findChartFontFiles(extraDirs: readonly string[] = []): string[] {
  for (const dir of [...extraDirs, ...DEFAULT_DIRS]) {
    const files = FILE_NAMES.map((name) => path.join(dir, name)).filter((file) => existsSync(file));
    if (files.some((file) => file.endsWith("DejaVuSans.ttf"))) return files;
  }
  throw new ChartFontMissingError(
    `No ${CHART_FONT_FAMILY} font found in ${[...extraDirs, ...DEFAULT_DIRS].join(", ")}. ` +
      "Install it (Debian: apt-get install fonts-dejavu-core) or pass the directory that holds DejaVuSans.ttf.",
  );
}
