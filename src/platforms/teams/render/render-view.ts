// One function from any core View to a Teams message. The switch is exhaustive over
// View["kind"]: a new view kind fails the type check here until Teams renders it.
import { renderLinkConfirmCard, renderLinkMergeCard } from "./link-cards.js";
import type { View } from "#core/views.js";
import {
  renderChooseOrganizationCard, renderOrganizationRequestCard,
  renderForgetMeConfirmCard,
  renderHelpCard,
  renderMyDataCard,
  renderSetupCard,
  type SetupCardOptions,
} from "./alliance-cards.js";
import {
  renderCommitmentCard,
  renderCommitmentCheckIn,
  renderCommitmentConfirmRequest,
  renderCommitmentList,
} from "./commitment-cards.js";
import { renderCultureFormCard, renderCultureResultCard } from "./culture-cards.js";
import { renderPollCard, type PollCardOptions } from "./poll-card.js";
import { renderPulseAnsweredCard, renderPulseQuestionCard, renderPulseThankYouCard } from "./pulse-cards.js";
import { renderSummaryCard } from "./summary-card.js";
import type { Locale } from "#core/shared/refs.js";
import type { CardRender } from "./render-types.js";

/** Per-viewer or per-place details some cards need; proactive sends use the defaults. */
export interface RenderContext {
  /** Language of labels the view does not carry (form fields); the alliance's or the viewer's. */
  locale?: Locale;
  poll?: PollCardOptions;
  setup?: SetupCardOptions;
  /** An error to show inside a form card. */
  error?: string;
  /** The organisation chooser: the command to carry out after the choice (JSON, see organization-prompt.ts). */
  then?: string;
}

/** Fails the type check when a view kind has no case above it. */
function unreachable(view: never): never {
  throw new Error(`Teams cannot render view kind ${(view as { kind: string }).kind}`);
}

/** Renders `view` for Teams. */
export function renderView(view: View, context: RenderContext = {}): CardRender {
  switch (view.kind) {
    case "text":
      return { text: view.text };
    case "poll":
      return renderPollCard(view, context.poll);
    case "alliance.help":
      return renderHelpCard(view);
    case "alliance.setup-form":
      return renderSetupCard(view, context.setup ?? { canChooseHereAsSteering: false });
    case "alliance.choose-organization":
      return renderChooseOrganizationCard(view, context.error, context.then);
    case "alliance.org-request":
      return renderOrganizationRequestCard(view);
    case "alliance.my-data":
      return renderMyDataCard(view);
    case "alliance.forget-me-confirm":
      return renderForgetMeConfirmCard(view);
    case "alliance.link-confirm":
      return renderLinkConfirmCard(view);
    case "alliance.link-merge":
      return renderLinkMergeCard(view);
    case "commitment_card":
      return renderCommitmentCard(view, context.locale ?? "en", context.error);
    case "commitment_list":
      return renderCommitmentList(view);
    case "commitment_check_in":
      return renderCommitmentCheckIn(view, context.locale ?? "en");
    case "commitment_confirm_request":
      return renderCommitmentConfirmRequest(view, context.locale ?? "en");
    case "trust_health_summary":
      return renderSummaryCard(view);
    case "pulse.question":
      return renderPulseQuestionCard(view, context.error);
    case "pulse.answered":
      return renderPulseAnsweredCard(view);
    case "pulse.thank-you":
      return renderPulseThankYouCard(view);
    case "culture.assessment-form":
      return renderCultureFormCard(view);
    case "culture.result":
      return renderCultureResultCard(view);
    default:
      return unreachable(view);
  }
}
