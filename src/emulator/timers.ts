/**
 * Every timer the emulator starts (job completion, DDS settling, injected latency) goes through here, so that
 * `stop()` and `reset()` can cancel them all and nothing keeps the process alive afterwards.
 */
export class Timers {
  readonly #pending = new Map<NodeJS.Timeout, () => void>();

  /** Runs `fn` after `ms` milliseconds unless cancelled first. */
  schedule(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.#pending.delete(timer);
      fn();
    }, ms);
    this.#pending.set(timer, () => {});
  }

  /** Resolves after `ms` milliseconds, or as soon as {@link cancelAll} runs. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#pending.delete(timer);
        resolve();
      }, ms);
      this.#pending.set(timer, resolve);
    });
  }

  /** Number of timers still pending. */
  get size(): number {
    return this.#pending.size;
  }

  /** Clears every pending timer; sleeps resolve at once, scheduled functions never run. */
  cancelAll(): void {
    for (const [timer, onCancel] of this.#pending) {
      clearTimeout(timer);
      onCancel();
    }
    this.#pending.clear();
  }
}
