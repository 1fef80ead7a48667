import type { PollResult } from "../wait/errors.js";
import { terminalText, type Io } from "./output.js";

/** Renders wait progress on stderr. */
export interface ProgressRenderer {
  update(poll: PollResult): void;
  /** Ends the display; a terminal line is cleared so the result prints on a clean line. */
  done(): void;
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/**
 * A live, redrawn line with a spinner when stderr is a terminal; plain timestamped lines (one per change)
 * otherwise, so logs and pipes stay readable.
 */
export function createProgress(io: Io, label: string, now: () => number = Date.now): ProgressRenderer {
  // The status and pending items come from the server, so they are made terminal-safe before our own \r and
  // clear-line sequences are added (and before truncation, so the width counts what is shown).
  const safeLabel = terminalText(label);
  if (!io.stderr.isTTY) {
    let last = "";
    return {
      update(v) {
        const text = terminalText(`${v.status}${v.pending.length ? ` — ${v.pending.join("; ")}` : ""}`);
        if (text === last) return;
        last = text;
        io.stderr.write(`${new Date(now()).toISOString()} ${safeLabel}: ${text} (${seconds(v.elapsedMs)})\n`);
      },
      done() {},
    };
  }
  let frame = 0;
  let view: PollResult | undefined;
  let started = now();
  const draw = () => {
    if (!view) return;
    const width = Math.max(20, (io.stderr.columns ?? 80) - 1);
    const elapsed = seconds(view.elapsedMs + (now() - started));
    const text = `${FRAMES[frame++ % FRAMES.length]} ${safeLabel}: ${terminalText(`${view.status} ${elapsed}${view.pending.length ? ` — ${view.pending.join("; ")}` : ""}`)}`;
    // \r + clear-to-end redraws in place; truncation keeps the line from wrapping, which would break the redraw.
    io.stderr.write(`\r\u001b[2K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
  };
  const timer = setInterval(draw, 120);
  return {
    update(v) {
      view = v;
      started = now();
      draw();
    },
    done() {
      clearInterval(timer);
      io.stderr.write("\r\u001b[2K");
    },
  };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

/**
 * Runs `wait` with a progress display on stderr (live line on a terminal, timestamped lines otherwise) and
 * always ends the display, also when the wait fails, so an error message starts on a clean line.
 */
export async function waitWithProgress<T>(io: Io, label: string, wait: (onProgress: (poll: PollResult) => void) => Promise<T>): Promise<T> {
  const progress = createProgress(io, label);
  try {
    return await wait((poll) => progress.update(poll));
  } finally {
    progress.done();
  }
}
