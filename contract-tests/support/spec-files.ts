/**
 * Which spec files the contract tests read: the same files Prism mocks (`SPECS` of scripts/prism.mjs, the single
 * source), so the mocks, the generated code and these tests cannot drift onto different copies of a spec.
 */
import { createHash } from "node:crypto";
import path from "node:path";
// @ts-expect-error plain ESM script without types
import { SPECS as PRISM_SPECS } from "../../scripts/prism.mjs";

export type ApiName = "apig" | "dds" | "iam";
export const API_NAMES: readonly ApiName[] = ["apig", "dds", "iam"];

/** Repository root. */
export const ROOT = path.resolve(import.meta.dirname, "..", "..");

/** The spec files Prism is started with, relative to the root (`SPECS` of scripts/prism.mjs, the single source). */
export const SPEC_FILES = PRISM_SPECS as Record<ApiName, string>;

export function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}
