/**
 * SHA-256 and HMAC-SHA256 for the request signer, on one of two backends:
 *
 * - `node:crypto` (Node ≥ 20.16, Bun, Deno, workers with Node compatibility):
 *   synchronous; SHA-256 with the one-shot `crypto.hash` (else `createHash`),
 *   HMAC as two `crypto.hash` calls for the usual ASCII key (else
 *   `createHmac`). The module is obtained at run time through
 *   `process.getBuiltinModule`, never imported, so bundles for browsers and
 *   edge runtimes contain no `node:` import and need no shim.
 * - Web Crypto (`crypto.subtle`): asynchronous, everywhere else.
 *
 * Both give identical output for identical input: strings are UTF-8 encoded
 * (a lone UTF-16 surrogate becomes U+FFFD in both), and the HMAC key is the
 * UTF-8 encoding of the secret. No key material is kept between calls.
 *
 * @internal
 * @module
 */

/** A hash backend. `sync` tells the signer whether it may skip awaiting. @internal */
export type HashBackend =
  | {
      readonly name: "node:crypto";
      readonly sync: true;
      /** Lower-case hex SHA-256 of `data` (a string is UTF-8 encoded). */
      sha256Hex(data: string | Uint8Array): string;
      /** Lower-case hex HMAC-SHA256 of `message` (UTF-8) keyed with the UTF-8 bytes of `key`. */
      hmacSha256Hex(key: string, message: string): string;
    }
  | {
      readonly name: "webcrypto";
      readonly sync: false;
      sha256Hex(data: string | Uint8Array): Promise<string>;
      hmacSha256Hex(key: string, message: string): Promise<string>;
    };

/** The part of `node:crypto` used here, typed structurally so no Node types leak into the browser build. @internal */
export interface NodeCryptoLike {
  createHash(algorithm: "sha256"): NodeDigest;
  createHmac(algorithm: "sha256", key: string): NodeDigest;
  /** One-shot digest (Node ≥ 20.12 / 21.7); about 3× cheaper than `createHash` for short input. */
  hash?: (algorithm: "sha256", data: string | Uint8Array, outputEncoding: "hex" | "latin1") => string;
}
/** @internal */
export interface NodeDigest {
  update(data: string | Uint8Array, encoding?: "utf8"): NodeDigest;
  digest(encoding: "hex"): string;
}

const utf8 = new TextEncoder();
const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

function toHex(buf: ArrayBuffer): string {
  let out = "";
  for (const b of new Uint8Array(buf)) out += HEX[b] as string;
  return out;
}

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (s === undefined) throw new Error("signRequest: Web Crypto (globalThis.crypto.subtle) is not available");
  return s;
}

/** Bytes Web Crypto accepts: strings UTF-8 encoded, views over a SharedArrayBuffer copied. */
function webBytes(data: string | Uint8Array): Uint8Array<ArrayBuffer> {
  if (typeof data === "string") return utf8.encode(data);
  return data.buffer instanceof ArrayBuffer ? (data as Uint8Array<ArrayBuffer>) : data.slice();
}

/**
 * Web Crypto backend. The HMAC key is imported as non-extractable for each
 * signature and not cached, so no key object outlives the call.
 *
 * @internal
 */
