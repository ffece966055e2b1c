// What a merge shows (DESIGN.md §2.7): before anything moves, each organisation of the joining
// alliance with a choice — a partner of the alliance it joins, or "new" — proposed by name; after
// it, where each organisation went and which agreements got a new number.
import { translator } from "../i18n/catalogue.js";
import type { Locale } from "../shared/refs.js";
import { NEW_ORGANIZATION } from "./space-link.js";
import type { MergePreview, MergeResult } from "./space-link-service.js";

/** "Merge … into …?" with one choice per organisation; the merge button carries the code back. */
export interface LinkMergeView {
  kind: "alliance.link-merge";
  title: string;
  text: string;
  /** One per organisation of the joining alliance: its id (the input's key), name and proposal. */
  rows: { organizationId: string; label: string; initial: string }[];
  /** The same choices for every row: the alliance's organisations, then "new". */
  choices: { value: string; label: string }[];
  confirmLabel: string;
  cancelLabel: string;
  code: string;
}

/** The input key of a row (Slack block id, Teams input id). */
export const mergeInputId = (organizationId: string): string => `merge.${organizationId}`;

export function buildLinkMergeView(locale: Locale, preview: MergePreview, code: string): LinkMergeView {
  const t = translator(locale);
  return {
    kind: "alliance.link-merge",
    title: t("link.merge.title", { own: preview.ownAllianceName, alliance: preview.allianceName }),
    text: t("link.merge.text", { own: preview.ownAllianceName, alliance: preview.allianceName }),
    rows: preview.rows.map((r) => ({ organizationId: r.id, label: r.name, initial: r.proposed })),
    choices: [...preview.targets.map((o) => ({ value: o.id, label: o.name })), { value: NEW_ORGANIZATION, label: t("link.merge.new") }],
    confirmLabel: t("link.merge.confirm"),
    cancelLabel: t("link.confirm.cancel"),
    code,
  };
}

/** After the merge: where each organisation went, and the agreements that got a new number. */
export function buildMergeDoneText(locale: Locale, result: Pick<MergeResult, "alliance" | "ownAllianceName" | "mapping" | "renumbered">): string {
  const t = translator(locale);
  const list = (items: string[]) => new Intl.ListFormat(locale, { type: "conjunction" }).format(items);
  const mapping = result.mapping.map((m) => t("link.merge.mapping", { from: m.from, to: m.created ? `${m.to} (${t("link.merge.new")})` : m.to }));
  const lines = [t("link.merge.done", { own: result.ownAllianceName, alliance: result.alliance.name, mapping: mapping.length ? list(mapping) : t("link.none") })];
  if (result.renumbered.length > 0) {
    lines.push(t("link.merge.renumbered", { changes: list(result.renumbered.map((r) => t("link.merge.renumber", { before: r.before, after: r.after }))) }));
  }
  return lines.join("\n\n");
}
