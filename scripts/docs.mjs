// `npm run docs`: the offline portal in site/.
//   site/{apig,dds,iam}.html  one self-contained Redocly page per API, rendered from a copy of the spec that links
//                             each operation to the SDK method calling it (and gets code samples, once they exist)
//   site/sdk/                 the SDK reference (TypeDoc) with the task guides of docs/guides/ and its own search
//   site/index.html           the portal: navigation across all three, and a static search over the API operations
// Every page opens from the folder via file:// without any network request (test/docs/site-*.test.ts checks it).
// typedoc.json lists TypeDoc's default block tags plus @description, which openapi-typescript writes into generated/.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { inflateSync } from "node:zlib";
import YAML from "yaml";
import { loadSpecFile } from "./spec-model.mjs";
import { renderPortal } from "./docs-portal.mjs";

const root = path.resolve(import.meta.dirname, "..");
const site = path.join(root, "site");
const work = path.join(root, ".tmp", "docs");
const config = YAML.parse(readFileSync(path.join(root, "redocly.yaml"), "utf8"));
const redocly = path.join(root, "node_modules", ".bin", "redocly");

/** The SDK method that calls each operation: the API page links to it, and the SDK reference links back. */
export const SDK_METHODS = {
  UnregisterIngressIps: ["ApigClient", "deregisterIngressIps"],
  RegisterIngressIps: ["ApigClient", "registerIngressIps"],
  ShowInstance: ["ApigClient", "getInstance"],
  BindPublicGateway: ["DdsClient", "bindPublicGateway"],
  UnbindPublicGateway: ["DdsClient", "unbindPublicGateway"],
  ListInstances: ["DdsClient", "listInstances"],
  CreateTokenByPassword: ["IamClient", "createTokenByPassword"],
};
export const sdkMethodHref = ([iface, method]) => `sdk/interfaces/index.${iface}.html#${method.toLowerCase()}`;

// Redoc renders this image in its sidebar footer ("API docs by …") from the vendor's CDN, with no option to turn it
// off: offline it is a failed request and a console error. Both variants are replaced by a local wordmark.
const CDN_LOGOS = ["https://cdn.redoc.ly/redoc/logo-mini-full.svg", "https://cdn.redoc.ly/redoc/logo-mini.svg"];
const LOCAL_LOGO = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="52" height="14"><text x="0" y="11" font-family="sans-serif" font-size="11" fill="#555">Redocly</text></svg>')}`;
// Redoc animates the height of a sidebar group when it opens or closes (JS sets an inline `transition: height`).
// Following a link to another tag's operation opens one group and closes another at once, and for the ~300 ms
// of the animation the entries of the two groups are drawn over each other (the overlap in the old screenshot).
// The groups now jump to their final height; Redoc ends the transition on its own timer, so nothing waits for it.
const NO_SIDEBAR_ANIMATION = `<style id="hwgw-no-sidebar-animation">[data-component-name^="Menu/"] [style*="height"],[data-component-name^="Menu/"][style*="height"]{transition:none!important}</style>`;

export async function buildDocs({ log = console.log } = {}) {
  // Everything but screenshots/ (kept in git, rewritten by the Chromium checks) is rebuilt from scratch.
  mkdirSync(site, { recursive: true });
  for (const entry of readdirSync(site)) if (entry !== "screenshots") rmSync(path.join(site, entry), { recursive: true, force: true, maxRetries: 3 });
  mkdirSync(work, { recursive: true });
  const apis = [];
  const { addSamples, languages } = await codeSamples();
  const redoclyConfig = renderConfig(languages);
  for (const [alias, { root: specPath }] of Object.entries(config.apis)) {
    const name = alias.split("@")[0];
    const spec = await addSamples(structuredClone(loadSpecFile(specPath).doc), name);
    decorateSpec(spec);
    const copy = path.join(work, `${name}.json`);
    writeFileSync(copy, JSON.stringify(spec, null, 2));
    const out = path.join(site, `${name}.html`);
    run(redocly, [
      "build-docs",
      copy,
      "--config",
      redoclyConfig,
      "--inlineBundle",
      "--output",
      out,
      "--title",
      spec.info.title,
      "--openapi.disableTelemetry=true",
    ]);
    let html = readFileSync(out, "utf8");
    for (const url of CDN_LOGOS) html = html.split(url).join(LOCAL_LOGO);
    html = html.replace("</head>", `${NO_SIDEBAR_ANIMATION}</head>`);
    writeFileSync(out, html);
    apis.push({ name, spec });
  }
  const sdkPages = await buildSdkReference();
  writeFileSync(path.join(site, "index.html"), renderPortal(apis, guideTitles()));
  const operations = apis.reduce((n, a) => n + countOperations(a.spec), 0);
  log(`docs written to site/: index.html, ${apis.map((a) => `${a.name}.html`).join(", ")} (${operations} operations), sdk/ (${sdkPages} pages)`);
  return { apis, operations, sdkPages };
}

