import type { Io } from "./output.js";
import { createProgress } from "./progress.js";

/** The part of a wait's progress event the CLI shows. */
export interface ShownProgress {
  status: string;
  elapsedMs: number;
  pending: string[];
}

/**
 * Runs `wait` with a progress display on stderr (live line on a terminal, timestamped lines otherwise) and
 * always ends the display, also when the wait fails, so an error message starts on a clean line.
 */
export async function waitWithProgress<T>(io: Io, label: string, wait: (onProgress: (e: ShownProgress) => void) => Promise<T>): Promise<T> {
  const progress = createProgress(io, label);
  try {
    return await wait((e) => progress.update({ status: e.status, elapsedMs: e.elapsedMs, pending: e.pending }));
  } finally {
    progress.done();
  }
}
