/**
 * The message catalogue: every user-facing string, in English and Dutch.
 * Each feature keeps its strings in `messages/<feature>.ts`; register the module here.
 */
import type { Locale } from "../shared/refs.js";
import { selectPlurals } from "./plural.js";
import { allianceMessages } from "./messages/alliance.js";
import { commitmentMessages } from "./messages/commitments.js";
import { commonMessages } from "./messages/common.js";
import { cultureMessages } from "./messages/culture.js";
import { linkMessages } from "./messages/link.js";
import { pollMessages } from "./messages/polls.js";
import { pulseMessages } from "./messages/pulse.js";
import { reachMessages } from "./messages/reach.js";
import { slackMessages } from "./messages/slack.js";
import { summaryMessages } from "./messages/summary.js";
import { teamsMessages } from "./messages/teams.js";
import { trustHealthMessages } from "./messages/trust-health.js";

const modules = [commonMessages, trustHealthMessages, pollMessages, pulseMessages, allianceMessages, summaryMessages, teamsMessages, commitmentMessages, slackMessages, cultureMessages, reachMessages, linkMessages] as const;

type Module = (typeof modules)[number];
/** Every key any feature defined. */
export type MessageKey = Module extends infer M ? (M extends { en: infer E } ? keyof E & string : never) : never;

const tables: Record<Locale, Record<string, string>> = { en: {}, nl: {} };
for (const module of modules) {
  Object.assign(tables.en, module.en);
  Object.assign(tables.nl, module.nl);
}

/** Params filled into `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * The text for `key` in `locale`: plural blocks (`{n, plural, one {# day} other {# days}}`, see
 * plural.ts) chosen by the locale's plural rules, then `{name}` placeholders filled from `params`.
 * A placeholder without a value stays visible, which a test would catch.
 */
export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const template = selectPlurals(locale, tables[locale][key] ?? tables.en[key] ?? key, params);
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** A translator bound to one locale, handy in renderers. */
export type Translator = (key: MessageKey, params?: MessageParams) => string;
export function translator(locale: Locale): Translator {
  return (key, params) => translate(locale, key, params);
}

/** True when `key` exists, for keys built at run time (e.g. `error.${code}`). */
export function hasMessage(key: string): key is MessageKey {
  return key in tables.en;
}
