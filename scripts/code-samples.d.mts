// Types of scripts/code-samples.mjs for the TypeScript tests (kept by hand beside it: change both together).
import type { Obj, SpecName } from "./spec-model.mjs";

/** One kind of sample: its file name in samples/<operationId>/, the highlighter and the tab label. */
export interface SampleKind {
  readonly kind: "sdk" | "cli" | "curl";
  readonly file: "sdk.ts" | "cli.sh" | "curl.sh";
  readonly lang: string;
  readonly label: string;
}

/** One sample file of an operation. */
export interface Sample extends SampleKind {
  /** Absolute path (shadows the kind's file name). */
  readonly file: SampleKind["file"] | string;
  /** The file's text, ending in one newline. */
  readonly source: string;
}

/** The folder of the samples: one subfolder per operationId. */
export declare const SAMPLES_DIR: string;
/** The kinds, in tab order. */
export declare const SAMPLE_KINDS: readonly SampleKind[];
/** For the Redocly config's `openapi.codeSamples.languages`: Redoc hides a sample whose `lang` is not listed. */
export declare const CODE_SAMPLE_LANGUAGES: readonly { readonly lang: string; readonly label: string }[];
/** The samples of one operation (empty when there are none). Throws for a name that is not an operationId. */
export declare function samplesOf(operationId: string): Sample[];
/** A deep copy of `spec` with `x-codeSamples` on every operation; throws for an operation without samples. */
export declare function withCodeSamples(spec: Obj, specName?: string): Obj;
/** Writes `<outDir>/<name>.json` for every project spec with its samples. */
export declare function writeSpecsWithSamples(outDir: string): { name: SpecName; file: string }[];