/** Links of the rendered copy: the API description points at the SDK and guides, each operation at its method. */
function decorateSpec(spec) {
  spec.info.description = `${spec.info.description ?? ""}\n\n**Using it from TypeScript:** [SDK reference](sdk/index.html) · [task guides](sdk/index.html#guides) · [all docs](index.html)\n`;
  for (const item of Object.values(spec.paths ?? {})) {
    for (const op of Object.values(item)) {
      const target = op && typeof op === "object" ? SDK_METHODS[op.operationId] : undefined;
      if (target) op.externalDocs = { description: `SDK: ${target.join(".")}()`, url: sdkMethodHref(target) };
    }
  }
}

/**
 * HOOK (issue 15, code samples): scripts/code-samples.mjs (branch wip/15-samples) returns a copy of a spec with
 * `x-codeSamples` (TypeScript SDK, `hwgw`, curl) on every operation, and CODE_SAMPLE_LANGUAGES, the languages
 * Redoc must be told about (`openapi.codeSamples.languages`) to show tabs other than curl. Until that module is
 * on this branch the pages render without samples.
 */
async function codeSamples() {
  const module = path.join(root, "scripts", "code-samples.mjs");
  if (!existsSync(module)) return { addSamples: async (spec) => spec, languages: undefined };
  const { withCodeSamples, CODE_SAMPLE_LANGUAGES } = await import(pathToFileURL(module).href);
  return { addSamples: async (spec, name) => (await withCodeSamples(spec, name)) ?? spec, languages: CODE_SAMPLE_LANGUAGES };
}

/** The Redocly config for rendering: the project's, plus the code-sample languages when there are samples. */
function renderConfig(languages) {
  const file = path.join(work, "redocly.yaml");
  const render = { ...config, apis: undefined, openapi: { ...(config.openapi ?? {}), ...(languages ? { codeSamples: { languages } } : {}) } };
  delete render.apis;
  writeFileSync(file, YAML.stringify(render));
  return file;
}

async function buildSdkReference() {
  const td = await import("typedoc");
  const app = await td.Application.bootstrapWithPlugins({ options: path.join(root, "typedoc.json") }, [new td.TSConfigReader(), new td.TypeDocReader()]);
  const project = await app.convert();
  if (!project) fail("typedoc: conversion failed");
  // Documented elsewhere, not by doc comments: members of generated/ types (their text is the spec's, and a
  // property that is a $ref gets none from openapi-typescript; the API reference documents it) and the members of
  // value tables whose declaration explains them all (INSTANCE_STATUS_CODES: a state name → its code). Every other
  // reflection without a comment is an error.
  const exempt = [];
  for (const r of Object.values(project.reflections)) {
    if (r.hasComment?.() || r.name === "__type" || underParameter(r, td.ReflectionKind.Parameter)) continue;
    const file = project.getSymbolIdFromReflection(r)?.fileName ?? "";
    const inTable = (() => {
      for (let p = r.parent; p; p = p.parent) if (p.name === "INSTANCE_STATUS_CODES") return true;
      return false;
    })();
    if (/(^|\/)generated\//.test(file.split(path.sep).join("/")) || inTable || namedByOwner(r)) exempt.push(r.getFriendlyFullName());
  }
  app.options.setValue("intentionallyNotDocumented", exempt);
  app.validate(project);
  if (app.logger.hasErrors() || app.logger.hasWarnings()) fail("typedoc: fix the warnings above (a missing doc comment fails the build)");
  const out = path.join(site, "sdk");
  await app.generateDocs(project, out);
  if (app.logger.hasErrors() || app.logger.hasWarnings()) fail("typedoc: fix the warnings above");
  const inHierarchy = hierarchyIds(path.join(out, "assets", "hierarchy.js"));
  let pages = 0;
  for (const file of walk(out).filter((f) => f.endsWith(".html"))) {
    pages++;
    const depth = path.relative(path.dirname(file), site).split(path.sep).join("/") || ".";
    // Guides and the home page link to API operations as `api:<name>#<route>`: TypeDoc leaves such links alone,
    // and here they become relative links to the Redocly pages.
    // typedoc.json's navigation and sidebar links say `portal:<file>` for the same reason: TypeDoc writes them
    // verbatim into pages at every depth.
    const html = readFileSync(file, "utf8")
      .replace(/href="api:([a-z]+)(#[^"]*)?"/g, (_, api, hash = "") => `href="${depth}/${api}.html${hash}"`)
      .replace(/href="portal:([^"]+)"/g, (_, target) => `href="${depth}/${target}"`)
      // Chromium refuses an SVG <use> of another file:// document ("unique security origins"), so every icon was
      // a console error offline. assets/icons.js puts the same sprite into each page: point the icons at it.
      .replace(/href="(?:\.\.\/)*assets\/icons\.svg#/g, 'href="#')
      // TypeDoc links an interface whose parent is a type alias (the DDS handles) to a place in hierarchy.html
      // that its own hierarchy page never renders: drop that "View Summary" link, keep the heading.
      .replace(/ \(<a href="((?:\.\.\/)*)hierarchy\.html#([^"]+)">View Summary<\/a>\)/g, (m, _up, id) => (inHierarchy.has(id) ? m : ""));
    writeFileSync(file, html);
  }
  return pages;
}

