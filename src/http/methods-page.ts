// GET /methods: the methods note (docs/trust-health.md, how every summary number is computed) as
// a plain web page, so the "Open the methods note" link in a summary opens something an alliance
// manager can read in a browser, matching the running version. Rendered once, on first request.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Express } from "express";
import type { Logger } from "#src/logger.js";
import { htmlPage, markdownToHtml } from "./markdown-html.js";

/** The note beside the code: src/http → docs/ in the repository, build/src/http → build/docs in the image. */
export const METHODS_NOTE_FILE = fileURLToPath(new URL("../../docs/trust-health.md", import.meta.url));

/** The path the page is served at (config's default METHODS_URL is PUBLIC_URL + this). */
export const METHODS_PATH = "/methods";

/** Adds GET /methods to `app`; 404 with a log line when the note is not shipped. */
export function mountMethodsPage(app: Express, deps: { logger: Pick<Logger, "warn">; file?: string }): void {
  let page: Promise<string | null> | null = null;
  const load = () =>
    readFile(deps.file ?? METHODS_NOTE_FILE, "utf8").then(
      (markdown) => htmlPage(/^#\s+(.*)$/m.exec(markdown)?.[1] ?? "Methods", markdownToHtml(markdown)),
      (error: unknown) => {
        deps.logger.warn({ err: error }, "the methods note is missing; /methods answers 404");
        page = null;
        return null;
      },
    );
  app.get(METHODS_PATH, async (_req, res) => {
    page ??= load();
    const html = await page;
    if (html === null) return void res.status(404).json({ error: "not_found" });
    // Nothing on the page runs or loads: inline styles only.
    res.set("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'");
    res.set("cache-control", "public, max-age=3600");
    res.type("html").send(html);
  });
}