export const webCryptoBackend: HashBackend = {
  name: "webcrypto",
  sync: false,
  async sha256Hex(data) {
    return toHex(await subtle().digest("SHA-256", webBytes(data)));
  },
  async hmacSha256Hex(key, message) {
    const s = subtle();
    const k = await s.importKey("raw", utf8.encode(key), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    return toHex(await s.sign("HMAC", k, utf8.encode(message)));
  },
};

/** `node:crypto` through `process.getBuiltinModule`, or `undefined` where that does not exist. */
function loadNodeCrypto(): NodeCryptoLike | undefined {
  // Everything inside the try: a runtime whose shim throws simply gets Web Crypto.
  try {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    if (typeof proc?.getBuiltinModule !== "function") return undefined;
    const mod = proc.getBuiltinModule("node:crypto") as Partial<NodeCryptoLike> | undefined;
    if (typeof mod?.createHash !== "function" || typeof mod.createHmac !== "function") return undefined;
    return mod as NodeCryptoLike;
  } catch {
    return undefined;
  }
}

/** SHA-256 block size in bytes: the HMAC key pad length (RFC 2104). */
const BLOCK = 64;
/** Longest message {@link hmacOneShot} takes; longer ones go to `createHmac` so the scratch buffer stays small. */
const MAX_ONE_SHOT_MESSAGE = 1024;
/** Buffers for `(K ⊕ ipad) ‖ message` and `(K ⊕ opad) ‖ inner digest`, one pair per backend; zeroed after every use. */
interface HmacScratch {
  readonly ipad: Uint8Array;
  /** `ipad` from byte 64 on, where the message goes. */
  readonly message: Uint8Array;
  readonly opad: Uint8Array;
}

/**
 * The synchronous backend over a `node:crypto` module (or a runtime's
 * equivalent). Uses `crypto.hash` only after it agreed once with
 * `createHash`/`createHmac` (RFC 4231 test case 2), so a runtime whose
 * `crypto.hash` differs (say, lacks the `latin1` output) keeps the classic
 * calls. Exported so tests can also run it over a module without `hash`.
 *
 * @internal
 */
export function nodeCryptoBackend(c: NodeCryptoLike): HashBackend {
  const hmacClassic = (key: string, message: string): string =>
    c.createHmac("sha256", key).update(message, "utf8").digest("hex");
  // Strings are hashed as UTF-8 (like TextEncoder, lone surrogates → U+FFFD), bytes as they are.
  let sha256Hex = (data: string | Uint8Array): string => c.createHash("sha256").update(data, "utf8").digest("hex");
  let hmacSha256Hex = hmacClassic;

  const oneShot = c.hash;
  if (typeof oneShot === "function") {
    const ipad = new Uint8Array(BLOCK + MAX_ONE_SHOT_MESSAGE);
    const scratch: HmacScratch = { ipad, message: ipad.subarray(BLOCK), opad: new Uint8Array(BLOCK + 32) };
    const sha = (data: string | Uint8Array): string => oneShot("sha256", data, "hex");
    const hmac = (key: string, message: string): string =>
      hmacOneShot(oneShot, scratch, key, message) ?? hmacClassic(key, message);
    // Cross-check once against the classic calls of the same module (RFC 4231 test case 2 input).
    let ok: boolean;
    try {
      const message = "what do ya want for nothing?";
      ok = sha(message) === sha256Hex(message) && hmac("Jefe", message) === hmacClassic("Jefe", message);
    } catch {
      ok = false;
    }
    if (ok) {
      sha256Hex = sha;
      hmacSha256Hex = hmac;
    }
  }
  return { name: "node:crypto", sync: true, sha256Hex, hmacSha256Hex };
}

/**
 * HMAC-SHA256 (RFC 2104) as two one-shot `crypto.hash` calls:
 * `H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m))`. Measured on Node 20.20 for a signer's
 * 97-byte string to sign: ~1.1 µs against ~1.8 µs for `createHmac`, whose
 * per-call set-up (key buffer, OpenSSL MAC context) dominates at that size.
 *
 * Covers the case every signature hits: an ASCII key of at most 64 bytes (so
 * its UTF-8 bytes are its char codes and it needs no pre-hashing) and a
 * message of at most {@link MAX_ONE_SHOT_MESSAGE} UTF-8 bytes; returns
 * `undefined` for anything else, which the caller hands to `createHmac`. The
 * pads are written into preallocated scratch buffers, used synchronously (no
 * other call can interleave) and zeroed before returning, so no key-derived
 * bytes outlive the call.
 */
function hmacOneShot(
  hash: NonNullable<NodeCryptoLike["hash"]>,
  scratch: HmacScratch,
  key: string,
  message: string,
): string | undefined {
  const n = key.length;
  const m = message.length;
  if (n > BLOCK || m > MAX_ONE_SHOT_MESSAGE) return undefined;
  const { ipad, opad } = scratch;
  let end = BLOCK;
  try {
    for (let i = 0; i < n; i++) {
      const k = key.charCodeAt(i);
      if (k > 0x7f) return undefined;
      ipad[i] = k ^ 0x36;
      opad[i] = k ^ 0x5c;
    }
    for (let i = n; i < BLOCK; i++) {
      ipad[i] = 0x36;
      opad[i] = 0x5c;
    }
    // UTF-8, lone surrogates as U+FFFD, as createHmac and TextEncoder encode them.
    const { read, written } = utf8.encodeInto(message, scratch.message);
    end = BLOCK + written;
    if (read !== m) return undefined; // did not fit
    // "latin1" gives the 32 digest bytes as char codes 0-255.
    const inner = hash("sha256", ipad.subarray(0, end), "latin1");
    for (let i = 0; i < 32; i++) opad[BLOCK + i] = inner.charCodeAt(i);
    return hash("sha256", opad, "hex");
  } finally {
    ipad.fill(0, 0, end);
    opad.fill(0);
  }
}

let cached: HashBackend | undefined;

/**
 * The backend the signer uses: `node:crypto` when the runtime offers
 * `process.getBuiltinModule`, else Web Crypto. Probed once, on first use.
 *
 * @internal
 */
export function hashBackend(): HashBackend {
  if (cached === undefined) cached = hashBackends()[0] as HashBackend;
  return cached;
}

/**
 * Every backend this runtime can run (the synchronous one first, when present).
 * For tests and benchmarks that must exercise both paths.
 *
 * @internal
 */
export function hashBackends(): HashBackend[] {
  const c = loadNodeCrypto();
  return c === undefined ? [webCryptoBackend] : [nodeCryptoBackend(c), webCryptoBackend];
}
