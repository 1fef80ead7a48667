// The folder direction of issue 11, checked by test/architecture.test.ts (part of `npm test`):
//
//   errors.ts ← options.ts ← internal/ ← auth/, wait/ ← services/ ← index.ts
//   emulator/ and cli/ use the SDK from outside; the SDK never uses them.
//
// Paths are relative to the repository root. Type-only imports count (tsPreCompilationDeps): a cycle through
// types still makes the folders impossible to read, move or bundle one at a time.
/** @type {import("dependency-cruiser").IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment:
        "A cycle means neither module can be understood, tested or tree-shaken without the other. " +
        "Folder cycles are ruled out by the direction rules below (folder-scope cycle detection would flag src/ ⇄ src/auth, " +
        "because errors.ts and index.ts share the src/ root).",
      from: { path: "^src/" },
      to: { circular: true },
    },
    {
      name: "errors-imports-nothing",
      severity: "error",
      comment:
        "errors.ts is the bottom layer: every other module throws its errors, so it may not import any of them back.",
      from: { path: "^src/errors\\.ts$" },
      to: { path: "^(src|generated)/" },
    },
    {
      name: "options-only-errors",
      severity: "error",
      comment: "options.ts (client options, endpoints, logger, the auth contract) sits directly on errors.ts and nothing else.",
      from: { path: "^src/options\\.ts$" },
      to: { path: "^src/", pathNot: "^src/errors\\.ts$" },
    },
    {
      name: "internal-only-core",
      severity: "error",
      comment:
        "internal/ (transport, retry, validation, sleep, backoff) is generic machinery: it may use errors and options, " +
        "never auth, wait or a service, or the transport would depend on what it transports.",
      from: { path: "^src/internal/" },
      to: { path: "^src/", pathNot: "^src/(errors|options)\\.ts$|^src/internal/" },
    },
    {
      name: "auth-only-core",
      severity: "error",
      comment:
        "Auth strategies are tiny objects over the host's machinery (errors, options, internal); importing a service " +
        "(passwordAuth → services/iam) or wait/ makes auth → services → internal → auth a cycle.",
      from: { path: "^src/auth/" },
      to: { path: "^src/", pathNot: "^src/(errors|options)\\.ts$|^src/(internal|auth)/" },
    },
    {
      name: "wait-only-core",
      severity: "error",
      comment:
        "The waiter is one generic engine: acceptors live beside the operation they poll in services/, so wait/ " +
        "names no service and does not know about auth (auth and wait are siblings, neither imports the other).",
      from: { path: "^src/wait/" },
      to: { path: "^src/", pathNot: "^src/(errors|options)\\.ts$|^src/(internal|wait)/" },
    },
    {
      name: "services-not-index",
      severity: "error",
      comment: "index.ts is the public surface built from the services; a service importing it back would be a cycle.",
      from: { path: "^src/services/" },
      to: { path: "^src/index\\.ts$" },
    },
    {
      name: "runtime-not-emulator-or-cli",
      severity: "error",
      comment:
        "The SDK runtime is what users bundle; the emulator and the CLI are separate entry points built on it, " +
        "so nothing in the runtime may pull them (and node:http, the seed data) into a user's bundle.",
      from: { path: "^src/", pathNot: "^src/(emulator|cli)/" },
      to: { path: "^src/(emulator|cli)/" },
    },
    {
      name: "emulator-not-cli",
      severity: "error",
      comment:
        "The emulator is a library (the ./emulator export) the CLI starts; importing the CLI back would make the " +
        "two top-level folders a cycle.",
      from: { path: "^src/emulator/" },
      to: { path: "^src/cli/" },
    },
    {
      name: "core-not-generated",
      severity: "error",
      comment:
        "errors, options, auth and wait are generic: the generated service clients (generated/apig, dds, iam), " +
        "the validators and the operation table all name services, so these layers reach them only through internal/. " +
        "One exception: auth/iam-token.ts is the IAM token request passwordAuth is built on (a password strategy is " +
        "an IAM client by definition), and it may read the generated IAM types and the IAM operation table, nothing else.",
      from: { path: "^src/(errors|options)\\.ts$|^src/(auth|wait)/", pathNot: "^src/auth/iam-token\\.ts$" },
      to: { path: "^generated/" },
    },
    {
      name: "iam-token-only-iam-types",
      severity: "error",
      comment:
        "auth/iam-token.ts may read generated/iam.ts (types of the token request) and generated/operations/iam.js (the " +
        "IAM entries it hands on, so each IAM use builds its client over the operations it sends) and nothing else generated.",
      from: { path: "^src/auth/iam-token\\.ts$" },
      to: { path: "^generated/", pathNot: "^generated/(iam|operations/iam)\\.(ts|js|d\\.ts)$" },
    },
    {
      name: "internal-only-operation-table",
      severity: "error",
      comment:
        "internal/ drives every request from a spec-generated operation table and its validators, but names no " +
        "service: it reads only their shared types (generated/operation-types.d.ts), and each service hands its own " +
        "table (generated/operations/<api>.js) to createBaseClient, so a bundle holds only the services it uses. The " +
        "per-service generated clients, tables and validators belong to services/.",
      from: { path: "^src/internal/" },
      to: { path: "^generated/", pathNot: "^generated/operation-types\\.d\\.ts$" },
    },
    {
      name: "internal-is-private",
      severity: "error",
      comment:
        "src/internal/ is not public API and may change in any release: outside src/ only the unit tests in test/ " +
        "may import it (contract-tests/ check the public SDK against the wire and are not exempt).",
      from: { pathNot: "^src/|^test/" },
      to: { path: "^src/internal/" },
    },
    {
      name: "emulator-and-cli-not-internal",
      severity: "error",
      comment:
        "The emulator and the CLI are clients of the SDK like any user: they use the public SDK or services/, so " +
        "internal/ can change without touching them.",
      from: { path: "^src/(emulator|cli)/" },
      to: { path: "^src/internal/" },
    },
  ],
  options: {
    // Only the repository's own code: rules never look into node_modules, and not following it keeps a run fast.
    doNotFollow: { path: "node_modules" },
    includeOnly: "^(src|generated|test|contract-tests|scripts)/",
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".d.ts", ".js", ".mjs", ".cjs", ".json"],
    },
  },
};
