// The Teams SDK's HTTP seam (IHttpServerAdapter) over an Express Router, so /api/messages lives
// on the ONE Express app of src/http/server.ts instead of a second server the SDK would start.
// The SDK's own ExpressAdapter needs the app at construction time; a Router lets the platform be
// built first and mounted later, before the 404 handler is added.
import express, { type Router } from "express";
import type { HttpMethod, HttpRouteHandler, IHttpServerAdapter } from "@microsoft/teams.apps";
import type { InboundTokenCheck, InboundTokenVerdict } from "./inbound-token-check.js";
import { labelRequest } from "#src/request-context.js";

/** Bot Framework caps a message at ~100 KB (UTF-16); anything much bigger is not from Teams. */
const MAX_BODY = "256kb";

/** An IHttpServerAdapter whose routes live on `router`; lifecycle belongs to the shared server. */
export class RouterAdapter implements IHttpServerAdapter {
  /** Mount this on the shared Express app. */
  readonly router: Router = express.Router();

  constructor(
    private readonly options: {
      /** Runs before the SDK; a refusal answers 401 and the SDK never sees the activity. Absent in local mode. */
      checkToken?: InboundTokenCheck;
      onRefused?: (verdict: Extract<InboundTokenVerdict, { ok: false }>, activity: { type: string; id?: unknown }) => void;
    } = {},
  ) {}

  /** Called by the SDK's HttpServer.initialize() for the messaging endpoint. */
  registerRoute(method: HttpMethod, path: string, handler: HttpRouteHandler): void {
    if (method !== "POST") throw new Error(`RouterAdapter: unsupported method ${String(method)}`);
    this.router.post(path, express.json({ limit: MAX_BODY }), async (req, res, next) => {
      try {
        // A body that is not an activity would otherwise reach the SDK and crash in routing.
        if (!req.body || typeof req.body !== "object" || typeof req.body.type !== "string") {
          res.status(400).json({ error: "not_an_activity" });
          return;
        }
        labelRequest("teams", req.body.type); // message, invoke, conversationUpdate, … for the metrics
        if (this.options.checkToken) {
          const verdict = await this.options.checkToken(req.headers.authorization, req.body);
          if (!verdict.ok) {
            this.options.onRefused?.(verdict, req.body);
            res.status(401).json({ error: "unauthorized" });
            return;
          }
        }
        const response = await handler({ body: req.body, headers: req.headers as Record<string, string | string[]> });
        if (response.body === undefined) res.status(response.status).end();
        else res.status(response.status).json(response.body);
      } catch (error) {
        next(error);
      }
    });
  }
}
