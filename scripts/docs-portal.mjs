// site/index.html of `npm run docs`: navigation across the API reference (Redocly pages), the SDK reference and the
// guides (TypeDoc), and a search over the API operations that runs in the page (the index is inlined: no fetch, so
// it works from file://). TypeDoc's own search covers the SDK and the guides.
import { HTTP_METHODS } from "./spec-model.mjs";

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
// Redoc's hash route of an operation: #/<tag slug>/<operationId in lower case>.
const slug = (s) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/** Every operation of a spec with its Redoc route. */
export function operationsOf(name, spec) {
  const out = [];
  for (const [route, item] of Object.entries(spec.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op?.operationId) continue;
      out.push({
        api: name,
        method: method.toUpperCase(),
        path: route,
        operationId: op.operationId,
        summary: op.summary ?? "",
        href: `${name}.html#/${slug(op.tags?.[0] ?? "")}/${op.operationId.toLowerCase()}`,
      });
    }
  }
  return out;
}

export function renderPortal(apis, guides) {
  const ops = apis.flatMap((a) => operationsOf(a.name, a.spec));
  const index = JSON.stringify(ops.map(({ api, method, path, operationId, summary, href }) => ({ api, method, path, operationId, summary, href }))).replace(
    /</g,
    "\\u003c",
  );
  const apiItems = apis
    .map(
      (a) => `<li><a href="${a.name}.html">${esc(a.spec.info.title)}</a> <small>v${esc(a.spec.info.version)}</small>
<ul class="ops">${operationsOf(a.name, a.spec)
        .map((o) => `<li><a href="${esc(o.href)}"><code class="m-${o.method.toLowerCase()}">${o.method}</code> ${esc(o.summary)}</a></li>`)
        .join("")}</ul></li>`,
    )
    .join("\n");
  const guideItems = guides.map((g) => `<li><a href="${esc(g.href)}">${esc(g.title)}</a></li>`).join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>hwc-gateways documentation</title>
<style>
*{box-sizing:border-box}body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1b1f24}
header{background:#10243e;color:#fff;padding:1rem 1.5rem}header h1{margin:0;font-size:1.4rem}
nav.top{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin-top:.5rem}nav.top a{color:#cfe3ff}
main{max-width:60rem;margin:0 auto;padding:1rem 1.5rem 3rem}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:1.5rem}
section h2{font-size:1.15rem;border-bottom:1px solid #d0d7de;padding-bottom:.25rem}
ul{padding-left:1.1rem}li{margin:.35rem 0}ul.ops{padding-left:.5rem;list-style:none;font-size:.92rem}
code{font:.8rem ui-monospace,monospace;padding:0 .3rem;border-radius:3px;background:#eef1f4}
.m-get{color:#0a7d32}.m-put{color:#9a5b00}.m-post{color:#0550ae}.m-delete{color:#b3261e}
#q{width:100%;font:inherit;padding:.5rem .75rem;border:1px solid #8c959f;border-radius:6px}
#results{list-style:none;padding:0}#results li{padding:.3rem 0;border-bottom:1px solid #eee}
a{color:#0550ae}
</style></head>
<body>
<header><h1>hwc-gateways documentation</h1>
<nav class="top" aria-label="Sections"><a href="#api">API reference</a><a href="sdk/index.html">SDK reference</a><a href="#guides">Guides</a><a href="sdk/index.html">Search SDK and guides</a></nav></header>
<main>
<p>Huawei Cloud APIG ingress (de)registration, DDS public-gateway (un)binding and IAM tokens: the HTTP API, the
TypeScript SDK that calls it, and task guides. Everything here works offline, from the folder.</p>
<section id="search-section"><h2><label for="q">Search the API operations</label></h2>
<input id="q" type="search" placeholder="operation, path or summary, e.g. unbind, ingress, /v3" autocomplete="off">
<ul id="results" aria-live="polite"></ul>
<p><small>The SDK reference and the guides have their own search (press <kbd>/</kbd> there).</small></p></section>
<div class="grid">
<section id="api"><h2>API reference</h2><ul>
${apiItems}
</ul></section>
<section id="sdk"><h2>SDK reference</h2><ul>
<li><a href="sdk/index.html">Overview</a></li>
<li><a href="sdk/modules/index.html"><code>hwc-gateways</code></a>: clients, auth strategies, wait handles, errors</li>
<li><a href="sdk/modules/emulator.html"><code>hwc-gateways/emulator</code></a>: the local emulator for tests</li>
</ul></section>
<section id="guides"><h2>Guides</h2><ul>
${guideItems}
</ul></section>
</div>
</main>
<script>
const OPS = ${index};
const q = document.getElementById("q"), results = document.getElementById("results");
function show() {
  const words = q.value.toLowerCase().split(/\\s+/).filter(Boolean);
  results.replaceChildren();
  if (!words.length) return;
  for (const o of OPS) {
    const text = (o.api + " " + o.method + " " + o.path + " " + o.operationId + " " + o.summary).toLowerCase();
    if (!words.every((w) => text.includes(w))) continue;
    const li = document.createElement("li"), a = document.createElement("a");
    a.href = o.href;
    a.textContent = o.api.toUpperCase() + " · " + o.method + " " + o.path + " · " + o.summary;
    li.append(a);
    results.append(li);
  }
  if (!results.children.length) results.textContent = "No operation matches.";
}
q.addEventListener("input", show);
</script>
</body></html>
`;
}
