// The id of the request being served, for every Kratos call made while serving
// it (lib/kratos/client.ts sends it as X-Request-Id, which Kratos writes in its
// own request log): one sign-in can be followed through both logs. On
// globalThis, as the metrics are: the observer and the routes are bundled apart.
import { AsyncLocalStorage } from "node:async_hooks";

export type RequestContext = { requestId: string };

const holder = globalThis as typeof globalThis & { requestContext?: AsyncLocalStorage<RequestContext> };

/** The store the request observer enters for each request. */
export function requestContextStorage(): AsyncLocalStorage<RequestContext> {
  holder.requestContext ??= new AsyncLocalStorage<RequestContext>();
  return holder.requestContext;
}

/** The id of the request this code runs for, if it runs for one. */
export function currentRequestId(): string | undefined {
  return holder.requestContext?.getStore()?.requestId;
}
