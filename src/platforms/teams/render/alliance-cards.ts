// Cards for administration and privacy: help, the setup form (with errors shown in place), the
// "which organisation?" prompt, "my data" and the "forget me" confirmation.
import type { CardElement } from "@microsoft/teams.cards";
import type { ChooseOrganizationView, ForgetMeConfirmView, HelpView, MyDataView, OrganizationRequestView, SetupFormView } from "#core/alliance/alliance-views.js";
import { translator } from "#core/i18n/catalogue.js";
import { button, card, container, errorText, facts, heading, note, text } from "./card-kit.js";
import { confirmationCard } from "./confirmation-card.js";
import type { CardRender } from "./render-types.js";

/** Verbs of the administration cards. */
export const ALLIANCE_VERBS = {
  setupSubmit: "setup.submit",
  chooseOrganization: "member.chooseOrganization",
  approveOrganization: "member.approveOrganization",
  forgetConfirm: "privacy.forget",
  forgetCancel: "privacy.cancel",
  linkConfirm: "alliance.link.confirm",
  linkCancel: "alliance.link.cancel",
  linkMerge: "alliance.link.merge",
} as const;

/** The most partner organisations setup accepts (SETUP_LIMITS.maxOrganizations). */
const MAX_ORGANIZATION_ROWS = 10;

/** The help overview. */
export function renderHelpCard(view: HelpView): CardRender {
  const body: CardElement[] = [heading(view.title), text(view.intro)];
  for (const section of view.sections) {
    body.push(
      container(
        [text(`**${section.command}** · ${section.description}`), ...section.examples.map((example) => note(example))],
        { separator: true },
      ),
    );
  }
  body.push(container(view.tips.map((tip) => text(tip)), { separator: true }), note(view.footer));
  return { card: card(body), summary: view.title };
}

/** Options the setup form needs beyond the view: where it is shown. */
export interface SetupCardOptions {
  /** True in a channel or group chat, where "post summaries here" makes sense. */
  canChooseHereAsSteering: boolean;
  /** The conversation the form is shown in, to say whether the steering channel is this one. */
  conversationId?: string;
}

/** Form values come from z.input (coerced fields are `unknown`); keep only what an input can show. */
const shown = (value: unknown): string | number | undefined => (typeof value === "string" || typeof value === "number" ? value : undefined);

const choiceSet = (id: string, label: string, raw: unknown, choices: Array<{ value: string | number; label: string }>): CardElement =>
  ({
    type: "Input.ChoiceSet",
    id,
    label,
    style: "compact",
    ...(shown(raw) !== undefined ? { value: String(shown(raw)) } : {}),
    choices: choices.map((c) => ({ title: c.label, value: String(c.value) })),
  }) as CardElement;

const numberInput = (id: string, label: string, raw: unknown, min: number, max: number): CardElement =>
  ({ type: "Input.Number", id, label, min, max, ...(shown(raw) !== undefined ? { value: Number(shown(raw)) } : {}) }) as CardElement;

const textInput = (id: string, label: string, value: string | undefined, extra: Record<string, unknown> = {}): CardElement =>
  ({ type: "Input.Text", id, label, maxLength: 200, ...(value ? { value } : {}), ...extra }) as CardElement;

/**
 * The setup form. Organisation rows are `org.<n>.name` / `org.<n>.domains`; ids and Slack team
 * ids of existing organisations travel in the button data (`orgs`, JSON), so a Teams admin never
 * wipes the Slack side of an alliance that spans both.
 */
