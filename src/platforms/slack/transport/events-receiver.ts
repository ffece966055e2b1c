// Bolt's ExpressReceiver, except that an Events API delivery is answered only after it has been
// handled, and with 500 when handling failed. Bolt acks events before any listener runs, so a
// database outage lost the event: Slack saw 200 and never retried. Slack retries an event three
// times (after about 0 s, 1 min and 5 min) when it sees no 2xx; handlers are idempotent and the
// redelivery guard forgets a failed event (slack-platform.ts), so the retry does the work.
//
// Only events wait: commands, actions and view submissions still get their ack() at once, and
// finish their work after the response (Slack's 3 s budget is for the ack).
import { ExpressReceiver } from "@slack/bolt";
import type { Request, Response } from "express";

/** An Events API delivery (not url_verification, not an interaction or a command). */
export function isEventCallback(body: unknown): boolean {
  return typeof body === "object" && body !== null && (body as { type?: unknown }).type === "event_callback";
}

/** ExpressReceiver that holds the response of Events API deliveries until they are handled. */
export class EventsApiReceiver extends ExpressReceiver {
  override async requestHandler(req: Request, res: Response): Promise<void> {
    if (!isEventCallback(req.body)) return super.requestHandler(req, res);
    // The receiver reads processBeforeResponse per request; a view of this receiver with it on
    // makes Bolt store the ack and send it after processEvent, or let processEventErrorHandler
    // answer 500 when processEvent rejects (our app.error rethrows Events API failures).
    const holdingResponse = Object.create(this, { processBeforeResponse: { value: true } }) as ExpressReceiver;
    return ExpressReceiver.prototype.requestHandler.call(holdingResponse, req, res);
  }
}
