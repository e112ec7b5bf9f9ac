// Against real HTTP servers on loopback: the drain goes on serving during the
// delay, lets a slow request finish, then refuses new connections.
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { drain, trackServers } from "./shutdown";

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function slowServer(ms: number): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => setTimeout(() => res.end(`done ${req.url}`), ms));
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return { server, port: (server.address() as AddressInfo).port };
}

/** One GET on a fresh connection: its status and body, or the error code. */
function get(port: number, path: string): Promise<{ status?: number; body?: string; error?: string }> {
  return new Promise((done) => {
    const req = request({ host: "127.0.0.1", port, path, agent: false }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => done({ status: res.statusCode, body }));
    });
    req.on("error", (error: NodeJS.ErrnoException) => done({ error: error.code ?? String(error) }));
    req.end();
  });
}

describe("drain", () => {
  it("says not ready at once, serves through the delay, finishes what is in flight, then refuses", async () => {
    const tracker = trackServers();
    const { port } = await slowServer(300);
    const inFlight = get(port, "/slow");
    await new Promise((done) => setTimeout(done, 50));
    expect(tracker.inFlight()).toBe(1);

    let draining = false;
    const drained = drain(tracker, { delayMs: 400, graceMs: 5_000, onDraining: () => (draining = true) });
    expect(draining).toBe(true);
    // During the delay a new connection is still served: the proxy may not have noticed yet.
    expect(await get(port, "/during-delay")).toEqual({ status: 200, body: "done /during-delay" });

    expect(await drained).toBe("drained");
    expect(await inFlight).toEqual({ status: 200, body: "done /slow" });
    expect(tracker.inFlight()).toBe(0);
    expect((await get(port, "/after")).error).toBe("ECONNREFUSED");
  });

  it("gives up after the grace when a request does not finish", async () => {
    const tracker = trackServers();
    const { port } = await slowServer(2_000);
    const inFlight = get(port, "/stuck");
    await new Promise((done) => setTimeout(done, 50));
    expect(await drain(tracker, { delayMs: 0, graceMs: 200, onDraining: () => {} })).toBe("timed out");
    expect((await inFlight).status).toBe(200);
  });
});