export function renderSetupCard(view: SetupFormView, options: SetupCardOptions): CardRender {
  const t = translator(view.locale);
  const v = view.values;
  const errorFor = (field: string): CardElement[] => (view.errors[field] ? [errorText(view.errors[field])] : []);
  const organizations = v.organizations ?? [];
  const rows = Math.min(MAX_ORGANIZATION_ROWS, Math.max(2, organizations.length + 1));
  const body: CardElement[] = [heading(view.labels.title), textInput("name", view.labels.name, v.name, { isRequired: true }), ...errorFor("name")];

  // Teams' own hint: the core's names Slack Connect teams, which Teams members do not have.
  body.push(text(view.labels.organizations, { weight: "Bolder", spacing: "Large" }), note(t("teams.setup.organizationsHint")), ...errorFor("organizations"));
  for (let i = 0; i < rows; i++) {
    const org = organizations[i];
    body.push(
      container(
        [
          textInput(`org.${i}.name`, t("alliance.setup.organizationName", { n: i + 1 }), org?.name, { placeholder: t("teams.setup.organizationNameHint") }),
          ...errorFor(`organizations.${i}.name`),
          textInput(`org.${i}.domains`, view.labels.emailDomains, org?.emailDomains?.join(", "), { placeholder: t("teams.setup.emailDomainsHint") }),
          ...errorFor(`organizations.${i}.emailDomains`),
        ],
        { separator: i > 0 },
      ),
    );
  }

  // Says where summaries go now, unambiguously: here, another conversation, or nowhere yet.
  body.push(text(view.labels.steeringChannel, { weight: "Bolder", spacing: "Large" }));
  const current = v.steeringChannel?.conversationId ?? null;
  if (options.canChooseHereAsSteering) {
    const isHere = current !== null && current === options.conversationId;
    body.push({ type: "Input.Toggle", id: "steeringHere", title: t("teams.setup.steeringHere"), value: isHere || current === null ? "true" : "false" } as CardElement);
    body.push(note(t(isHere ? "teams.setup.steeringIsHere" : current ? "teams.setup.steeringElsewhere" : "teams.setup.steeringNone")));
  } else {
    body.push(note(t(current ? "teams.setup.steeringPersonalKept" : "teams.setup.steeringPersonalNone")));
  }
  body.push(...errorFor("steeringChannel"));

  // This organisation's alliance channel: where polls for the whole alliance are posted. Only a
  // channel or group chat can be one; off by default, so choosing the steering channel here does
  // not make it the alliance channel too.
  if (options.canChooseHereAsSteering) {
    const alliance = v.allianceChannel?.conversationId ?? null;
    const allianceHere = alliance !== null && alliance === options.conversationId;
    body.push(text(view.labels.allianceChannel, { weight: "Bolder", spacing: "Large" }));
    body.push({ type: "Input.Toggle", id: "allianceHere", title: t("teams.setup.allianceHere"), value: allianceHere ? "true" : "false" } as CardElement);
    body.push(note(t(allianceHere ? "teams.setup.allianceIsHere" : alliance ? "teams.setup.allianceElsewhere" : "teams.setup.allianceNone")));
    body.push(...errorFor("allianceChannel"));
  }

  const cadenceBlock = (prefix: "summary" | "pulse", title: string, values: { cadence?: unknown; weekday?: unknown; hour?: unknown } | undefined) => [
    text(title, { weight: "Bolder", spacing: "Large" }),
    // The cadence gets a row of its own: in a third of the card "Every 2 weeks" was cut off.
    choiceSet(`${prefix}.cadence`, view.labels.cadence, values?.cadence, view.choices.cadences),
    {
      type: "ColumnSet",
      columns: [
        { type: "Column", width: "stretch", items: [choiceSet(`${prefix}.weekday`, view.labels.weekday, values?.weekday, view.choices.weekdays)] },
        { type: "Column", width: "stretch", items: [choiceSet(`${prefix}.hour`, view.labels.hour, values?.hour, view.choices.hours)] },
      ],
    } as CardElement,
    ...errorFor(prefix),
  ];
  body.push(...cadenceBlock("summary", view.labels.summary, v.summary));
  body.push(...cadenceBlock("pulse", view.labels.pulse, v.pulse));
  body.push(numberInput("pulse.itemsPerRound", view.labels.itemsPerRound, v.pulse?.itemsPerRound, 3, 5), ...errorFor("pulse.itemsPerRound"));

  body.push(
    choiceSet("uncertainty", view.labels.uncertainty, v.uncertainty, view.choices.uncertainty),
    note(view.labels.uncertaintyHint),
    numberInput("anonymityThreshold", view.labels.anonymityThreshold, v.anonymityThreshold, 3, 100),
    note(view.labels.anonymityThresholdHint),
    ...errorFor("anonymityThreshold"),
    numberInput("cultureFlagThreshold", view.labels.cultureFlagThreshold, v.cultureFlagThreshold, 1, 100),
    ...errorFor("cultureFlagThreshold"),
    numberInput("commitmentReminderDays", view.labels.commitmentReminderDays, v.commitmentReminderDays, 0, 14),
    ...errorFor("commitmentReminderDays"),
    choiceSet("locale", view.labels.locale, v.locale, view.choices.locales),
    textInput("timezone", view.labels.timezone, v.timezone),
    ...errorFor("timezone"),
  );

  const orgs = JSON.stringify(organizations.map((org) => ({ id: org.id ?? null, slackTeamIds: org.slackTeamIds ?? [] })));
  const steering = v.steeringChannel ? JSON.stringify(v.steeringChannel) : "";
  const alliance = v.allianceChannel ? JSON.stringify(v.allianceChannel) : "";
  return {
    card: card(body, [button(view.labels.submit, { verb: ALLIANCE_VERBS.setupSubmit, orgs, steering, alliance }, { style: "positive" })], { fullWidth: true }),
    summary: view.labels.title,
  };
}

/** "Which organisation do you work for?" */
export function renderChooseOrganizationCard(view: ChooseOrganizationView, error?: string, then?: string): CardRender {
  const body: CardElement[] = [heading(view.title), text(view.text)];
  if (view.organizations.length > 0) {
    body.push({
      type: "Input.ChoiceSet",
      id: "organizationId",
      style: "expanded",
      choices: view.organizations.map((c) => ({ title: c.label, value: c.value })),
    } as CardElement);
  }
  if (view.allowNew) body.push(textInput("newOrganization", view.newLabel, undefined));
  if (error) body.push(errorText(error));
  const data = { verb: ALLIANCE_VERBS.chooseOrganization, ...(then ? { then } : {}) };
  return { card: card(body, [button(view.submitLabel, data, { style: "positive" })]), summary: view.title };
}

/** The "my data" summary; the full export goes along as a JSON file. */
export function renderMyDataCard(view: MyDataView): CardRender {
  const body: CardElement[] = [heading(view.title), text(view.intro), text(view.profile)];
  if (view.sections.length > 0) body.push(facts(view.sections.map((s) => [s.label, String(s.count)])));
  body.push(note(view.note));
  return { card: card(body), summary: view.title, files: [{ name: view.file.name, contentType: view.file.mimeType, content: view.file.content }] };
}

/** "Forget me?" with a destructive confirm. */
export function renderForgetMeConfirmCard(view: ForgetMeConfirmView): CardRender {
  return confirmationCard(view, { confirm: { verb: ALLIANCE_VERBS.forgetConfirm, memberId: view.memberId }, confirmStyle: "destructive", cancel: { verb: ALLIANCE_VERBS.forgetCancel } });
}

/** The admin's question whether to add a partner organisation a member named. */
export function renderOrganizationRequestCard(view: OrganizationRequestView): CardRender {
  return {
    card: card([text(view.text)], [button(view.approveLabel, { verb: ALLIANCE_VERBS.approveOrganization, memberId: view.memberId, name: view.name }, { style: "positive" })]),
    summary: view.text,
  };
}
