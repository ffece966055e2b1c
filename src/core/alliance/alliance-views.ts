// Platform-neutral views of alliance administration, membership, privacy and help. Every text is
// translated here, so the Slack and Teams renderers only lay things out.
import { hasMessage, translate, translator, type MessageKey } from "../i18n/catalogue.js";
import type { Locale, Platform } from "../shared/refs.js";
import { LOCALES } from "../shared/refs.js";
import { formatUpcoming } from "../i18n/format-when.js";
import { nextSlot } from "../schedule/slots.js";
import type { Alliance, Cadence, Organization } from "./alliance.js";
import type { ForgetResult } from "./privacy-service.js";
import type { MyDataExport } from "./personal-data.js";
import type { SetupFieldError, SetupInputRaw } from "./setup-input.js";
import type { SteeringCommittee } from "./member-service.js";
import type { Member } from "./member.js";

/** A value with its translated label, for selects and radio buttons. */
export interface Choice<V extends string | number = string> {
  value: V;
  label: string;
}

/** The setup form (modal / card), pre-filled with the current settings. */
export interface SetupFormView {
  kind: "alliance.setup-form";
  locale: Locale;
  /** Current settings; `organizations` may be empty on a fresh install (render two empty rows). */
  values: SetupInputRaw;
  labels: Record<
    | "title" | "name" | "organizations" | "organizationsHint" | "emailDomains" | "slackTeamIds" | "steeringChannel"
    | "allianceChannel" | "allianceChannelHint"
    | "summary" | "pulse" | "cadence" | "weekday" | "hour" | "itemsPerRound" | "uncertainty" | "uncertaintyHint" | "anonymityThreshold"
    | "anonymityThresholdHint" | "cultureFlagThreshold" | "commitmentReminderDays" | "locale" | "timezone" | "submit" | "cancel",
    string
  >;
  /** Label of organisation row n (1-based). */
  organizationLabels: string[];
  choices: {
    cadences: Choice[];
    weekdays: Choice<number>[];
    hours: Choice<number>[];
    uncertainty: Choice[];
    locales: Choice[];
  };
  /** Field path ("organizations.1.name") → translated error, to show in place. */
  errors: Record<string, string>;
}

/** Asks a member once which organisation they belong to. */
export interface ChooseOrganizationView {
  kind: "alliance.choose-organization";
  title: string;
  text: string;
  organizations: Choice[];
  /** When true, also offer a text input for a new name (joinOrCreateOrganization). */
  allowNew: boolean;
  newLabel: string;
  submitLabel: string;
}

/** The answer to "my data": a short summary plus the full export as a JSON file. */
export interface MyDataView {
  kind: "alliance.my-data";
  title: string;
  intro: string;
  profile: string;
  /** One line per section: translated label and count. */
  sections: Array<{ key: string; label: string; count: number }>;
  note: string;
  file: { name: string; mimeType: "application/json"; content: string };
}

/** "Are you sure?" before forgetting; the confirm button carries memberId. */
export interface ForgetMeConfirmView {
  kind: "alliance.forget-me-confirm";
  memberId: string;
  title: string;
  text: string;
  confirmLabel: string;
  cancelLabel: string;
}

/** The command overview; examples use the platform's command prefix. */
export interface HelpView {
  kind: "alliance.help";
  title: string;
  intro: string;
  sections: Array<{ command: string; description: string; examples: string[] }>;
  /** How to ask on this platform (Teams: @mention in groups; both languages work). */
  tips: string[];
  footer: string;
}

/** An admin is asked to add a partner organisation a member named ("Not listed?"). */
export interface OrganizationRequestView {
  kind: "alliance.org-request";
  text: string;
  approveLabel: string;
  memberId: string;
  name: string;
}

/** Every view of this module. */
export type AllianceView = SetupFormView | ChooseOrganizationView | MyDataView | ForgetMeConfirmView | HelpView | OrganizationRequestView;

/** The translated text of a setup field error. */
export function setupErrorText(locale: Locale, error: SetupFieldError): string {
  const key = `error.${error.code}`;
  return hasMessage(key) ? translate(locale, key, error.details) : translate(locale, "alliance.setup.fieldInvalid");
}

