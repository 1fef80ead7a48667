/**
 * Hostile answers on loopback servers (127.0.0.1, port 0, closed after each test): answers too large to hold
 * (streamed, gzip bombs, huge error pages) or cut short. Every one must end in a typed error after a bounded number
 * of attempts, with bounded memory and the connection dropped. Figures (attempts, ms, MB) are printed with the
 * `[hostile]` prefix.
 */
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { createGzip } from "node:zlib";
import type { ServerResponse } from "node:http";
import { beforeAll, describe, expect, it } from "vitest";
import { tokenAuth } from "../../src/auth/token.js";
import { HuaweiCloudError, InternalServerError, InvalidResponseError, ResponseTooLargeError, ValidationError } from "../../src/errors.js";
import { resolveClientOptions } from "../../src/options.js";
import { createApigClient } from "../../src/services/apig.js";
import { json, scriptedServers, type Handler } from "../helpers/scripted-server.js";
import { gateway, GATEWAY, PROJECT } from "../wait/fake-cloud.js";
import { apigAt, IP, MiB, raw, report } from "./hostile-answers-fixtures.js";

const serve = scriptedServers();

/** What a streaming handler saw: bytes written before the client went away, and when the socket closed. */
interface StreamStats {
  sent: number;
  closedAt: number | undefined;
}

/**
 * Streams `total` bytes of JSON whitespace in 64 KiB chunks, honouring backpressure, so the server itself holds
 * one chunk at a time; stops when the client drops the connection.
 */
function streamed(status: number, total: number, stats: StreamStats, headers: Record<string, string> = {}): Handler {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  return (_req, res: ServerResponse) =>
    new Promise<void>((resolve) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.socket?.once("close", () => {
        stats.closedAt = Date.now();
        resolve();
      });
      const pump = (): void => {
        while (stats.sent < total && !res.destroyed) {
          stats.sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        if (!res.destroyed) res.end();
      };
      pump();
    });
}

/** Runs `call`, sampling RSS and heap + array buffers every 5 ms: their peak growth over the start, in MB. */
async function measured(call: () => Promise<unknown>) {
  const base = process.memoryUsage();
  let rss = base.rss;
  let heap = base.heapUsed + base.arrayBuffers;
  const sample = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed + m.arrayBuffers);
  };
  const timer = setInterval(sample, 5);
  const started = performance.now();
  let outcome: unknown;
  try {
    outcome = await call().catch((e: unknown) => e);
  } finally {
    clearInterval(timer);
  }
  const ms = Math.round(performance.now() - started);
  sample();
  const mb = (n: number) => Math.round((n / MiB) * 10) / 10;
  return { outcome, ms, rssMb: mb(rss - base.rss), heapMb: mb(heap - base.heapUsed - base.arrayBuffers) };
}

