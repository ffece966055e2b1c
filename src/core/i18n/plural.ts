/**
 * Plural forms inside catalogue templates, chosen by the locale's own rules (Intl.PluralRules),
 * so no text says "1 day(s)". A template writes the ICU MessageFormat subset
 *
 *   {days, plural, one {# day} other {# days}}
 *
 * where `#` is the number (formatted for the locale) and a branch may hold `{name}` placeholders.
 * Exact matches (`=0 {no votes}`) win over the category; `other` is required and is the fallback.
 */
import type { Locale } from "../shared/refs.js";

/** One `{name, plural, …}` block: the name, then the branches (one level of nested `{…}` inside). */
const PLURAL_BLOCK = /\{(\w+),\s*plural,\s*((?:(?:=\d+|zero|one|two|few|many|other)\s*\{(?:[^{}]|\{\w+\})*\}\s*)+)\}/g;
const BRANCH = /(=\d+|zero|one|two|few|many|other)\s*\{((?:[^{}]|\{\w+\})*)\}/g;

// Building Intl objects costs far more than using them (about 0.1 ms each): one per locale.
const formatters = new Map<Locale, { rules: Intl.PluralRules; number: Intl.NumberFormat }>();
const formattersFor = (locale: Locale) => {
  let made = formatters.get(locale);
  if (!made) formatters.set(locale, (made = { rules: new Intl.PluralRules(locale), number: new Intl.NumberFormat(locale) }));
  return made;
};

/** A template split into text and plural blocks, parsed once per template. */
type Part = string | { whole: string; name: string; branches: Map<string, string> };
const parsed = new Map<string, Part[]>();

function partsOf(template: string): Part[] {
  let parts = parsed.get(template);
  if (parts) return parts;
  parts = [];
  let last = 0;
  for (const match of template.matchAll(PLURAL_BLOCK)) {
    parts.push(template.slice(last, match.index));
    parts.push({ whole: match[0], name: match[1]!, branches: new Map([...match[2]!.matchAll(BRANCH)].map((m) => [m[1]!, m[2]!])) });
    last = match.index + match[0].length;
  }
  parts.push(template.slice(last));
  parsed.set(template, parts);
  return parts;
}

/**
 * Replaces every plural block of `template` by the branch for its parameter's value. A block
 * whose parameter is missing or not a number is left as it is, so a test sees it.
 */
export function selectPlurals(locale: Locale, template: string, params: Readonly<Record<string, string | number>>): string {
  if (!template.includes(", plural,")) return template; // most templates: no work at all
  return partsOf(template)
    .map((part) => {
      if (typeof part === "string") return part;
      const raw = params[part.name];
      const value = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : NaN;
      if (!Number.isFinite(value)) return part.whole;
      const { rules, number } = formattersFor(locale);
      const chosen = part.branches.get(`=${value}`) ?? part.branches.get(rules.select(value)) ?? part.branches.get("other");
      return chosen === undefined ? part.whole : chosen.replace(/#/g, number.format(value));
    })
    .join("");
}
