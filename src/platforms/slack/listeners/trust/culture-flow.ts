// /trust culture: the CVF assessment modal. The 100-point splits are checked by the core
// (checkCulturePoints) before anything is stored; problems appear under the aspect at fault.
import type { App, AllMiddlewareArgs } from "@slack/bolt";
import { culturePeriodKey, type CultureFitService } from "#core/culture-fit/culture-fit-service.js";
import { buildCultureFormView } from "#core/culture-fit/culture-fit-views.js";
import { checkCulturePoints, pointsToInput, type CulturePointsInput } from "#core/culture-fit/culture-validation.js";
import { ASPECTS, CULTURE_VIEWS, DIFFERENCE_ITEMS, QUADRANTS } from "#core/culture-fit/cvf-instrument.js";
import { translate } from "#core/i18n/catalogue.js";
import { MODAL } from "../../ids.js";
import { inputValue, submittedViewSchema } from "../../payloads.js";
import { cultureBlockId, cultureDifferenceBlockId, cultureModalErrors, renderCultureModal } from "../../render/culture-blocks.js";
import type { SlackActor } from "../../session/slack-actor.js";
import { errorText, interactionIdentity } from "../common.js";
import { textMessage } from "../../render/message.js";
import type { SlackListenerContext } from "../listener-context.js";

/** Opens the assessment, pre-filled with the member's own answers of this period. */
export async function openCultureModal(ctx: SlackListenerContext, culture: CultureFitService, client: AllMiddlewareArgs["client"], actor: SlackActor, triggerId: string): Promise<void> {
  const periodKey = culturePeriodKey(ctx.clock.now(), actor.alliance.timezone);
  const mine = await culture.myAssessment(actor.alliance, actor, periodKey);
  const organizations = await ctx.alliances.listOrganizations(actor.allianceId);
  const view = buildCultureFormView({
    locale: actor.locale,
    k: actor.alliance.anonymityThreshold,
    organizationName: organizations.find((o) => o.id === actor.organizationId)?.name ?? "",
    periodKey,
    ...(mine ? { values: { now: pointsToInput(mine.now), preferred: pointsToInput(mine.preferred) }, differences: mine.differences } : {}),
  });
  await client.views.open({ trigger_id: triggerId, view: renderCultureModal(view, JSON.stringify({ p: periodKey })) });
}

function readCulture(values: Record<string, Record<string, unknown>>) {
  const points: CulturePointsInput = {};
  for (const view of CULTURE_VIEWS) {
    const byAspect: Record<string, Record<string, unknown>> = {};
    for (const aspect of ASPECTS) {
      byAspect[aspect] = Object.fromEntries(
        QUADRANTS.map((q) => {
          const raw = inputValue(values, cultureBlockId(view, aspect, q));
          return [q, raw === null || raw === "" ? undefined : Number(raw)];
        }),
      );
    }
    points[view] = byAspect;
  }
  const differences: Record<string, number | null> = {};
  for (const item of DIFFERENCE_ITEMS) {
    const raw = inputValue(values, cultureDifferenceBlockId(item));
    if (raw !== null) differences[item] = raw === "x" ? null : Number(raw);
  }
  return { points, differences };
}

/** Registers the assessment's submission. */
export function registerCultureFlow(app: App, ctx: SlackListenerContext, culture: CultureFitService): void {
  app.view(MODAL.culture, async ({ ack, body, view, client }) => {
    const submitted = submittedViewSchema.parse(view);
    const actor = await ctx.resolveActor(interactionIdentity(body), client);
    const { points, differences } = readCulture(submitted.state.values);
    const issues = checkCulturePoints(points);
    if (issues.length > 0) {
      const form = buildCultureFormView({ locale: actor.locale, k: actor.alliance.anonymityThreshold, organizationName: "", periodKey: "", values: points, issues });
      await ack({ response_action: "errors", errors: cultureModalErrors(form) });
      return;
    }
    try {
      await culture.submitAssessment(actor.alliance, actor, { points, differences }, ctx.clock.now());
    } catch (error) {
      const first = cultureBlockId("now", ASPECTS[0], QUADRANTS[0]);
      await ack({ response_action: "errors", errors: { [first]: errorText(actor.locale, error) } });
      return;
    }
    await ack();
    await ctx.messenger.sendDirect({ teamId: actor.teamId, user: actor.userId }, textMessage(translate(actor.locale, "culture.submitted")));
  });
}
