// Stopping without failing requests (ARCHITECTURE.md, "Shutting down without
// failing requests"). Next's own SIGTERM handler closes the port at once and
// then waits for open connections; a proxy that has not yet noticed still
// sends requests, and idle keep-alive connections closed under it fail the
// POSTs it cannot retry (bench:load --drain: 22 answers of 502). With
// NEXT_MANUAL_SIG_HANDLE=1 that handler is off and this one runs instead:
// say "not ready", go on serving while the proxy takes the instance out,
// then close, let the requests in flight finish, and exit.
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage, Server, ServerResponse } from "node:http";

type RequestMessage = { request: IncomingMessage; response: ServerResponse; server: Server };

/** The HTTP servers of this process that answered requests, and how many requests are unanswered. */
export type ServerTracker = { servers: Set<Server>; inFlight: () => number };

/** Starts counting requests of every server in the process (Node's HTTP channels), but `ignored`. */
export function trackServers(ignored: (server: Server) => boolean = () => false): ServerTracker {
  const servers = new Set<Server>();
  let open = 0;
  subscribe("http.server.request.start", (message) => {
    const { response, server } = message as RequestMessage;
    if (ignored(server)) return;
    servers.add(server);
    open += 1;
    // "close" comes for a finished answer and for an aborted one alike.
    response.once("close", () => (open -= 1));
  });
  return { servers, inFlight: () => open };
}

export type DrainOptions = {
  /** How long to go on serving while readiness says no. */
  delayMs: number;
  /** How long requests in flight may take after the port is closed. */
  graceMs: number;
  /** Readiness turns to "draining". */
  onDraining: () => void;
};

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Drains `tracker`'s servers; resolves with whether every request finished within the grace. */
export async function drain(tracker: ServerTracker, options: DrainOptions): Promise<"drained" | "timed out"> {
  options.onDraining();
  await sleep(options.delayMs);
  for (const server of tracker.servers) {
    server.close();
    server.closeIdleConnections();
  }
  const deadline = Date.now() + options.graceMs;
  while (tracker.inFlight() > 0 && Date.now() < deadline) await sleep(50);
  // A keep-alive connection whose last answer has gone is idle now: nothing is lost closing it.
  for (const server of tracker.servers) server.closeIdleConnections();
  return tracker.inFlight() === 0 ? "drained" : "timed out";
}
