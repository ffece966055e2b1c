// /trust setup: the setup modal pre-filled with the current settings, and its submission, which
// the alliance service validates; every field error comes back in place (response_action errors).
import type { App, AllMiddlewareArgs } from "@slack/bolt";
import { buildSetupFormView, buildSetupSavedText, setupErrorText } from "#core/alliance/alliance-views.js";
import type { SetupFieldError } from "#core/alliance/setup-input.js";
import { translate } from "#core/i18n/catalogue.js";
import { MODAL } from "../../ids.js";
import { inputValue, submittedViewSchema } from "../../payloads.js";
import { renderSetupModal, setupErrorBlockId, MAX_ORGANIZATION_ROWS } from "../../render/setup-modal.js";
import type { SlackActor } from "../../session/slack-actor.js";
import { errorText, interactionIdentity } from "../common.js";
import { channelLink, slackText, type SlackText } from "../../render/message.js";
import type { SlackMessage } from "../../transport/slack-messenger.js";
import type { SlackListenerContext } from "../listener-context.js";
import { organizationQuestion } from "./org-choice.js";
import { z } from "zod";

const metadataSchema = z.object({ c: z.string().default(""), o: z.array(z.string().nullable()).default([]) });

/** Opens the setup modal for `actor` (called right after the /trust ack, within trigger_id's life). */
export async function openSetupModal(ctx: SlackListenerContext, client: AllMiddlewareArgs["client"], actor: SlackActor, triggerId: string, channel: string): Promise<void> {
  const values = await ctx.alliances.currentSetup(actor.allianceId, { workspaceId: actor.workspaceId });
  const view = buildSetupFormView(actor.locale, values);
  const metadata = JSON.stringify({ c: channel, o: values.organizations.map((o) => o.id ?? null) });
  await client.views.open({ trigger_id: triggerId, view: renderSetupModal(view, metadata) });
}

const list = (text: string | null): string[] => (text ?? "").split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean);

/** Reads the modal into the setup form's raw shape; `rows[k]` is the modal row of organisation k. */
function readSetup(values: Record<string, Record<string, unknown>>, orgIds: ReadonlyArray<string | null>) {
  const organizations: Array<{ id?: string; name: string; emailDomains: string[]; slackTeamIds: string[] }> = [];
  const rows: number[] = [];
  for (let i = 0; i < MAX_ORGANIZATION_ROWS && values[`organizations.${i}.name`]; i++) {
    const name = inputValue(values, `organizations.${i}.name`)?.trim() ?? "";
    const emailDomains = list(inputValue(values, `organizations.${i}.emailDomains`));
    const slackTeamIds = list(inputValue(values, `organizations.${i}.slackTeamIds`));
    if (!name && emailDomains.length === 0 && slackTeamIds.length === 0) continue; // an empty spare row
    const id = orgIds[i];
    organizations.push({ ...(id ? { id } : {}), name, emailDomains, slackTeamIds });
    rows.push(i);
  }
  const v = (block: string) => inputValue(values, block) ?? undefined;
  const steering = v("steeringChannel");
  // Older open modals have no alliance channel block: leave the stored one as it is.
  const allianceChannel = values["allianceChannel"] ? (v("allianceChannel") ? { conversationId: v("allianceChannel")! } : null) : undefined;
  return {
    rows,
    raw: {
      name: v("name") ?? "",
      organizations,
      steeringChannel: steering ? { conversationId: steering } : null,
      ...(allianceChannel !== undefined ? { allianceChannel } : {}),
      summary: { cadence: v("summary.cadence"), weekday: v("summary.weekday"), hour: v("summary.hour") },
      pulse: { cadence: v("pulse.cadence"), weekday: v("pulse.weekday"), hour: v("pulse.hour"), itemsPerRound: v("pulse.itemsPerRound") },
      uncertainty: v("uncertainty"),
      anonymityThreshold: v("anonymityThreshold"),
      cultureFlagThreshold: v("cultureFlagThreshold"),
      commitmentReminderDays: v("commitmentReminderDays"),
      locale: v("locale"),
      timezone: v("timezone"),
    },
  };
}

/** Field errors → block ids of the modal (submitted organisation k lives in modal row rows[k]). */
function errorsByBlock(errors: readonly SetupFieldError[], rows: readonly number[], blockIds: readonly string[], locale: SlackActor["locale"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const error of errors) {
    const field = error.field.replace(/^organizations\.(\d+)/, (_, k: string) => `organizations.${rows[Number(k)] ?? Number(k)}`);
    const block = setupErrorBlockId(field, blockIds);
    const text = setupErrorText(locale, error);
    out[block] = out[block] ? `${out[block]} ${text}` : text;
  }
  return out;
}

/** Registers the setup modal's submission. */
export function registerSetupFlow(app: App, ctx: SlackListenerContext): void {
  app.view(MODAL.setup, async ({ ack, body, view, client }) => {
    const submitted = submittedViewSchema.parse(view);
    const metadata = metadataSchema.parse(JSON.parse(submitted.private_metadata || "{}"));
    const actor = await ctx.resolveActor(interactionIdentity(body), client);
    const { raw, rows } = readSetup(submitted.state.values, metadata.o);
    let result;
    try {
      result = await ctx.alliances.applySetup(actor, raw, { workspaceId: actor.workspaceId });
    } catch (error) {
      await ack({ response_action: "errors", errors: { name: errorText(actor.locale, error) } });
      return;
    }
    if (!result.ok) {
      await ack({ response_action: "errors", errors: errorsByBlock(result.errors, rows, Object.keys(submitted.state.values), actor.locale) });
      return;
    }
    await ack();
    ctx.forgetActors();
    // What was set up, what happens next and when, and how members get their organisation.
    // The steering channel becomes a real channel link; every other part of the text is escaped.
    const STEERING = "\u0000steering\u0000";
    const steeringId = /^[CG][A-Z0-9]{2,}$/.test(result.alliance.steering?.conversationId ?? "") ? (result.alliance.steering?.conversationId ?? null) : null;
    const lines = buildSetupSavedText(actor.locale, "slack", result, { now: ctx.clock.now(), steering: steeringId ? STEERING : null });
    const escaped = slackText(lines.join("\n\n"));
    const saved: SlackMessage = { text: (steeringId ? escaped.split(STEERING).join(channelLink(steeringId)) : escaped) as SlackText };
    const tell = (message: SlackMessage) =>
      ctx.messenger.postEphemeral({ teamId: actor.teamId, channel: metadata.c || actor.userId, user: actor.userId }, message).catch(async () => {
        await ctx.messenger.sendDirect({ teamId: actor.teamId, user: actor.userId }, message);
      });
    await tell(saved);
    // The admin's own organisation, once the organisations exist (their Slack Connect team or
    // e-mail domain may match now); asked only when nothing does.
    const after = await ctx.resolveActor(interactionIdentity(body), client);
    if (after.organizationId === null) await tell(organizationQuestion(after.locale, "alliance.chooseOrg.afterSetup"));
  });
}
