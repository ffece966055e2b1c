// The buttons on Teams commitment cards (kept, late, broken, confirm, dispute, resolve, withdraw,
// renegotiate) and the create form's submission: the service call, then the refreshed card in place.
import { z } from "zod";
import { tellOwnerElsewhere } from "#core/commitments/answer-notice.js";
import { COMMITMENT_LIMITS, type Commitment, type CommitmentOutcome } from "#core/commitments/commitment.js";
import { COMMITMENT_ACTION_IDS } from "#core/commitments/commitment-views.js";
import { parseDueDate } from "#core/commitments/due-date.js";
import { COMMITMENT_FORM_VERB, DUE_TEXT_MAX } from "../render/commitment-form-card.js";
import type { ActionHandler, ActionResult } from "../handlers/feature-types.js";
import type { Turn } from "../handlers/turn.js";
import {
  askToConfirm,
  commitmentCardOf,
  commitmentService,
  confirmViewFor,
  COMMITMENT_CARD_VIEW_VERB,
  COMMITMENT_CONFIRM_VIEW_VERB,
  type CommitmentsFeatureDeps,
} from "./commitment-feature-support.js";
import { commitmentCardViewFor, updateSharedCommitmentCard } from "./commitment-shared-card.js";

const reasonField = z.string().trim().max(500).optional();
const idField = z.string().min(1).max(100);

/** Every commitment card verb → its handler. */
export function commitmentCardActions(deps: CommitmentsFeatureDeps): Record<string, ActionHandler> {
  const { services, clock } = deps;
  const service = () => commitmentService(deps);
  const cardOf = (turn: Turn, commitment: Commitment) => commitmentCardOf(deps, turn, commitment);

  /** A card button: the service call, then the refreshed card in place. */
  const act = (call: (turn: Turn, id: string, data: Record<string, unknown>, key: string | undefined) => Promise<{ commitment: Commitment; replayed: boolean }>, confirmAfter = false): ActionHandler =>
    async ({ turn, data, reply, cardActivityId }): Promise<ActionResult> => {
      const id = idField.parse(data.commitmentId);
      const key = turn.activity.id ? `teams:${turn.activity.id}` : undefined;
      const result = await call(turn, id, data, key);
      if (!result.replayed) await updateSharedCommitmentCard(deps, turn, cardActivityId, result.commitment);
      if (confirmAfter && !result.replayed) await askToConfirm(deps, { turn, reply }, result.commitment);
      return { kind: "card", render: await cardOf(turn, result.commitment) };
    };
  /** After a confirm or dispute: an owner in another space (e.g. on Slack) is told there. */
  const answered = async (turn: Turn, change: Promise<{ commitment: Commitment; replayed: boolean }>) => {
    const result = await change;
    if (!result.replayed) {
      const { events } = await service().get(turn.member, result.commitment.id);
      await tellOwnerElsewhere({ members: services.memberRepository, alliances: services.alliances, clock, notifyMember: services.notifyMember }, result.commitment, events, turn.member.workspaceId);
    }
    return result;
  };
  const withKey = (key: string | undefined, reason?: string) => ({ ...(key ? { idempotencyKey: key } : {}), ...(reason ? { reason } : {}) });
  const outcome = (o: CommitmentOutcome) =>
    act((turn, id, data, key) => service().reportOutcome(turn.member, id, o, withKey(key, reasonField.parse(data.reason))), true);

  return {
    [COMMITMENT_ACTION_IDS.kept]: outcome("kept"),
    [COMMITMENT_ACTION_IDS.late]: outcome("kept_late"),
    [COMMITMENT_ACTION_IDS.broken]: outcome("broken"),
    async [COMMITMENT_CARD_VIEW_VERB]({ turn, data }) {
      return { kind: "card", render: await commitmentCardViewFor(deps, turn, idField.parse(data.commitmentId)) };
    },
    async [COMMITMENT_CONFIRM_VIEW_VERB]({ turn, data }) {
      return { kind: "card", render: await confirmViewFor(deps, turn, idField.parse(data.commitmentId)) };
    },
    [COMMITMENT_ACTION_IDS.confirm]: act((turn, id, _data, key) => answered(turn, service().confirm(turn.member, id, withKey(key)))),
    [COMMITMENT_ACTION_IDS.dispute]: act((turn, id, data, key) =>
      answered(turn, service().dispute(turn.member, id, { ...withKey(key), reason: z.string().trim().min(1).max(500).parse(data.reason) })),
    ),
    [COMMITMENT_ACTION_IDS.resolve]: act((turn, id, data, key) =>
      service().resolveDispute(turn.member, id, z.enum(["kept", "kept_late", "broken"]).parse(data.outcome), withKey(key, reasonField.parse(data.reason))),
    ),
    [COMMITMENT_ACTION_IDS.withdraw]: act((turn, id, data, key) => service().withdraw(turn.member, id, withKey(key, reasonField.parse(data.reason)))),
    [COMMITMENT_ACTION_IDS.renegotiate]: act(async (turn, id, data, key) => {
      const alliance = await services.alliances.getAlliance(turn.member.allianceId);
      const due = parseDueDate(z.string().min(1).max(100).parse(data.dueDate), { now: clock.now(), timeZone: alliance.timezone, locale: turn.locale });
      return service().renegotiate(turn.member, id, due.dueAt, withKey(key, reasonField.parse(data.reason)));
    }),
    [COMMITMENT_FORM_VERB]: async function submitCommitmentForm({ turn, data }): Promise<ActionResult> {
      const input = z
        .object({
          text: z.string().trim().max(COMMITMENT_LIMITS.textMax).default(""),
          beneficiary: z.string().max(100).default(""),
          due: z.string().trim().max(DUE_TEXT_MAX).default(""),
          definitionOfDone: z.string().trim().max(COMMITMENT_LIMITS.definitionOfDoneMax).optional(),
        })
        .parse(data);
      const alliance = await services.alliances.getAlliance(turn.member.allianceId);
      const dueAt = input.due ? parseDueDate(input.due, { now: clock.now(), timeZone: alliance.timezone, locale: turn.locale }).dueAt : null;
      const key = turn.activity.id ? `teams:${turn.activity.id}` : undefined;
      const result = await service().create(
        turn.member,
        { text: input.text, beneficiary: { kind: "organization", organizationId: idField.parse(input.beneficiary) }, dueAt, ...(input.definitionOfDone ? { definitionOfDone: input.definitionOfDone } : {}) },
        withKey(key),
      );
      return { kind: "card", render: await cardOf(turn, result.commitment) };
    },
  };
}
