// `npm run docs`: one self-contained Redocly page per API in site/, plus an index linking them.
// --inlineBundle puts Redoc's JS into the page: the default build loads it from a CDN and shows a blank page
// offline.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { loadSpecFile } from "./spec-model.mjs";

const root = path.resolve(import.meta.dirname, "..");
const site = path.join(root, "site");
mkdirSync(site, { recursive: true });
const config = YAML.parse(readFileSync(path.join(root, "redocly.yaml"), "utf8"));
const redocly = path.join(root, "node_modules", ".bin", "redocly");

const pages = [];
for (const [alias, { root: specPath }] of Object.entries(config.apis)) {
  const name = alias.split("@")[0];
  const spec = loadSpecFile(specPath).doc;
  const out = path.join(site, `${name}.html`);
  const r = spawnSync(redocly, ["build-docs", alias, "--inlineBundle", "--output", out, "--title", spec.info.title, "--openapi.disableTelemetry=true"], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, REDOCLY_TELEMETRY: "off" },
  });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    process.exit(r.status ?? 1);
  }
  pages.push({ name, title: spec.info.title, version: spec.info.version, description: firstSentence(spec.info.description ?? "") });
}

const esc = (s) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
writeFileSync(
  path.join(site, "index.html"),
  `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>hwc-gateways API reference</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:3rem auto;padding:0 1rem}li{margin:.75rem 0}</style></head>
<body><h1>hwc-gateways API reference</h1>
<p>The Huawei Cloud operations this SDK covers, rendered from the project's OpenAPI specs.</p>
<ul>
${pages.map((p) => `<li><a href="${p.name}.html">${esc(p.title)}</a> <small>v${esc(p.version)}</small><br>${esc(p.description)}</li>`).join("\n")}
</ul></body></html>
`,
);
console.log(`docs written to site/: index.html, ${pages.map((p) => `${p.name}.html`).join(", ")}`);

function firstSentence(text) {
  const m = /^[^.]*\./.exec(text.replace(/\s+/g, " ").trim());
  return m ? m[0] : text;
}
