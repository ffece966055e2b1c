// The weekly summary: build (or reuse) the stored summary of the period that just ended, draw
// its charts, and queue one post of the summary view to the steering conversation. On Slack the
// chart PNGs follow as a second outbox message, an upload in the summary's thread; Teams draws
// the charts itself as Adaptive Card chart elements from the summary data. The dedupe keys are
// the job, alliance and slot period, so a retry never posts or uploads twice.
import type { SummaryChartImage } from "../charts/summary-charts.js";
import { reportedPeriodKey } from "../core/summary/summary-service.js";
import { summaryView } from "../core/summary/summary-views.js";
import type { Destination, JobContext } from "./job-context.js";
import type { JsonObject, OutboxMessage } from "./outbox/outbox-message.js";

/** The outbox key of the summary post of a slot. */
export const summaryDedupeKey = (allianceId: string, periodKey: string) => `summary:${allianceId}:${periodKey}`;
/** The outbox key of the upload of the summary's chart files. */
export const summaryChartsDedupeKey = (allianceId: string, periodKey: string) => `summary-charts:${allianceId}:${periodKey}`;

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

/** Builds, stores and queues the summary for the slot `periodKey` (the summary's own cadence). */
export async function runSummary(job: JobContext, allianceId: string, periodKey: string, now: Date): Promise<void> {
  const dedupeKey = summaryDedupeKey(allianceId, periodKey);
  const chartsKey = summaryChartsDedupeKey(allianceId, periodKey);
  // A retry after everything was queued has nothing left to do (and need not draw charts again).
  const queued = await job.deps.outbox.find(dedupeKey);
  if (queued && (!UPLOADS_CHARTS.has(queued.platform) || (await job.deps.outbox.find(chartsKey)))) return;
  const alliance = await job.services.alliances.getAlliance(allianceId);
  const reported = reportedPeriodKey(alliance, now);
  const { summary: stored } = await job.services.summary.buildAndStore(allianceId, reported, now);
  const to = await job.steeringOf(alliance);
  if (!to) return;
  let images: SummaryChartImage[] = [];
  try {
    images = await job.deps.renderCharts(stored.content, alliance.locale);
  } catch (error) {
    // The summary matters more than its pictures: post it with the charts' text fallbacks only.
    job.deps.logger?.error({ allianceId, periodKey, err: error }, "summary charts could not be drawn");
  }
  const charts = images.map(({ name, altText }) => ({ name, altText }));
  // A repeat (crash after the post was queued) gets the stored post back, not a second one.
  const post = await job.queueView(dedupeKey, to, summaryView(stored.content, alliance.locale, charts), alliance.locale);
  if (images.length > 0 && UPLOADS_CHARTS.has(to.platform)) await queueChartUpload(job, chartsKey, to, post, chartUploadPayload(images, stored.periodKey, dedupeKey));
  job.deps.logger?.info({ allianceId, periodKey, reported, charts: images.length }, "summary queued");
}

/** Queues the upload due just after the post, so the dispatcher (oldest due first) sends the post first. */
async function queueChartUpload(job: JobContext, key: string, to: Destination, post: OutboxMessage, payload: JsonObject): Promise<void> {
  await job.queue(key, to, "upload", payload, new Date(post.nextAttemptAt.getTime() + 1));
}