/** Waits until the server saw the connection close (bounded), and returns how long after `since` that was. */
async function closedWithin(stats: StreamStats, since: number, boundMs: number): Promise<number> {
  const deadline = Date.now() + boundMs;
  while (stats.closedAt === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  expect(stats.closedAt, "the server saw the connection dropped").toBeDefined();
  return (stats.closedAt as number) - since;
}

describe("maxResponseBytes", () => {
  let bomb: Buffer;
  const BOMB_BYTES = 100 * MiB;

  beforeAll(async () => {
    const zeros = Buffer.alloc(MiB);
    bomb = await buffer(
      Readable.from(
        (function* () {
          for (let i = 0; i < BOMB_BYTES / MiB; i++) yield zeros;
        })(),
      ).pipe(createGzip({ level: 9 })),
    );
  });

  it("is checked at creation: an integer from 1 to 256 MiB, 8 MiB by default", () => {
    expect(resolveClientOptions("apig", { projectId: "p", region: "cn-north-4" }, true).maxResponseBytes).toBe(8 * MiB);
    expect(resolveClientOptions("apig", { projectId: "p", region: "cn-north-4", maxResponseBytes: 1 }, true).maxResponseBytes).toBe(1);
    for (const bad of [0, -1, 1.5, 2 ** 28 + 1, Number.NaN, Infinity, "8" as unknown as number]) {
      let err: unknown;
      try {
        resolveClientOptions("apig", { projectId: "p", region: "cn-north-4", maxResponseBytes: bad }, true);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).issues.map((i) => i.path)).toEqual(["maxResponseBytes"]);
    }
  });

  it("lets a body of exactly the limit through and refuses one byte more, counted after decompression", async () => {
    const limit = 4096;
    const padded = (n: number) => {
      const head = `{"id":"${GATEWAY}","status":"Running","instance_name":"`;
      return `${head}${"a".repeat(n - head.length - 2)}"}`;
    };
    const gz = async (s: string) => buffer(Readable.from([Buffer.from(s)]).pipe(createGzip()));
    const server = await serve(
      raw(200, padded(limit), { "content-type": "application/json" }),
      raw(200, padded(limit + 1), { "content-type": "application/json" }),
      raw(200, await gz(padded(limit)), { "content-type": "application/json", "content-encoding": "gzip" }),
      raw(200, await gz(padded(limit + 1)), { "content-type": "application/json", "content-encoding": "gzip" }),
    );
    const apig = apigAt(server.url, { maxRetries: 0, maxResponseBytes: limit });
    expect((await apig.getInstance(GATEWAY)).status).toBe("Running");
    const over = await apig.getInstance(GATEWAY).catch((e: unknown) => e);
    expect(over).toBeInstanceOf(ResponseTooLargeError);
    expect(over).toMatchObject({ status: 200, maxResponseBytes: limit, retryable: false });
    expect((await apig.getInstance(GATEWAY)).status).toBe("Running");
    await expect(apig.getInstance(GATEWAY)).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it("a 50 MB streamed 200 is a ResponseTooLargeError after one attempt, memory bounded, connection dropped", async () => {
    const stats: StreamStats = { sent: 0, closedAt: undefined };
    const server = await serve(streamed(200, 50 * MiB, stats));
    const m = await measured(() => apigAt(server.url, { maxRetries: 2 }).getInstance(GATEWAY));
    const failedAt = Date.now();
    expect(m.outcome).toBeInstanceOf(ResponseTooLargeError);
    expect(m.outcome).toBeInstanceOf(InvalidResponseError);
    expect(m.outcome).toMatchObject({ status: 200, retryable: false, maxResponseBytes: 8 * MiB });
    expect(server.requests).toHaveLength(1);
    const closedMs = await closedWithin(stats, failedAt, 2_000);
    expect(stats.sent).toBeLessThan(50 * MiB);
    expect(m.rssMb).toBeLessThan(64);
    expect(m.heapMb).toBeLessThan(48);
    report(
      `50 MB streamed 200: ${(m.outcome as Error).name}, 1 attempt, ${m.ms} ms, peak RSS +${m.rssMb} MB, heap+buffers +${m.heapMb} MB, server wrote ${(stats.sent / MiB).toFixed(1)} MB, socket closed ${closedMs} ms after`,
    );
  });

  it(`a small gzip body expanding to 100 MB is a ResponseTooLargeError, memory bounded`, async () => {
    expect(bomb.byteLength).toBeLessThan(MiB);
    const stats: StreamStats = { sent: 0, closedAt: undefined };
    const server = await serve((_req, res) => {
      res.socket?.once("close", () => {
        stats.closedAt = Date.now();
      });
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip", "content-length": String(bomb.byteLength) });
      res.end(bomb);
    });
    const m = await measured(() => apigAt(server.url, { maxRetries: 2 }).getInstance(GATEWAY));
    const failedAt = Date.now();
    expect(m.outcome).toBeInstanceOf(ResponseTooLargeError);
    expect(server.requests).toHaveLength(1);
    const closedMs = await closedWithin(stats, failedAt, 2_000);
    expect(m.rssMb).toBeLessThan(64);
    expect(m.heapMb).toBeLessThan(48);
    report(
      `gzip bomb ${(bomb.byteLength / 1024).toFixed(0)} KB → 100 MB: ${(m.outcome as Error).name}, 1 attempt, ${m.ms} ms, peak RSS +${m.rssMb} MB, heap+buffers +${m.heapMb} MB, socket closed ${closedMs} ms after`,
    );
  });

  it("a 503 with a huge streamed body is a typed error, not 'Cannot create a string longer than…', and not retried", async () => {
    const stats: StreamStats = { sent: 0, closedAt: undefined };
    const server = await serve(streamed(503, 60 * MiB, stats, { "content-type": "text/html" }));
    const m = await measured(() => apigAt(server.url, { maxRetries: 2 }).getInstance(GATEWAY));
    const failedAt = Date.now();
    expect(m.outcome).toBeInstanceOf(ResponseTooLargeError);
    expect(m.outcome).toBeInstanceOf(HuaweiCloudError);
    expect(m.outcome).not.toBeInstanceOf(InternalServerError);
    expect(m.outcome).toMatchObject({ status: 503, retryable: false });
    expect((m.outcome as Error).message).toMatch(/503 answer body exceeds maxResponseBytes \(8388608 bytes\)/);
    expect(server.requests).toHaveLength(1);
    const closedMs = await closedWithin(stats, failedAt, 2_000);
    expect(m.rssMb).toBeLessThan(64);
    report(
      `60 MB streamed 503: ${(m.outcome as Error).name}, 1 attempt, ${m.ms} ms, peak RSS +${m.rssMb} MB, heap+buffers +${m.heapMb} MB, socket closed ${closedMs} ms after`,
    );
  });

  it("a declared Content-Length over the limit fails before the body is read", async () => {
    const stats: StreamStats = { sent: 0, closedAt: undefined };
    const server = await serve(streamed(503, 600 * MiB, stats, { "content-type": "text/html", "content-length": String(600 * MiB) }));
    const m = await measured(() => apigAt(server.url, { maxRetries: 2 }).getInstance(GATEWAY));
    expect(m.outcome).toBeInstanceOf(ResponseTooLargeError);
    expect(m.outcome).toMatchObject({ status: 503, retryable: false });
    expect(server.requests).toHaveLength(1);
    await closedWithin(stats, Date.now(), 2_000);
    expect(stats.sent).toBeLessThan(8 * MiB);
    report(
      `600 MB declared 503: ${(m.outcome as Error).name}, 1 attempt, ${m.ms} ms, server wrote ${(stats.sent / MiB).toFixed(1)} MB, peak RSS +${m.rssMb} MB`,
    );
  });

  it("a body cut off by a reset is a ConnectionError, retried for a GET", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      res.write('{"id":"');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const started = Date.now();
    const err = await apigAt(server.url, { maxRetries: 2 })
      .getInstance(GATEWAY)
      .catch((e: unknown) => e);
    expect((err as Error).name).toBe("ConnectionError");
    expect(err).toBeInstanceOf(HuaweiCloudError);
    expect(server.requests).toHaveLength(3);
    report(`200 body reset after 7 bytes: ${(err as Error).name}, 3 attempts, ${Date.now() - started} ms`);
  });

  it("a body trickling under the limit ends in TimeoutError after 1 + maxRetries attempts", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(" ")), 20);
      res.on("close", () => clearInterval(timer));
    });
    const started = Date.now();
    const apig = createApigClient({ projectId: PROJECT, endpoint: server.url, auth: tokenAuth("tok"), logLevel: "off", maxRetries: 1, timeoutMs: 200 });
    const err = await apig.getInstance(GATEWAY).catch((e: unknown) => e);
    expect((err as Error).name).toBe("TimeoutError");
    expect(server.requests).toHaveLength(2);
    report(`200 body trickling 1 byte / 20 ms, timeoutMs 200: ${(err as Error).name}, 2 attempts, ${Date.now() - started} ms`);
  });

  it("error answers under the limit keep their usual typed errors and retries", async () => {
    const server = await serve(raw(503, "<html>busy</html>", { "content-type": "text/html" }), json(200, gateway("Running", [IP])));
    expect((await apigAt(server.url, { maxRetries: 1, maxResponseBytes: 1024 }).getInstance(GATEWAY)).status).toBe("Running");
    expect(server.requests).toHaveLength(2);
  });
});
