/**
 * Hostile answers on loopback servers (127.0.0.1, port 0, closed after each test): 2xx bodies that are not the
 * JSON the operation promises. Every one must end in a typed error after a bounded number of attempts, or in
 * success once the server recovers. Figures (attempts, ms) are printed with the `[hostile]` prefix.
 */
import { describe, expect, it } from "vitest";
import { tokenAuth } from "../../src/auth/token.js";
import { InvalidResponseError, ResponseTooLargeError } from "../../src/errors.js";
import { createDdsClient } from "../../src/services/dds.js";
import { WaitTimeoutError } from "../../src/wait/errors.js";
import { json, scriptedServers, text } from "../helpers/scripted-server.js";
import { accepted, DB, EIP_ID, ELB, gateway, GATEWAY, NAT, NODE, PROJECT } from "../wait/fake-cloud.js";
import { apigAt, IP, raw, report } from "./hostile-answers-fixtures.js";

const serve = scriptedServers();
const ingress = { elbs: [{ elb_id: ELB, public_ips: [{ type: "v4" as const, ip: IP }] }] };
const bindBody = { nat_gateway_id: NAT, public_ip_id: EIP_ID, external_service_port: 8635 };
const SHOW = `/v2/${PROJECT}/apigw/instances/${GATEWAY}`;

describe("a 2xx whose body is not the JSON the operation promises", () => {
  it.each([
    ["an HTML page", raw(200, "<html><body>Service Unavailable</body></html>", { "content-type": "text/html" }), /not valid JSON \(text\/html/],
    ["text without a content type", raw(200, "OK"), /not valid JSON \(no content type/],
    ["an empty body", raw(200, "", { "content-type": "application/json" }), /has no body/],
    ["a 204", raw(204, ""), /has no body/],
    ["truncated JSON", text(200, '{"id":"6a7d', "application/json"), /truncated or not valid JSON/],
  ])("%s on a GET is an InvalidResponseError after 1 + maxRetries attempts", async (what, handler, message) => {
    const server = await serve(handler);
    const started = Date.now();
    const err = await apigAt(server.url, { maxRetries: 2 })
      .getInstance(GATEWAY)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect(err).not.toBeInstanceOf(ResponseTooLargeError);
    expect((err as InvalidResponseError).message).toMatch(message);
    expect((err as InvalidResponseError).retryable).toBe(true);
    expect(server.requests).toHaveLength(3);
    report(`2xx ${what}, GET ShowInstance: ${err instanceof Error ? err.name : typeof err}, ${server.requests.length} attempts, ${Date.now() - started} ms`);
  });

  it("an HTML 200 to a request not safe to repeat (DDS bind) is an InvalidResponseError after one attempt", async () => {
    const server = await serve(raw(200, "<html>gateway</html>", { "content-type": "text/html" }), json(200, { instance_id: DB, node_id: NODE }));
    const dds = createDdsClient({ projectId: PROJECT, endpoint: server.url, auth: tokenAuth("tok"), logLevel: "off", maxRetries: 2 });
    const err = await dds.bindPublicGateway(DB, NODE, bindBody).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect((err as InvalidResponseError).retryable).toBe(false);
    expect(server.requests).toHaveLength(1);
  });

  it("is retried and then succeeds when the server recovers", async () => {
    const server = await serve(raw(200, "<html>oops</html>", { "content-type": "text/html" }), json(200, gateway("Running", [IP])));
    const details = await apigAt(server.url, { maxRetries: 2 }).getInstance(GATEWAY);
    expect(details.status).toBe("Running");
    expect(server.requests).toHaveLength(2);
  });

  it("through client.raw on a path no operation knows: json() rejects with InvalidResponseError, never a SyntaxError", async () => {
    const server = await serve(raw(200, "<html>not json</html>", { "content-type": "text/html" }));
    const apig = apigAt(server.url, { maxRetries: 0 });
    const err = await apig.raw.GET("/v2/{project_id}/unknown" as never, { params: { path: { project_id: PROJECT } } } as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect(err).not.toBeInstanceOf(SyntaxError);
    // The same answer read as text is still there byte for byte.
    const asText = await apig.raw.GET("/v2/{project_id}/unknown" as never, { params: { path: { project_id: PROJECT } }, parseAs: "text" } as never);
    expect((asText as { data: unknown }).data).toBe("<html>not json</html>");
  });

  it("a wait that meets non-JSON polls keeps polling (the error is retryable) and ends when the gateway shows the change", async () => {
    const server = await serve(
      json(202, accepted),
      raw(200, "<html>proxy</html>", { "content-type": "text/html" }),
      raw(200, "busy"),
      raw(200, "", { "content-type": "application/json" }),
      json(200, gateway("Running", [])),
    );
    const handle = await apigAt(server.url, { maxRetries: 0 }).deregisterIngressIps(GATEWAY, ingress);
    const seen: string[] = [];
    const details = await handle.wait({
      minDelayMs: 10,
      maxDelayMs: 20,
      maxWaitMs: 5_000,
      onProgress: (p) => seen.push(`${p.state}${p.error ? `:${p.error.split(":")[0]}` : ""}`),
    });
    expect(details.status).toBe("Running");
    expect(seen).toEqual(["retry:InvalidResponseError", "retry:InvalidResponseError", "retry:InvalidResponseError", "success"]);
    expect(server.requests.filter((r) => r.url === SHOW)).toHaveLength(4);
  });

  it("a wait whose every poll gets HTML ends with a typed WaitTimeoutError naming the InvalidResponseError", async () => {
    const server = await serve(json(202, accepted), raw(200, "<html>always</html>", { "content-type": "text/html" }));
    const handle = await apigAt(server.url, { maxRetries: 0 }).deregisterIngressIps(GATEWAY, ingress);
    const started = Date.now();
    const err = (await handle.wait({ minDelayMs: 20, maxDelayMs: 40, maxWaitMs: 400 }).catch((e: unknown) => e)) as WaitTimeoutError;
    expect(err).toBeInstanceOf(WaitTimeoutError);
    expect(err.observed.length).toBeGreaterThan(0);
    expect(err.observed.every((p) => p.error?.startsWith("InvalidResponseError"))).toBe(true);
    report(`wait meeting HTML 200s: WaitTimeoutError after ${err.attempts} polls, ${Date.now() - started} ms`);
  });
});
