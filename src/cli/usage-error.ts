/** A mistake in how `hwgw` was called: wrong command, missing or malformed flag. Exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
  /** The help text of the command concerned, printed after the message. */
  readonly help: string | undefined;
  constructor(message: string, help?: string) {
    super(message);
    this.help = help;
  }
}
