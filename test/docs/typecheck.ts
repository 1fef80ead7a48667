// Type-checks code a reader copies (samples/**/*.ts and the README's ```ts blocks) as their own code would be: with
// the project's strict compiler options and `hwc-gateways` resolving to its public entry (samples/tsconfig.json
// maps the name to src/index.ts). Extra files are checked in memory, next to the samples, so they resolve alike.
import path from "node:path";
import ts from "typescript";

const root = path.resolve(import.meta.dirname, "..", "..");
/** The samples' compiler configuration. */
export const SAMPLES_TSCONFIG = path.join(root, "samples", "tsconfig.json");

/** Diagnostics per file (absolute path), each `line:col message`; files without problems map to `[]`. */
export type Diagnostics = Map<string, string[]>;

/**
 * Checks every file samples/tsconfig.json includes plus `extra` (name → source; a name is placed in
 * samples/.virtual/), in one program. Config errors throw.
 */
export function typecheckSamples(extra: Record<string, string> = {}): { diagnostics: Diagnostics; files: string[]; virtual: Record<string, string> } {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    SAMPLES_TSCONFIG,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${SAMPLES_TSCONFIG}`);
  if (parsed.errors.length) throw new Error(parsed.errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")).join("\n"));
  const virtualDir = path.join(root, "samples", ".virtual");
  const virtual = Object.fromEntries(Object.entries(extra).map(([name, source]) => [path.join(virtualDir, name), source]));
  const host = ts.createCompilerHost(parsed.options, true);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (f) => Object.hasOwn(virtual, path.resolve(f)) || fileExists.call(host, f);
  host.readFile = (f) => virtual[path.resolve(f)] ?? readFile.call(host, f);
  host.getSourceFile = (f, lang, onError, create) => {
    const text = virtual[path.resolve(f)];
    return text !== undefined ? ts.createSourceFile(f, text, lang, true) : getSourceFile.call(host, f, lang, onError, create);
  };
  const files = parsed.fileNames.map((f) => path.resolve(f));
  const program = ts.createProgram({ rootNames: [...files, ...Object.keys(virtual)], options: parsed.options, host });
  const diagnostics: Diagnostics = new Map();
  const global = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  if (global.length) throw new Error(global.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")).join("\n"));
  for (const file of [...files, ...Object.keys(virtual)]) {
    const sf = program.getSourceFile(file);
    if (!sf) {
      diagnostics.set(file, ["not part of the program"]);
      continue;
    }
    const found = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
    diagnostics.set(
      file,
      found.map((d) => {
        const at =
          d.start === undefined ? "" : `${sf.getLineAndCharacterOfPosition(d.start).line + 1}:${sf.getLineAndCharacterOfPosition(d.start).character + 1} `;
        return `${at}TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
      }),
    );
  }
  return { diagnostics, files, virtual };
}
