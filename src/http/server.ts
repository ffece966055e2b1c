// The one HTTP server: /healthz, /readyz and /metrics; Slack (/slack/*) and Teams (/api/messages)
// mount their routes on the same Express app. Shutdown stops accepting, lets in-flight requests
// finish (bounded), then closes idle keep-alive sockets.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express, { type Express } from "express";
import type { Logger } from "#src/logger.js";
import type { BotMetrics } from "#observability/metrics.js";
import type { PlatformHealth } from "#observability/platform-health.js";
import { requestMetricsMiddleware } from "./platform-request-metrics.js";

/** Something /readyz asks before saying the bot can take traffic. */
export type ReadinessCheck = () => Promise<void>;

/** The HTTP server and the Express app that platforms mount their routes on. */
export interface HttpServer {
  readonly app: Express;
  readonly server: Server;
  /** Listens and resolves with the bound port (use port 0 in tests). */
  listen(port: number, host: string): Promise<number>;
  /** Stops accepting, waits up to `graceMs` for in-flight requests, then closes the rest. */
  close(graceMs?: number): Promise<void>;
}

/**
 * Builds the Express app with health and metrics routes; routes are added by the platforms before
 * listen. /readyz fails (503) only when the database does not answer: a platform outage is shown
 * per platform but does not take the instance out of the load balancer, since the other platform,
 * the outbox's retries and the scheduler still need it.
 */
export function createHttpServer(deps: { logger: Logger; ready: ReadinessCheck; metrics?: BotMetrics; health?: PlatformHealth }): HttpServer {
  const app = express();
  app.disable("x-powered-by");
  app.use(requestMetricsMiddleware({ metrics: deps.metrics ?? null, health: deps.health ?? null }));
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    const platforms = deps.health?.report() ?? {};
    try {
      await deps.ready();
      res.json({ status: "ready", database: "ok", platforms });
    } catch (error) {
      deps.logger.warn({ err: error }, "readiness check failed");
      res.status(503).json({ status: "unavailable", database: "unreachable", platforms });
    }
  });
  if (deps.metrics) {
    const metrics = deps.metrics;
    app.get("/metrics", async (_req, res) => {
      const { contentType, body } = await metrics.render();
      res.type(contentType).send(body);
    });
  }
  const server = createServer(app);
  // Slack retries after 3 s; keep sockets short-lived enough that a shutdown is not held up.
  server.keepAliveTimeout = 5_000;
  return {
    app,
    server,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          resolve((server.address() as AddressInfo).port);
        });
      });
    },
    close(graceMs = 10_000) {
      return new Promise((resolve) => {
        if (!server.listening) return resolve();
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
    },
  };
}

/** Adds the 404 and error handlers; call after every platform has mounted its routes. */
export function finishRoutes(app: Express, logger: Logger): void {
  app.use((_req, res) => {
    res.status(404).json({ error: "not_found" });
  });
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    logger.error({ err: error }, "unhandled HTTP error");
    if (!res.headersSent) res.status(500).json({ error: "internal_error" });
  });
}
