// Every core View rendered for Slack. The switch is exhaustive over View["kind"]: adding a view
// kind to src/core/views.ts fails the type check here until Slack renders it.
import type { types } from "@slack/bolt";
import type { View } from "#core/views.js";
import type { SlackMessage } from "../transport/slack-messenger.js";
import { renderChooseOrganizationModal, renderOrganizationRequest, renderForgetMeConfirm, renderHelp, renderMyData } from "./alliance-blocks.js";
import { sections } from "./blocks.js";
import { renderCardWithText, renderCommitmentCard, renderCommitmentList } from "./commitment-blocks.js";
import { escapeMrkdwn } from "./limits.js";
import { toMessages } from "./message.js";
import { renderLinkConfirm, renderLinkMerge } from "./link-blocks.js";
import { renderPollMessage } from "./poll-blocks.js";
import { renderCultureModal, renderCultureResult } from "./culture-blocks.js";
import { renderPulseAnswered, renderPulseQuestion, renderPulseThankYou } from "./pulse-blocks.js";
import { renderSetupModal } from "./setup-modal.js";
import { renderSummary } from "./summary-blocks.js";

/** A file to upload next to the messages. */
export interface SlackFile {
  filename: string;
  title: string;
  content: string;
}

/** How a view appears in Slack: messages (with optional files) or a modal. */
export type SlackRendering =
  | { surface: "messages"; messages: SlackMessage[]; files: SlackFile[] }
  | { surface: "modal"; modal: types.ModalView };

const messages = (list: SlackMessage[], files: SlackFile[] = []): SlackRendering => ({ surface: "messages", messages: list, files });

/** Renders `view`; `modalMetadata` is carried by modals back to their submission handler. */
export function renderView(view: View, modalMetadata = ""): SlackRendering {
  switch (view.kind) {
    case "text":
      return messages(toMessages(view.text, sections(escapeMrkdwn(view.text))));
    case "poll":
      return messages([renderPollMessage(view)]);
    case "alliance.help":
      return messages(renderHelp(view));
    case "alliance.my-data":
      return messages(renderMyData(view), [{ filename: view.file.name, title: view.title, content: view.file.content }]);
    case "alliance.forget-me-confirm":
      return messages(renderForgetMeConfirm(view));
    case "alliance.link-confirm":
      return messages(renderLinkConfirm(view));
    case "alliance.link-merge":
      return messages(renderLinkMerge(view));
    case "alliance.choose-organization":
      return { surface: "modal", modal: renderChooseOrganizationModal(view, modalMetadata) };
    case "alliance.org-request":
      return messages(renderOrganizationRequest(view));
    case "alliance.setup-form":
      return { surface: "modal", modal: renderSetupModal(view, modalMetadata) };
    case "commitment_card":
      return messages(renderCommitmentCard(view));
    case "commitment_list":
      return messages(renderCommitmentList(view));
    case "commitment_check_in":
    case "commitment_confirm_request":
      return messages(renderCardWithText(view.text, view.card));
    case "pulse.question":
      return messages([renderPulseQuestion(view)]);
    case "pulse.answered":
      return messages([renderPulseAnswered(view)]);
    case "pulse.thank-you":
      return messages([renderPulseThankYou(view)]);
    case "culture.assessment-form":
      return { surface: "modal", modal: renderCultureModal(view, modalMetadata) };
    case "culture.result":
      return messages(renderCultureResult(view));
    case "trust_health_summary":
      return messages(renderSummary(view));
    default:
      return assertNever(view);
  }
}

/** Renders a view that must be messages (posting, DMs, the outbox); modals are a programming error. */
export function renderMessages(view: View): { messages: SlackMessage[]; files: SlackFile[] } {
  const rendering = renderView(view);
  if (rendering.surface !== "messages") throw new Error(`view ${view.kind} is a modal and cannot be posted`);
  return rendering;
}

function assertNever(view: never): never {
  throw new Error(`Slack cannot render view ${(view as { kind: string }).kind}`);
}
