// What is known about the HTTP request being handled, wherever in its async call chain we are:
// its id (every log line of the request carries it, see logger.ts) and, once a platform adapter
// has looked at the body, which platform and kind of request it is (for the metrics).
import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestContext {
  readonly requestId: string;
  platform?: string;
  kind?: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

/** The current request's id, or undefined outside a request (scheduler, start-up). */
export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}

/** Called by a platform adapter when it knows what the request is (e.g. slack / command). */
export function labelRequest(platform: string, kind: string): void {
  const store = requestContext.getStore();
  if (store) {
    store.platform = platform;
    store.kind = kind;
  }
}
