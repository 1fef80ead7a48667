/** The transport as the unit tests build it: every service's operation table, a test token, no logging. */
import { operations as apigOperations } from "../../generated/operations/apig.js";
import { operations as ddsOperations } from "../../generated/operations/dds.js";
import { operations as iamOperations } from "../../generated/operations/iam.js";
import { tokenAuth } from "../../src/auth/token.js";
import { createTransport, type TransportOptions } from "../../src/internal/transport.js";
import { levelFilteredLogger } from "../../src/options.js";

/** Every service's table, in spec order: what the three clients look requests up in between them. */
export const allOperations = [...apigOperations, ...ddsOperations, ...iamOperations];

/** A transport with test defaults (2 retries, 2 s per attempt, the shortest backoff); `overrides` wins. */
export function testTransport(overrides: Partial<TransportOptions> = {}): typeof fetch {
  return createTransport({
    fetch: globalThis.fetch,
    auth: tokenAuth("test-token"),
    projectId: "p1",
    maxRetries: 2,
    timeoutMs: 2_000,
    logger: levelFilteredLogger(undefined, "off"),
    userAgent: "hwc-gateways/test",
    random: () => 0, // shortest backoff: the 500 ms floor every time
    operations: allOperations,
    ...overrides,
  });
}
