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

const rulesCache = new Map<Locale, Intl.PluralRules>();
const rulesFor = (locale: Locale) => {
  let rules = rulesCache.get(locale);
  if (!rules) rulesCache.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules;
};

/**
 * Replaces every plural block of `template` by the branch for its parameter's value. A block
 * whose parameter is missing or not a number is left as it is, so a test sees it.
 */
export function selectPlurals(locale: Locale, template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(PLURAL_BLOCK, (whole, name: string, body: string) => {
    const raw = params[name];
    const value = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : NaN;
    if (!Number.isFinite(value)) return whole;
    const branches = new Map([...body.matchAll(BRANCH)].map((m) => [m[1]!, m[2]!]));
    const chosen = branches.get(`=${value}`) ?? branches.get(rulesFor(locale).select(value)) ?? branches.get("other");
    return chosen === undefined ? whole : chosen.replace(/#/g, new Intl.NumberFormat(locale).format(value));
  });
}
