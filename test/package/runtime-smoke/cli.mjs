// The smoke checks under a runtime with a command line (Node, Bun, Deno): prints their facts as one JSON line.
// Arguments: <emulator url> <unreachable url> <project id> <access key id> <secret access key>
import { smoke } from "./checks.mjs";

const [endpoint, unreachable, projectId, accessKeyId, secretAccessKey] = globalThis.Deno?.args ?? globalThis.process.argv.slice(2);
const runtime = globalThis.Deno
  ? `deno ${globalThis.Deno.version.deno}`
  : globalThis.Bun
    ? `bun ${globalThis.Bun.version}`
    : `node ${globalThis.process.versions.node}`;
console.log(JSON.stringify(await smoke({ runtime, endpoint, unreachable, projectId, accessKeyId, secretAccessKey })));
