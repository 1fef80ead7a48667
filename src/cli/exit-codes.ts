/** Documented process exit codes of `hwgw`. */
export const EXIT = {
  /** The operation (and the wait, when asked) completed. */
  ok: 0,
  /** The API answered with an error, or could not be reached. */
  apiError: 1,
  /** Bad flags, arguments or configuration; nothing was sent. */
  usage: 2,
  /** `--wait` ended without success: the job failed or the deadline passed. */
  waitFailed: 3,
} as const;
