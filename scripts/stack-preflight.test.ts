// The stack's start-up care: a port in use is named before anything starts,
// and another program's HTTP 200 on our port is not taken for our health answer.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { appHealth, assertPortsFree, httpProbe, jsonHas, waitForOwnHealth } from "./stack-preflight.mjs";

let server: Server | undefined;

afterEach(async () => {
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
  server = undefined;
});

/** Another program on a port: answers every request with 200 and its own body. */
async function anotherProgram(body: string): Promise<number> {
  server = createServer((_, response) => response.writeHead(200).end(body));
  await new Promise<void>((done) => server!.listen(0, "127.0.0.1", done));
  return (server.address() as AddressInfo).port;
}

describe("stack pre-flight", () => {
  it("names the port in use and the variable that moves it", async () => {
    const port = await anotherProgram("hello");
    await expect(assertPortsFree([{ service: "Next", port, variable: "APP_PORT" }])).rejects.toThrow(
      `port ${port} (Next) is in use by another program: stop that program or choose another port with APP_PORT=<port>`,
    );
  });

  it("passes free ports", async () => {
    const port = await anotherProgram("x");
    await new Promise((done) => server!.close(done));
    server = undefined;
    await expect(assertPortsFree([{ service: "Next", port, variable: "APP_PORT" }])).resolves.toBeUndefined();
  });

  it("does not take another program's 200 for our health answer", async () => {
    const port = await anotherProgram(JSON.stringify({ status: "ok" }));
    const probe = httpProbe(`http://127.0.0.1:${port}/api/health`, (body) => jsonHas(body, appHealth));
    expect(await probe()).toMatch(/^HTTP 200 from something else/);
    await expect(waitForOwnHealth("Next", "here", probe, { timeoutMs: 600 })).rejects.toThrow(
      /Next did not become healthy at here within 0.6 s \(HTTP 200 from something else/,
    );
  });

  it("accepts our own health answer", async () => {
    const port = await anotherProgram(JSON.stringify(appHealth));
    const probe = httpProbe(`http://127.0.0.1:${port}/api/health`, (body) => jsonHas(body, appHealth));
    expect(await probe()).toBe(true);
  });
});
