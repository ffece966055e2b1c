// Per-request plumbing on the shared Express app: every request gets an id (the caller's
// X-Request-Id when it is a sane token, else a new one), echoed in the response and carried by
// every log line written while handling it; and every platform request is counted and timed to
// its HTTP answer (the ack) by platform and kind once the platform adapter has labelled it.
import { randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { requestContext, type RequestContext } from "#src/request-context.js";
import type { BotMetrics } from "#observability/metrics.js";
import type { PlatformHealth, PlatformName } from "#observability/platform-health.js";

const SANE_ID = /^[\w.:-]{1,64}$/;
/** Slack retries a request it has no answer to after 3 s: the budget an ack must stay within. */
const ACK_BUDGET_SECONDS = 3;

function platformOfPath(path: string): PlatformName | null {
  if (path.startsWith("/slack/")) return "slack";
  if (path === "/api/messages") return "teams";
  return null;
}

export function requestMetricsMiddleware(deps: { metrics: BotMetrics | null; health: PlatformHealth | null }) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.get("x-request-id");
    const context: RequestContext = { requestId: header && SANE_ID.test(header) ? header : randomUUID() };
    res.setHeader("x-request-id", context.requestId);
    const started = performance.now();
    const path = req.path; // before any router rewrites req.url
    res.once("finish", () => {
      const platform = (context.platform as PlatformName | undefined) ?? platformOfPath(path);
      if (!platform) return;
      const kind = context.kind ?? "unknown";
      const seconds = (performance.now() - started) / 1000;
      deps.metrics?.requests.inc({ platform, kind, status: String(res.statusCode) });
      deps.metrics?.ackSeconds.observe({ platform, kind }, seconds);
      if (res.statusCode < 400 && seconds <= ACK_BUDGET_SECONDS) deps.metrics?.acks.inc({ platform, kind });
      // A request that got past the platform's signature or token check shows the platform reaches us.
      if (res.statusCode < 400) deps.health?.inbound(platform);
    });
    requestContext.run(context, next);
  };
}
