// The culture-fit assessment ("culture"): a card with 48 point fields (six aspects × four
// statements × now/preferred), pre-filled with this quarter's own answers; problems are shown
// next to their aspect. "culture results" shows the alliance's published profiles.
import { z } from "zod";
import { culturePeriodKey, type CultureFitService } from "#core/culture-fit/culture-fit-service.js";
import { buildCultureFormView, buildCultureResultView } from "#core/culture-fit/culture-fit-views.js";
import { checkCulturePoints, pointsToInput, type CulturePointsInput } from "#core/culture-fit/culture-validation.js";
import { ASPECTS, CULTURE_VIEWS, DIFFERENCE_ITEMS, QUADRANTS } from "#core/culture-fit/cvf-instrument.js";
import { translate } from "#core/i18n/catalogue.js";
import type { Clock } from "#core/shared/clock.js";
import { DomainError } from "#core/shared/errors.js";
import type { TeamsFeature } from "../handlers/feature-types.js";
import type { Turn } from "../handlers/turn.js";
import { card, text } from "../render/card-kit.js";
import { CULTURE_CANT_SAY, CULTURE_VERBS } from "../render/culture-cards.js";
import { renderView } from "../render/render-view.js";
import type { TeamsServices } from "../teams-services.js";
import { requireOrganization } from "./organization-prompt.js";

const RESULT_WORDS = new Set(["results", "result", "resultaat", "resultaten", "uitslag"]);
const points = z.string().trim().max(5).regex(/^\d*$/, "whole points");

/** The card inputs as the core's CulturePointsInput and difference answers. */
export function cultureFromCard(data: Record<string, unknown>): { points: CulturePointsInput; differences: Record<string, number | null> } {
  const result: CulturePointsInput = {};
  for (const view of CULTURE_VIEWS) {
    const byAspect: Record<string, Record<string, unknown>> = {};
    for (const aspect of ASPECTS) {
      const split: Record<string, unknown> = {};
      for (const quadrant of QUADRANTS) {
        const raw = points.optional().parse(data[`${view}.${aspect}.${quadrant}`] ?? undefined);
        // An empty field is 0 points: people leave statements that do not fit blank.
        split[quadrant] = raw === undefined || raw === "" ? 0 : Number(raw);
      }
      byAspect[aspect] = split;
    }
    result[view] = byAspect;
  }
  const differences: Record<string, number | null> = {};
  for (const item of DIFFERENCE_ITEMS) {
    const raw = z.string().max(10).optional().parse(data[`diff.${item}`]);
    if (raw === undefined || raw === "") continue;
    differences[item] = raw === CULTURE_CANT_SAY ? null : z.coerce.number().int().min(1).max(5).parse(raw);
  }
  return { points: result, differences };
}

/** culture / culture results, and the form's submit. */
export function cultureFeature(services: TeamsServices, clock: Clock): TeamsFeature {
  const service = (): CultureFitService => {
    if (!services.culture) throw new DomainError("NOT_FOUND", "culture-fit service not configured");
    return services.culture;
  };
  const orgName = async (turn: Turn) =>
    (await services.alliances.listOrganizations(turn.member.allianceId)).find((o) => o.id === turn.member.organizationId)?.name ?? "";

  return {
    commands: {
      async culture({ turn, args, reply }) {
        const alliance = await services.alliances.getAlliance(turn.member.allianceId);
        if (RESULT_WORDS.has(args.trim().toLowerCase())) {
          return void (await reply(renderView(buildCultureResultView(await service().profiles(alliance), turn.locale))));
        }
        if (!(await requireOrganization(services, turn, reply))) return;
        const periodKey = culturePeriodKey(clock.now(), alliance.timezone);
        const mine = await service().myAssessment(alliance, turn.member, periodKey);
        const view = buildCultureFormView({
          locale: turn.locale,
          k: alliance.anonymityThreshold,
          organizationName: await orgName(turn),
          periodKey,
          ...(mine ? { values: { now: pointsToInput(mine.now), preferred: pointsToInput(mine.preferred) }, differences: mine.differences } : {}),
        });
        await reply(renderView(view));
      },
    },
    actions: {
      async [CULTURE_VERBS.submit]({ turn, data }) {
        const alliance = await services.alliances.getAlliance(turn.member.allianceId);
        const periodKey = z.string().max(20).parse(data.periodKey);
        const { points: input, differences } = cultureFromCard(data);
        const issues = checkCulturePoints(input);
        if (issues.length > 0) {
          const view = buildCultureFormView({ locale: turn.locale, k: alliance.anonymityThreshold, organizationName: await orgName(turn), periodKey, values: input, differences, issues });
          return { kind: "card", render: renderView(view) };
        }
        const { replaced } = await service().submitAssessment(alliance, turn.member, { periodKey, points: input, differences }, clock.now());
        const done = translate(turn.locale, replaced ? "teams.culture.replaced" : "teams.culture.saved");
        return { kind: "card", render: { card: card([text(done, { color: "Good" })]), summary: done } };
      },
    },
  };
}
