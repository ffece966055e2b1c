// The weekly summary: build (or reuse) the stored summary of the period that just ended, draw
// its charts, and queue one post of the summary view to the steering conversation of every
// space of the alliance that chose one (a Slack workspace and a Teams organisation linked into
// one alliance each get theirs, in their own form). On Slack the chart PNGs follow as a second
// outbox message, an upload in the summary's thread; Teams draws the charts itself as Adaptive
// Card chart elements from the summary data. The dedupe keys are the job, alliance, slot period
// and space, so a retry never posts or uploads twice, and each space gets exactly one.
import type { SummaryChartImage } from "#charts/summary-charts.js";
import { reportedPeriodKey } from "#core/summary/summary-service.js";
import type { Destination, JobContext } from "./job-context.js";
import type { JsonObject, OutboxMessage } from "./outbox/outbox-message.js";

/**
 * The outbox key of the summary post of a slot in one space. The space hosting the alliance-level
 * steering channel keeps the key without a space (as before spaces were linked); other spaces
 * add their workspace id.
 */
export const summaryDedupeKey = (allianceId: string, periodKey: string, workspaceId?: string) =>
  `summary:${allianceId}:${periodKey}${workspaceId ? `:${workspaceId}` : ""}`;
/** The outbox key of the upload of the summary's chart files (same rule for the space). */
export const summaryChartsDedupeKey = (allianceId: string, periodKey: string, workspaceId?: string) =>
  `summary-charts:${allianceId}:${periodKey}${workspaceId ? `:${workspaceId}` : ""}`;

/** Platforms that show the charts as uploaded image files (Teams renders its own chart elements). */
const UPLOADS_CHARTS = new Set<Destination["platform"]>(["slack"]);

/**
 * The upload payload of the chart files (base64, since the payload is JSON). The file names carry
 * the reported period, so a downloaded chart says which week it shows and an adapter can recognise
 * its own earlier upload by name. `replyTo` asks the router to thread it under the summary post.
 */
export function chartUploadPayload(images: readonly SummaryChartImage[], reportedPeriod: string, replyTo: string): JsonObject {
  return {
    replyTo,
    files: images.map((image) => ({
      filename: `trust-health-${reportedPeriod}-${image.filename}`,
      title: image.altText.slice(0, 255),
      altText: image.altText.slice(0, 1000),
      mimeType: "image/png",
      contentBase64: image.png.toString("base64"),
    })),
  };
}

/** One steering conversation and the outbox keys of its post and chart upload. */
interface SummaryTarget {
  to: Destination;
  postKey: string;
  chartsKey: string;
}

/** True when the target's post (and, where charts are uploaded, its upload) is already queued. */
async function alreadyQueued(job: JobContext, target: SummaryTarget): Promise<boolean> {
  if (!(await job.deps.outbox.find(target.postKey))) return false;
  return !UPLOADS_CHARTS.has(target.to.platform) || (await job.deps.outbox.find(target.chartsKey)) !== null;
}

/** Builds, stores and queues the summary for the slot `periodKey` (the summary's own cadence). */
export async function runSummary(job: JobContext, allianceId: string, periodKey: string, now: Date): Promise<void> {
  const alliance = await job.services.alliances.getAlliance(allianceId);
  const targets: SummaryTarget[] = (await job.steeringTargetsOf(alliance)).map(({ to, primary }) => ({
    to,
    postKey: summaryDedupeKey(allianceId, periodKey, primary ? undefined : to.workspaceId),
    chartsKey: summaryChartsDedupeKey(allianceId, periodKey, primary ? undefined : to.workspaceId),
  }));
  const pending: SummaryTarget[] = [];
  for (const target of targets) if (!(await alreadyQueued(job, target))) pending.push(target);
  // A retry after everything was queued has nothing left to do (and need not draw charts again).
  if (targets.length > 0 && pending.length === 0) return;
  const reported = reportedPeriodKey(alliance, now);
  const { summary: stored } = await job.services.summary.buildAndStore(allianceId, reported, now);
  if (pending.length === 0) return;
  let images: SummaryChartImage[] = [];
  try {
    images = await job.deps.renderCharts(stored.content, alliance.locale);
  } catch (error) {
    // The summary matters more than its pictures: post it with the charts' text fallbacks only.
    job.deps.logger?.error({ allianceId, periodKey, err: error }, "summary charts could not be drawn");
  }
  const charts = images.map(({ name, altText }) => ({ name, altText }));
  for (const { to, postKey, chartsKey } of pending) {
    // A repeat (crash after the post was queued) gets the stored post back, not a second one.
    const post = await job.queueView(postKey, to, job.services.summary.viewOf(stored.content, alliance.locale, charts), alliance.locale);
    if (images.length > 0 && UPLOADS_CHARTS.has(to.platform)) await queueChartUpload(job, chartsKey, to, post, chartUploadPayload(images, stored.periodKey, postKey));
  }
  job.deps.logger?.info({ allianceId, periodKey, reported, charts: images.length, spaces: pending.length }, "summary queued");
}

/** Queues the upload due just after the post, so the dispatcher (oldest due first) sends the post first. */
async function queueChartUpload(job: JobContext, key: string, to: Destination, post: OutboxMessage, payload: JsonObject): Promise<void> {
  await job.queue(key, to, "upload", payload, new Date(post.nextAttemptAt.getTime() + 1));
}
