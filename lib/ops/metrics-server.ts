// /metrics on a port of its own (METRICS_PORT): the public proxy routes the
// app's port only, so the endpoint is out of its reach by construction rather
// than by a path rule someone could forget. In Kubernetes the pods' scrape
// annotations name this port (deploy/kubernetes/base/selfservice-ui.yaml).
import { createServer, type Server } from "node:http";
import { logEvent } from "./log";
import { appMetrics } from "./metrics";
import { unobservedServers } from "./request-log";

/** Starts the metrics server; resolves once it listens. */
export function startMetricsServer(port: number, host: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = (request.url ?? "").split("?", 1)[0];
    if (request.method !== "GET" || path !== "/metrics") {
      response.writeHead(404, { "Content-Type": "text/plain" }).end("Not Found\n");
      return;
    }
    const { registry } = appMetrics();
    registry.metrics().then(
      (body) => response.writeHead(200, { "Content-Type": registry.contentType }).end(body),
      () => response.writeHead(500).end(),
    );
  });
  unobservedServers.add(server);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      logEvent("info", "metrics_listening", { address: `${host}:${port}`, path: "/metrics" });
      resolve(server);
    });
  });
}