/** The setup form, pre-filled with `values` and showing `errors` in place. */
export function buildSetupFormView(locale: Locale, values: SetupInputRaw, errors: readonly SetupFieldError[] = []): SetupFormView {
  const t = translator(locale);
  const label = (key: string) => t(`alliance.setup.${key}` as MessageKey);
  const orgRows = Math.max(2, values.organizations.length);
  return {
    kind: "alliance.setup-form",
    locale,
    values,
    labels: {
      title: label("title"), name: label("name"), organizations: label("organizations"),
      organizationsHint: label("organizationsHint"), emailDomains: label("emailDomains"), slackTeamIds: label("slackTeamIds"),
      steeringChannel: label("steeringChannel"), allianceChannel: label("allianceChannel"), allianceChannelHint: label("allianceChannelHint"), summary: label("summary"), pulse: label("pulse"), cadence: label("cadence"),
      weekday: label("weekday"), hour: label("hour"), itemsPerRound: label("itemsPerRound"), uncertainty: label("uncertainty"),
      uncertaintyHint: label("uncertaintyHint"), anonymityThreshold: label("anonymityThreshold"), anonymityThresholdHint: label("anonymityThresholdHint"),
      cultureFlagThreshold: label("cultureFlagThreshold"), commitmentReminderDays: label("commitmentReminderDays"),
      locale: label("locale"), timezone: label("timezone"), submit: t("common.save"), cancel: t("common.cancel"),
    },
    organizationLabels: Array.from({ length: Math.min(orgRows, 10) }, (_, i) => t("alliance.setup.organizationName", { n: i + 1 })),
    choices: {
      cadences: (["weekly", "biweekly", "monthly"] as const).map((value) => ({ value, label: t(`alliance.cadence.${value}`) })),
      weekdays: ([1, 2, 3, 4, 5, 6, 7] as const).map((value) => ({ value, label: t(`alliance.weekday.${value}`) })),
      hours: Array.from({ length: 24 }, (_, value) => ({ value, label: `${String(value).padStart(2, "0")}:00` })),
      uncertainty: (["low", "medium", "high"] as const).map((value) => ({ value, label: t(`alliance.uncertainty.${value}`) })),
      locales: LOCALES.map((value) => ({ value, label: t(`alliance.locale.${value}`) })),
    },
    errors: Object.fromEntries(errors.map((error) => [error.field, setupErrorText(locale, error)])),
  };
}

/** The "which organisation?" prompt. New names are offered while the alliance has room for one. */
export function buildChooseOrganizationView(locale: Locale, organizations: readonly Organization[]): ChooseOrganizationView {
  const t = translator(locale);
  return {
    kind: "alliance.choose-organization",
    title: t("alliance.chooseOrg.title"),
    text: t("alliance.chooseOrg.text"),
    organizations: organizations.map((org) => ({ value: org.id, label: org.name })),
    allowNew: organizations.length < 10,
    newLabel: t("alliance.chooseOrg.newLabel"),
    submitLabel: t("common.submit"),
  };
}

/** The export message with the JSON file attached. */
export function buildMyDataView(locale: Locale, data: MyDataExport): MyDataView {
  const t = translator(locale);
  const none = t("alliance.myData.none");
  return {
    kind: "alliance.my-data",
    title: t("alliance.myData.title"),
    intro: data.profile.displayName ? t("alliance.myData.intro", { name: data.profile.displayName }) : t("alliance.myData.introNoName"),
    profile: t("alliance.myData.profile", {
      name: data.profile.displayName || none,
      email: data.profile.email ?? none,
      role: data.role,
      organization: data.organization?.name ?? none,
    }),
    sections: Object.entries(data.sections).map(([key, records]) => {
      const labelKey = `alliance.myData.section.${key}`;
      return { key, label: hasMessage(labelKey) ? t(labelKey) : key, count: records.length };
    }),
    note: t("alliance.myData.anonymousNote"),
    file: {
      name: `my-data-${data.generatedAt.slice(0, 10)}.json`,
      mimeType: "application/json",
      content: JSON.stringify(data, null, 2),
    },
  };
}

/** The confirmation before forgetting. */
export function buildForgetMeConfirmView(locale: Locale, memberId: string): ForgetMeConfirmView {
  const t = translator(locale);
  return {
    kind: "alliance.forget-me-confirm",
    memberId,
    title: t("alliance.forgetMe.title"),
    text: t("alliance.forgetMe.text"),
    confirmLabel: t("alliance.forgetMe.confirm"),
    cancelLabel: t("common.cancel"),
  };
}

/** What to say after forgetting (a plain text view). */
export function buildForgetMeDoneText(locale: Locale, result: ForgetResult): string {
  return translate(locale, result.alreadyErased ? "alliance.forgetMe.alreadyDone" : "alliance.forgetMe.done");
}

/**
 * The help overview, in each platform's own way of asking. Slack: the slash commands, with the
 * `/trust` subcommands in the member's language. Teams: the words typed to the bot in the
 * member's language (both languages are understood, which the tips say), one section per
 * command including `organisation`, and that group chats and channels need an @mention.
 */
