/**
 * Where the raw-client tests live and what they are called, so coverage.test.ts can tell which operations
 * raw-client.test.ts sends a valid request for without running it.
 */
export const RAW_CLIENT_FILE = "contract-tests/raw-client.test.ts";
export const RAW_CLIENT_SUITE = "raw openapi-fetch client typed by generated/ against the Prism mocks";

/** Title of the raw-client test that sends a valid request for an operation and gets its default example back. */
export function rawClientTitle(operationId: string): string {
  return `${operationId}: a valid request gets the spec's first example back`;
}
