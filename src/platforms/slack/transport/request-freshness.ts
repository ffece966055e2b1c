// Slack signs every request with a timestamp; Bolt rejects timestamps more than 5 minutes in the
// past but accepts any in the future (research-slack.md §3.3), which leaves a future-dated replay
// window. This guard runs before Bolt's verification and rejects both directions with 401.
import type { NextFunction, Request, Response } from "express";

/** How far a request's timestamp may be from our clock, as Slack documents (5 minutes). */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/** True when `header` is a whole number of seconds within the allowed skew of `nowSec`. */
export function isFreshSlackTimestamp(header: string | undefined, nowSec: number): boolean {
  if (header === undefined || !/^\d{1,12}$/.test(header)) return false;
  return Math.abs(nowSec - Number(header)) <= MAX_CLOCK_SKEW_SECONDS;
}

/** Express middleware answering 401 to requests whose timestamp is missing, stale or in the future. */
export function requestFreshnessGuard(nowSec: () => number = () => Math.floor(Date.now() / 1000)) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.headers["x-slack-request-timestamp"];
    if (!isFreshSlackTimestamp(Array.isArray(header) ? header[0] : header, nowSec())) {
      res.status(401).send();
      return;
    }
    next();
  };
}
