// The Markdown our docs use, as plain HTML: headings, paragraphs, lists, tables, code blocks
// (indented or fenced), block quotes, and inline code, bold, italic and links. Enough for the
// methods note (docs/trust-health.md) to read well in a browser opened from Slack or Teams,
// without a Markdown dependency. Everything is HTML-escaped before markup is added, and links
// keep only http(s), mailto and in-page targets, so the page cannot carry script.

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A link target we keep; anything else (javascript:, relative repository paths) shows as text. */
function safeHref(href: string): string | null {
  return /^(https?:\/\/|mailto:|#)/i.test(href) ? href : null;
}

/** Inline Markdown of one (already joined) paragraph or cell. */
export function inlineHtml(source: string): string {
  // Code spans first, kept out of the other rules by placeholders.
  const codes: string[] = [];
  let text = source.replace(/`([^`]+)`/g, (_m, code: string) => `\u0000${codes.push(`<code>${escapeHtml(code)}</code>`) - 1}\u0000`);
  text = escapeHtml(text);
  text = text.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_m, label: string, href: string) => {
    const safe = safeHref(href.replace(/&amp;/g, "&"));
    return safe ? `<a href="${escapeHtml(safe)}">${label}</a>` : label;
  });
  text = text.replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>");
  text = text.replace(/(^|[^\w*])\*([^*\s][^*]*?)\*(?![\w*])/g, "$1<em>$2</em>");
  text = text.replace(/(^|[^\w])_([^_\s][^_]*?)_(?!\w)/g, "$1<em>$2</em>");
  return text.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => codes[Number(i)] ?? "");
}

const cells = (line: string) =>
  line
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split("|")
    .map((cell) => cell.trim());

/** Heading ids like GitHub's, so "#4-the-trust-health-index" style links work. */
const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .trim()
    .replace(/\s/g, "-");

/** The body HTML of a Markdown document. */
export function markdownToHtml(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const out: string[] = [];
  let i = 0;
  const blank = (line: string | undefined) => line === undefined || line.trim() === "";
  while (i < lines.length) {
    const line = lines[i]!;
    if (blank(line)) {
      i++;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const level = heading[1]!.length;
      out.push(`<h${level} id="${escapeHtml(slug(heading[2]!))}">${inlineHtml(heading[2]!)}</h${level}>`);
      i++;
      continue;
    }
    if (line.startsWith("```")) {
      const code: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.startsWith("```")) code.push(lines[i++]!);
      i++;
      out.push(`<pre><code>${escapeHtml(code.join("\n"))}</code></pre>`);
      continue;
    }
    if (line.startsWith("    ")) {
      const code: string[] = [];
      while (i < lines.length && (lines[i]!.startsWith("    ") || (blank(lines[i]) && lines[i + 1]?.startsWith("    ")))) code.push(lines[i++]!.slice(4));
      out.push(`<pre><code>${escapeHtml(code.join("\n"))}</code></pre>`);
      continue;
    }
    if (line.trim().startsWith("|") && /^\s*\|?\s*:?-{3,}/.test(lines[i + 1] ?? "")) {
      const head = cells(line);
      i += 2;
      const rows: string[][] = [];
      while (i < lines.length && lines[i]!.trim().startsWith("|")) rows.push(cells(lines[i++]!));
      out.push(
        `<table><thead><tr>${head.map((c) => `<th>${inlineHtml(c)}</th>`).join("")}</tr></thead><tbody>${rows
          .map((row) => `<tr>${row.map((c) => `<td>${inlineHtml(c)}</td>`).join("")}</tr>`)
          .join("")}</tbody></table>`,
      );
      continue;
    }
    if (line.startsWith(">")) {
      const quote: string[] = [];
      while (i < lines.length && lines[i]!.startsWith(">")) quote.push(lines[i++]!.replace(/^>\s?/, ""));
      out.push(`<blockquote>${markdownToHtml(quote.join("\n"))}</blockquote>`);
      continue;
    }
    const item = /^(\s*)([-*]|\d+[.)])\s+/;
    if (item.test(line)) {
      const ordered = /\d/.test(item.exec(line)![2]!);
      const items: string[] = [];
      while (i < lines.length && !blank(lines[i])) {
        const current = lines[i]!;
        if (item.test(current)) items.push(current.replace(item, ""));
        else if (items.length > 0) items[items.length - 1] += ` ${current.trim()}`;
        i++;
        // A blank line between items keeps the list going.
        if (blank(lines[i]) && item.test(lines[i + 1] ?? "")) i++;
      }
      const tag = ordered ? "ol" : "ul";
      out.push(`<${tag}>${items.map((text) => `<li>${inlineHtml(text)}</li>`).join("")}</${tag}>`);
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length && !blank(lines[i]) && !/^(#{1,6}\s|```|>|\s*([-*]|\d+[.)])\s)/.test(lines[i]!) && !(paragraph.length > 0 && lines[i]!.trim().startsWith("|"))) {
      paragraph.push(lines[i++]!.trim());
    }
    if (paragraph.length === 0) paragraph.push(lines[i++]!.trim());
    out.push(`<p>${inlineHtml(paragraph.join(" "))}</p>`);
  }
  return out.join("\n");
}

/** A whole page: title, readable width, tables with borders; no scripts, no external assets. */
export function htmlPage(title: string, bodyHtml: string, lang = "en"): string {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font:16px/1.55 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}
pre{background:#f5f5f5;padding:.8rem;overflow-x:auto}code{font-size:.92em}blockquote{border-left:4px solid #ddd;margin:0;padding-left:1rem;color:#555}</style>
</head><body>
${bodyHtml}
</body></html>`;
}
