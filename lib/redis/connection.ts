// A Redis connection that speaks RESP2 itself: the rate limiter needs three
// commands (EVAL, DEL, PING), and what it needs most from a client is to fail
// fast. A request must never wait on a Redis that is down or frozen: every
// command has a short deadline, a connection that missed one is dropped, and
// while Redis is unreachable commands are refused at once instead of queued
// (lib/http/rate-limit-redis.ts then counts in memory). Pure Node (no server
// imports), so tests and scripts drive the very code the app runs.
import { connect as connectTcp, type Socket } from "node:net";
import { connect as connectTls } from "node:tls";

/** A reply: simple or bulk string, integer, nil or an array of replies. */
export type RedisReply = string | number | null | RedisReply[];

/** Redis answered with an error reply (-ERR …): the connection is fine, the command was not. */
export class RedisReplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RedisReplyError";
  }
}

/** Redis could not be reached, or did not answer in time. */
export class RedisUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RedisUnavailableError";
  }
}

export type RedisOptions = {
  /** How long one command may take, connecting included (ms). */
  commandTimeoutMs?: number;
  /** After a failure, how long commands are refused before the next connection attempt (ms). */
  retryAfterMs?: number;
};

type Pending = { resolve: (reply: RedisReply) => void; reject: (error: Error) => void; timer: NodeJS.Timeout };

/** Where REDIS_URL points: redis://[user:password@]host[:port][/db], or rediss:// for TLS. */
export type RedisAddress = {
  host: string;
  port: number;
  tls: boolean;
  username?: string;
  password?: string;
  db: number;
};