export function buildHelpView(locale: Locale, platform: Platform, anonymityThreshold: number): HelpView {
  const t = translator(locale);
  const word = (command: "poll" | "commit" | "pulse" | "health" | "setup" | "culture" | "organization" | "myData" | "forgetMe" | "help" | "link") =>
    t(`teams.command.${command}`);
  const names = platform === "slack" ? { poll: "/poll", commit: "/commit", pulse: "/pulse" } : { poll: word("poll"), commit: word("commit"), pulse: word("pulse") };
  const shared = [
    { command: names.poll, description: t("alliance.help.poll"), examples: [t("alliance.help.poll.example1", names), t("alliance.help.poll.example2", names)] },
    {
      command: names.commit,
      description: t("alliance.help.commit"),
      examples: [t("alliance.help.commit.example1", names), t("alliance.help.commit.example2", names), t("alliance.help.commit.example3", names)],
    },
    { command: names.pulse, description: t("alliance.help.pulse"), examples: [names.pulse] },
  ];
  const sections =
    platform === "slack"
      ? [
          ...shared,
          {
            command: "/trust",
            description: t("alliance.help.trust"),
            examples: (["health", "setup", "steering", "culture", "organization", "myData", "forgetMe", "link", "help"] as const).map((sub) => t(`alliance.help.trust.${sub}`)),
          },
        ]
      : [
          ...shared,
          ...(["health", "setup", "culture", "organization", "myData", "forgetMe", "link", "help"] as const).map((command) => ({
            command: word(command),
            description: t(`alliance.help.${command}`),
            examples: [],
          })),
        ];
  return {
    kind: "alliance.help",
    title: t("alliance.help.title"),
    intro: t("alliance.help.intro"),
    sections,
    tips: platform === "slack" ? [t("alliance.help.slack.languages")] : [t("alliance.help.teams.mention", names), t("alliance.help.teams.languages")],
    footer: t("alliance.help.footer", { k: anonymityThreshold }),
  };
}

/**
 * What an admin is told after saving setup: what was set up (the alliance, its partners, where
 * summaries go), what happens next and when (the first pulse round and the first summary, from
 * the alliance's schedule in its zone), and that members are matched to an organisation or asked
 * for it. Paragraphs, so each platform can lay them out. `steering` is where summaries go in the
 * platform's words ("<#C123>", "this conversation"), or null when no channel is set.
 */
export function buildSetupSavedText(
  locale: Locale,
  platform: Platform,
  saved: { alliance: Alliance; organizations: readonly Pick<Organization, "name">[]; membersMapped: number },
  options: { now: Date; steering: string | null },
): string[] {
  const t = translator(locale);
  const { alliance } = saved;
  const tag = locale === "nl" ? "nl-NL" : "en-GB";
  const partners = new Intl.ListFormat(tag, { type: "conjunction" }).format(saved.organizations.map((o) => o.name));
  const first = (schedule: { cadence: Cadence; weekday: number; hour: number }) =>
    formatUpcoming(nextSlot({ ...schedule, timezone: alliance.timezone }, options.now).at, locale, alliance.timezone);
  const every = (cadence: Cadence) => t(`alliance.cadence.${cadence}`).toLocaleLowerCase(tag);
  return [
    t("alliance.setup.savedWhat", { name: alliance.name, partners }),
    options.steering ? t("alliance.setup.savedSteering", { steering: options.steering }) : t("alliance.setup.savedNoSteering"),
    t("alliance.setup.savedPulse", { first: first(alliance.pulse), every: every(alliance.pulse.cadence) }),
    t("alliance.setup.savedSummary", { first: first(alliance.summary), every: every(alliance.summary.cadence) }),
    t(platform === "slack" ? "alliance.setup.savedMembers.slack" : "alliance.setup.savedMembers.teams", { mapped: saved.membersMapped }),
  ];
}

/** The admin's question: add `name` as a partner organisation, with `memberName` in it? */
export function buildOrganizationRequestView(locale: Locale, request: { memberId: string; memberName: string; name: string }): OrganizationRequestView {
  const t = translator(locale);
  return {
    kind: "alliance.org-request",
    text: t("alliance.orgRequest.text", { member: request.memberName || t("alliance.orgRequest.someone"), name: request.name }),
    approveLabel: t("alliance.orgRequest.approve", { name: request.name }),
    memberId: request.memberId,
    name: request.name,
  };
}

/**
 * Who is on the steering committee (who sees "steering committee only" results) and how an admin
 * changes it, in the platform's words. Lines, so each platform can lay them out.
 */
export function buildSteeringText(locale: Locale, platform: Platform, committee: SteeringCommittee): string[] {
  const t = translator(locale);
  const list = (members: readonly Member[]) =>
    new Intl.ListFormat(locale === "nl" ? "nl-NL" : "en-GB", { type: "conjunction" }).format(members.map((m) => m.displayName || t("alliance.orgRequest.someone")));
  return [
    committee.steering.length > 0 ? t("alliance.steering.members", { names: list(committee.steering) }) : t("alliance.steering.none"),
    committee.admins.length > 0 ? t("alliance.steering.admins", { names: list(committee.admins) }) : "",
    t(platform === "slack" ? "alliance.steering.how.slack" : "alliance.steering.how.teams"),
  ].filter(Boolean);
}
