import { InvalidResponseError } from "../errors.js";

/** A success answer without a body is a broken answer, not an `undefined` to hand to the caller. */
export function bodyOf<T>(data: T | undefined, response: Response): T {
  if (data === undefined || data === null) {
    throw new InvalidResponseError(`${response.status} answer without the expected JSON body`, response.status, response.headers.get("x-request-id") ?? undefined);
  }
  return data;
}
