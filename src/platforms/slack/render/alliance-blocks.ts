// Alliance views as Slack messages and modals: help, my data (message + JSON file), the
// forget-me confirmation, and the one-time "which organisation?" modal.
import type { types } from "@slack/bolt";
import type { ChooseOrganizationView, ForgetMeConfirmView, HelpView, MyDataView, OrganizationRequestView } from "#core/alliance/alliance-views.js";
import { ACTION, MODAL } from "../ids.js";
import type { SlackMessage } from "../transport/slack-messenger.js";
import { actions, button, context, divider, header, modal, option, plain, sections, textInput } from "./blocks.js";
import { BLOCK_KIT, escapeMrkdwn } from "./limits.js";
import { toMessages } from "./message.js";

/** The command overview. */
export function renderHelp(view: HelpView): SlackMessage[] {
  const blocks = [
    header(view.title),
    ...sections(escapeMrkdwn(view.intro)),
    ...view.sections.flatMap((s) => [divider(), ...sections(`*${escapeMrkdwn(s.command)}*  ${escapeMrkdwn(s.description)}\n${s.examples.map((e) => `• \`${escapeMrkdwn(e)}\``).join("\n")}`)]),
    context([...view.tips, view.footer].map(escapeMrkdwn)),
  ];
  return toMessages(view.title, blocks);
}

/** The my-data summary; the JSON file is uploaded beside it. */
export function renderMyData(view: MyDataView): SlackMessage[] {
  const lines = view.sections.map((s) => `• ${escapeMrkdwn(s.label)}: ${s.count}`).join("\n");
  return toMessages(view.title, [
    header(view.title),
    ...sections(escapeMrkdwn(view.intro)),
    ...sections(escapeMrkdwn(view.profile)),
    ...(lines ? sections(lines) : []),
    context([escapeMrkdwn(view.note)]),
  ]);
}

/** "Are you sure?" with confirm and cancel buttons. */
export function renderForgetMeConfirm(view: ForgetMeConfirmView): SlackMessage[] {
  return toMessages(view.title, [
    header(view.title),
    ...sections(escapeMrkdwn(view.text)),
    ...actions([button(view.confirmLabel, ACTION.forgetConfirm, view.memberId, "danger"), button(view.cancelLabel, ACTION.forgetCancel, view.memberId)], "forget.actions"),
  ]);
}

/** The "which organisation?" modal: a select of known organisations and, if allowed, a new name. */
export function renderChooseOrganizationModal(view: ChooseOrganizationView, privateMetadata: string): types.ModalView {
  const blocks: types.KnownBlock[] = [...sections(escapeMrkdwn(view.text))];
  if (view.organizations.length > 0) {
    blocks.push({
      type: "input",
      block_id: "org.choice",
      optional: view.allowNew,
      label: plain(view.title, BLOCK_KIT.inputLabel),
      element: {
        type: "static_select",
        action_id: "value",
        options: view.organizations.slice(0, BLOCK_KIT.options).map((o) => option(o.label, o.value)),
      },
    });
  }
  if (view.allowNew) {
    blocks.push({
      type: "input",
      block_id: "org.new",
      optional: view.organizations.length > 0,
      label: plain(view.newLabel, BLOCK_KIT.inputLabel),
      element: textInput({ max: 80 }),
    });
  }
  return modal(MODAL.chooseOrganization, { title: view.title, submit: view.submitLabel }, privateMetadata, blocks);
}

/** The admin's question whether to add a partner organisation a member named. */
export function renderOrganizationRequest(view: OrganizationRequestView): SlackMessage[] {
  const value = JSON.stringify({ m: view.memberId, n: view.name });
  return toMessages(view.text, [...sections(escapeMrkdwn(view.text)), ...actions([button(view.approveLabel, ACTION.approveOrganization, value, "primary")])]);
}
