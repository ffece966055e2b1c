// Tells the alliance's admins, in a 1:1 message each, which members a scheduled job could not
// reach and how to fix that on the member's platform (Teams: install the app for them). One
// notice per occasion — a pulse round, a day's agreement reminders — not one per retry: the
// dedupe key names the occasion and the set of members, so a repeated run that fails for the
// same people queues nothing new, while someone newly unreachable brings a fresh notice.
import { createHash } from "node:crypto";
import type { Alliance } from "#core/alliance/alliance.js";
import { translator, type MessageKey } from "#core/i18n/catalogue.js";
import type { Platform } from "#core/shared/refs.js";
import type { JobContext } from "./job-context.js";
import type { UnreachableReason } from "./personal-reach.js";

/** What the members were not sent. */
export type ReachOccasion = "pulse_round" | "pulse_reminder" | "commitment_before_due" | "commitment_due_today";

/** A member the platform refused to open a 1:1 conversation with. */
export interface Unreached {
  memberId: string;
  platform: Platform;
  reason: UnreachableReason;
}

/** A short, order-free digest of keys, to name a set of members or reminders in a dedupe key. */
export const digestOf = (keys: readonly string[]): string => createHash("sha256").update([...keys].sort().join(",")).digest("hex").slice(0, 16);

/**
 * Queues the notice for every admin of the alliance. `occasionKey` names the occasion for good
 * (e.g. the pulse round's id), so retries of the same job are not told twice.
 */
export async function notifyUnreachable(job: JobContext, alliance: Alliance, occasion: ReachOccasion, occasionKey: string, unreached: readonly Unreached[]): Promise<void> {
  if (unreached.length === 0) return;
  const members = job.services.stores.members;
  const named = new Map<string, string>();
  for (const u of unreached) named.set(u.memberId, (await members.get(u.memberId))?.displayName ?? u.memberId);
  // In alphabetical order: sends finish in any order, and a list that reshuffles reads as news.
  const names = new Map([...named].sort(([, a], [, b]) => a.localeCompare(b)));
  unreached = [...unreached].sort((a, b) => names.get(a.memberId)!.localeCompare(names.get(b.memberId)!));
  // Grouped by what fixes it, so each fix is said once with the names it applies to.
  const groups = new Map<`reach.fix.${Platform}.${UnreachableReason}`, string[]>();
  for (const u of unreached) {
    const key = `reach.fix.${u.platform}.${u.reason}` as const;
    groups.set(key, [...(groups.get(key) ?? []), names.get(u.memberId)!]);
  }
  const setKey = digestOf(unreached.map((u) => u.memberId));
  const admins = (await members.list(alliance.id, { role: "admin" })).filter((m) => !m.erasedAt);
  let told = 0;
  for (const admin of admins) {
    if (unreached.some((u) => u.memberId === admin.id)) continue; // cannot tell them either
    const reach = await job.reachPersonal(admin.id, "unreachable notice");
    if (reach.kind !== "reached") continue;
    const locale = admin.locale ?? alliance.locale;
    const t = translator(locale);
    const list = (items: readonly string[]) => new Intl.ListFormat(locale, { type: "conjunction" }).format(items);
    const text = [
      t("reach.unreachable.intro", { occasion: t(`reach.occasion.${occasion}` as MessageKey), names: list([...names.values()]) }),
      ...[...groups].map(([key, who]) => t(key, { names: list(who) })),
    ].join("\n\n");
    await job.queueView(`unreachable:${occasionKey}:${admin.id}:${setKey}`, reach.to, { kind: "text", text }, locale);
    told++;
  }
  job.deps.logger?.warn({ allianceId: alliance.id, occasion, occasionKey, unreached: unreached.length, adminsTold: told }, "members could not be reached; admins told");
}