/** The ids that TypeDoc's hierarchy page renders: every reflection reachable from its roots. */
function hierarchyIds(file) {
  const encoded = /"([A-Za-z0-9+/=]+)"/.exec(readFileSync(file, "utf8"))?.[1];
  if (!encoded) fail("docs: no hierarchy data in site/sdk/assets/hierarchy.js");
  const { roots, reflections } = JSON.parse(inflateSync(Buffer.from(encoded, "base64")).toString("utf8"));
  const ids = new Set();
  const visit = (n) => {
    const r = reflections[n];
    if (!r) return;
    ids.add(path.basename(r.url, ".html"));
    for (const c of r.children ?? []) visit(c);
  };
  roots.forEach(visit);
  return ids;
}

/** TypeDoc does not require docs below a parameter; naming such a reflection as exempt would be a warning. */
function underParameter(r, kind) {
  for (let p = r.parent; p; p = p.parent) if (p.kindOf(kind)) return true;
  return false;
}

/** A property of an inline object type whose owning declaration's comment names it in backticks. */
function namedByOwner(r) {
  const literal = r.parent;
  if (literal?.name !== "__type") return false;
  // The owner is a property, or the signature of a method whose comment sits on the method.
  let owner = literal.parent;
  while (owner && !owner.comment && owner.parent && !owner.kindOf?.(1 /* Project */)) owner = owner.parent;
  const text = owner?.comment?.summary?.map((p) => p.text).join("") ?? "";
  return text.includes(`\`${r.name}\``);
}

/** The guides as TypeDoc rendered them (title and file), in the order of typedoc.json. */
function guideTitles() {
  const { projectDocuments } = JSON.parse(readFileSync(path.join(root, "typedoc.json"), "utf8"));
  const dir = path.join(site, "sdk", "documents");
  const built = readdirSync(dir).map((f) => ({ f, title: /<title>([^<|]+?)\s*\|/.exec(readFileSync(path.join(dir, f), "utf8"))?.[1] ?? f }));
  return projectDocuments.map((doc) => {
    const title = /^title:\s*(.+)$/m.exec(readFileSync(path.join(root, doc), "utf8"))?.[1]?.trim();
    const page = built.find((b) => b.title === title);
    if (!page) fail(`docs: ${doc} was not rendered by TypeDoc`);
    return { title, href: `sdk/documents/${page.f}` };
  });
}

function countOperations(spec) {
  return Object.values(spec.paths ?? {}).reduce((n, item) => n + Object.values(item).filter((op) => op?.operationId).length, 0);
}

function walk(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: "utf8", env: { ...process.env, REDOCLY_TELEMETRY: "off" } });
  if (r.status !== 0) fail(r.stdout + r.stderr);
}

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await buildDocs();
