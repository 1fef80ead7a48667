// `npm run generate`: the specs in openapi/ → typed paths (openapi-typescript) in generated/.
// Output is deterministic, so `git status --porcelain generated/` after this script is the drift check.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { SPECS } from "./prism.mjs";
import { generateValidators } from "./generate-validators.mjs";

const root = path.resolve(import.meta.dirname, "..");
const outDir = path.join(root, "generated");
mkdirSync(outDir, { recursive: true });

/** The header every generated file starts with: its source and the source's hash, and a warning. */
export function generatedHeader(sources) {
  const lines = sources.map((s) => ` * Source: ${s} (sha256 ${sha256(path.join(root, s))})`);
  return `/**\n * GENERATED FILE: DO NOT EDIT. Change the spec and run \`npm run generate\`.\n${lines.join("\n")}\n */\n`;
}

export function sha256(file) {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

for (const [name, spec] of Object.entries(SPECS)) {
  const ast = await openapiTS(pathToFileURL(path.join(root, spec)), { alphabetize: false });
  const body = astToString(ast);
  writeFileSync(path.join(outDir, `${name}.ts`), `${generatedHeader([spec])}\n${body}`);
}
await generateValidators({ root, outDir, specs: SPECS, header: generatedHeader });
console.log(`generated ${Object.keys(SPECS).length} type files and validators in generated/`);
