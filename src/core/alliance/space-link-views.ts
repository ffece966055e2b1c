// What linking shows: the one-time code (to its admin only), the confirmation that names the
// alliance and its partners before anything changes, and the outcome.
import { translator } from "../i18n/catalogue.js";
import type { Locale, Platform } from "../shared/refs.js";
import type { LinkPreview } from "./space-link-service.js";

/** "Join the alliance …?" The confirm button carries the code back (it is checked again then). */
export interface LinkConfirmView {
  kind: "alliance.link-confirm";
  title: string;
  /** The alliance, its partners and its spaces (and organisations this space adds). */
  text: string;
  confirmLabel: string;
  cancelLabel: string;
  code: string;
}

const list = (locale: Locale, items: readonly string[], none: string) =>
  items.length === 0 ? none : new Intl.ListFormat(locale, { type: "conjunction" }).format(items);

/** The confirmation before a space joins an alliance. */
export function buildLinkConfirmView(locale: Locale, preview: LinkPreview, code: string): LinkConfirmView {
  const t = translator(locale);
  const none = t("link.none");
  const spaces = preview.spaces.map((s) => t(`link.space.${s.platform}`, { name: s.name ?? "?" }));
  const text = [
    t("link.confirm.text", { alliance: preview.allianceName, organizations: list(locale, preview.organizations, none), spaces: list(locale, spaces, none) }),
    ...(preview.newOrganizations.length > 0 ? [t("link.confirm.newOrganizations", { names: list(locale, preview.newOrganizations, none) })] : []),
  ].join("\n\n");
  return {
    kind: "alliance.link-confirm",
    title: t("link.confirm.title", { alliance: preview.allianceName }),
    text,
    confirmLabel: t("link.confirm.confirm"),
    cancelLabel: t("link.confirm.cancel"),
    code,
  };
}

/** The text that hands the admin their code (shown to them alone). */
export function buildLinkCodeText(locale: Locale, platform: Platform, issued: { code: string; expiresAt: Date; allianceName: string; timeZone: string }): string {
  const t = translator(locale);
  return t("link.code.issued", {
    alliance: issued.allianceName,
    code: issued.code,
    howTo: t(`link.howTo.${platform}`, { code: issued.code }),
    // Date and time in the alliance's zone, with the zone named: the two admins may sit in different ones.
    expires: new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: issued.timeZone, timeZoneName: "short" }).format(issued.expiresAt),
  });
}

/** After joining: the alliance and its partners. */
export function buildLinkDoneText(locale: Locale, allianceName: string, organizations: readonly string[]): string {
  const t = translator(locale);
  return t("link.done", { alliance: allianceName, organizations: list(locale, organizations, t("link.none")) });
}
