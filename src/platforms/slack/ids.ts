// Stable action ids (buttons, selects) and callback ids (modals). Slack echoes them back in
// block_actions / view_submission payloads; payloads.ts parses the values they carry.

/** Action ids of interactive elements. */
export const ACTION = {
  pollVote: "poll.vote",
  pollClose: "poll.close",
  pollRemind: "poll.remind",
  pollExport: "poll.export",
  pollResults: "poll.results",
  forgetConfirm: "privacy.forget.confirm",
  forgetCancel: "privacy.forget.cancel",
  linkConfirm: "alliance.link.confirm",
  linkCancel: "alliance.link.cancel",
  linkMerge: "alliance.link.merge",
  /** A merge row's select: Slack sends an action on every change; only the merge button acts. */
  linkMergeChoice: "alliance.link.merge-choice",
  commitmentOutcome: "commitment.outcome",
  commitmentConfirm: "commitment.confirm",
  commitmentDispute: "commitment.dispute",
  commitmentRenegotiate: "commitment.renegotiate",
  pulseScore: "pulse.score",
  pulseComment: "pulse.comment",
  healthShare: "health.share",
  chooseOrganization: "alliance.choose-organization",
  approveOrganization: "alliance.approve-organization",
  homeOpenPulse: "home.pulse",
  noop: "noop",
} as const;

/** Callback ids of modals. */
export const MODAL = {
  pollCreate: "poll.create",
  setup: "alliance.setup",
  chooseOrganization: "alliance.choose-organization",
  commitmentCreate: "commitment.create",
  commitmentRenegotiate: "commitment.renegotiate",
  commitmentDispute: "commitment.dispute",
  pulseComment: "pulse.comment",
  culture: "culture.assessment",
} as const;