/** Reads a redis:// or rediss:// URL; throws naming what is wrong. */
export function parseRedisUrl(raw: string): RedisAddress {
  const url = new URL(raw);
  if (url.protocol !== "redis:" && url.protocol !== "rediss:") throw new Error("not redis:// or rediss://");
  if (!url.hostname) throw new Error("no host");
  const dbPath = url.pathname.replace(/^\//, "");
  if (dbPath && !/^\d{1,2}$/.test(dbPath)) throw new Error("the path must be a database number");
  return {
    host: url.hostname.replace(/^\[|\]$/g, ""),
    port: url.port ? Number(url.port) : 6379,
    tls: url.protocol === "rediss:",
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: dbPath ? Number(dbPath) : 0,
  };
}

/** Encodes a command as a RESP array of bulk strings. */
export function encodeCommand(args: readonly (string | number)[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const arg of args) {
    const bytes = Buffer.from(String(arg));
    parts.push(Buffer.from(`$${bytes.length}\r\n`), bytes, Buffer.from("\r\n"));
  }
  return Buffer.concat(parts);
}

type Parsed = { value: RedisReply | RedisReplyError; end: number } | undefined;

/** Parses one reply starting at `start`; undefined when the buffer does not hold all of it yet. */
export function parseReply(buffer: Buffer, start = 0): Parsed {
  const lineEnd = buffer.indexOf("\r\n", start);
  if (lineEnd < 0) return undefined;
  const type = String.fromCharCode(buffer[start] ?? 0);
  const line = buffer.toString("utf8", start + 1, lineEnd);
  const next = lineEnd + 2;
  switch (type) {
    case "+":
      return { value: line, end: next };
    case "-":
      return { value: new RedisReplyError(line), end: next };
    case ":":
      return { value: Number(line), end: next };
    case "$": {
      const length = Number(line);
      if (length < 0) return { value: null, end: next };
      if (buffer.length < next + length + 2) return undefined;
      return { value: buffer.toString("utf8", next, next + length), end: next + length + 2 };
    }
    case "*": {
      const count = Number(line);
      if (count < 0) return { value: null, end: next };
      const items: RedisReply[] = [];
      let at = next;
      for (let i = 0; i < count; i++) {
        const item = parseReply(buffer, at);
        if (!item) return undefined;
        // An error inside an array (a failed command of a MULTI) is kept as its message.
        items.push(item.value instanceof RedisReplyError ? item.value.message : item.value);
        at = item.end;
      }
      return { value: items, end: at };
    }
    default:
      throw new Error(`unexpected RESP type byte ${JSON.stringify(type)}`);
  }
}

/**
 * One pipelined connection, opened on first use and reopened after a failure
 * (not before `retryAfterMs`). Replies come back in order, so pending commands
 * form a queue.
 */
export class RedisConnection {
  private socket: Socket | undefined;
  private ready: Promise<void> | undefined;
  private buffer: Buffer = Buffer.alloc(0);
  private readonly pending: Pending[] = [];
  private refuseUntil = 0;
  private readonly commandTimeoutMs: number;
  private readonly retryAfterMs: number;
  private closed = false;

  constructor(
    readonly address: RedisAddress,
    options: RedisOptions = {},
  ) {
    this.commandTimeoutMs = options.commandTimeoutMs ?? 250;
    this.retryAfterMs = options.retryAfterMs ?? 1_000;
  }

  /** Sends one command and resolves with its reply; rejects with RedisUnavailableError or RedisReplyError. */
  async command(args: readonly (string | number)[]): Promise<RedisReply> {
    if (this.closed) throw new RedisUnavailableError("connection closed");
    if (!this.socket) {
      if (Date.now() < this.refuseUntil) throw new RedisUnavailableError("Redis was unreachable moments ago");
      this.ready ??= this.open();
    }
    await this.ready;
    return this.send(args);
  }

  /** Closes the connection for good (tests, shutdown). */
  close(): void {
    this.closed = true;
    this.fail(new RedisUnavailableError("connection closed"));
  }

  private send(args: readonly (string | number)[]): Promise<RedisReply> {
    const socket = this.socket;
    if (!socket) return Promise.reject(new RedisUnavailableError("not connected"));
    return new Promise<RedisReply>((resolve, reject) => {
      const timer = setTimeout(
        () => this.fail(new RedisUnavailableError(`no answer within ${this.commandTimeoutMs} ms`)),
        this.commandTimeoutMs,
      );
      this.pending.push({ resolve, reject, timer });
      socket.write(encodeCommand(args));
    });
  }

  private async open(): Promise<void> {
    const { host, port, tls, username, password, db } = this.address;
    try {
      await new Promise<void>((resolve, reject) => {
        const onConnect = () => {
          socket.setNoDelay(true);
          resolve();
        };
        const socket = tls
          ? connectTls({ host, port, servername: host }, onConnect)
          : connectTcp({ host, port }, onConnect);
        const timer = setTimeout(
          () => socket.destroy(new Error(`no connection within ${this.commandTimeoutMs} ms`)),
          this.commandTimeoutMs,
        );
        socket.once("connect", () => clearTimeout(timer));
        socket.once("secureConnect", () => clearTimeout(timer));
        socket.on("error", (error: Error) => {
          clearTimeout(timer);
          reject(error);
          if (this.socket === socket) this.fail(new RedisUnavailableError("connection lost", { cause: error }));
        });
        socket.on("close", () => {
          if (this.socket === socket) this.fail(new RedisUnavailableError("connection closed by Redis"));
        });
        socket.on("data", (chunk: Buffer) => this.receive(chunk));
        this.socket = socket;
      });
      if (password) await this.send(username ? ["AUTH", username, password] : ["AUTH", password]);
      if (db) await this.send(["SELECT", db]);
    } catch (error) {
      this.fail(
        error instanceof RedisUnavailableError ? error : new RedisUnavailableError("cannot connect", { cause: error }),
      );
      throw error instanceof RedisUnavailableError
        ? error
        : new RedisUnavailableError("cannot connect", { cause: error });
    } finally {
      this.ready = undefined;
    }
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    let at = 0;
    for (;;) {
      let parsed: Parsed;
      try {
        parsed = parseReply(this.buffer, at);
      } catch (error) {
        this.fail(new RedisUnavailableError("unreadable answer", { cause: error }));
        return;
      }
      if (!parsed) break;
      at = parsed.end;
      const waiting = this.pending.shift();
      if (!waiting) continue;
      clearTimeout(waiting.timer);
      if (parsed.value instanceof RedisReplyError) waiting.reject(parsed.value);
      else waiting.resolve(parsed.value);
    }
    this.buffer = at === this.buffer.length ? Buffer.alloc(0) : this.buffer.subarray(at);
  }

  /** Drops the connection, rejects everything waiting, and refuses commands for a while. */
  private fail(error: Error): void {
    const socket = this.socket;
    this.socket = undefined;
    this.buffer = Buffer.alloc(0);
    this.refuseUntil = Date.now() + this.retryAfterMs;
    socket?.destroy();
    for (const waiting of this.pending.splice(0)) {
      clearTimeout(waiting.timer);
      waiting.reject(error);
    }
  }
}
