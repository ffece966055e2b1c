// The weekly summary: build (or reuse) the stored summary of the period that just ended, draw
// its charts, and queue one post of the summary view to the steering conversation with the chart
// PNGs attached. The dedupe key is the job, alliance and slot period, so a retry never posts twice.
import type { SummaryChartImage } from "../charts/summary-charts.js";
import { reportedPeriodKey } from "../core/summary/summary-service.js";
import { summaryView } from "../core/summary/summary-views.js";
import type { JobContext } from "./job-context.js";
import type { JsonValue } from "./outbox/outbox-message.js";

/** The outbox key of the summary post of a slot. */
export const summaryDedupeKey = (allianceId: string, periodKey: string) => `summary:${allianceId}:${periodKey}`;

/** Chart files as the summary post carries them (base64, since the payload is JSON). */
export function chartAttachments(images: readonly SummaryChartImage[]): JsonValue {
  return images.map((image) => ({
    name: image.name,
    filename: image.filename,
    title: image.altText,
    mimeType: "image/png",
    contentBase64: image.png.toString("base64"),
  }));
}

/** Builds, stores and queues the summary for the slot `periodKey` (the summary's own cadence). */
export async function runSummary(job: JobContext, allianceId: string, periodKey: string, now: Date): Promise<void> {
  const dedupeKey = summaryDedupeKey(allianceId, periodKey);
  // A retry after the post was queued has nothing left to do (and need not draw charts again).
  if (await job.deps.outbox.find(dedupeKey)) return;
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
  await job.queueView(dedupeKey, to, summaryView(stored.content, alliance.locale, charts), alliance.locale, {
    extras: { charts: chartAttachments(images) },
  });
  job.deps.logger?.info({ allianceId, periodKey, reported, charts: images.length }, "summary queued");
}
