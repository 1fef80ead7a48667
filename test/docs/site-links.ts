// The link checker of the docs site: every internal link (href or src of any element, as the browser resolved it
// on the rendered page) must name a file inside site/, and its fragment an element id in that file, or for the
// Redocly pages one of their hash routes (#/<tag>/<operation>), which Redoc's router resolves, not the DOM.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export interface LinkProblem {
  from: string;
  link: string;
  problem: string;
}

const idCache = new Map<string, Set<string>>();
function idsOf(file: string): Set<string> {
  let ids = idCache.get(file);
  if (!ids) {
    ids = new Set();
    for (const m of readFileSync(file, "utf8").matchAll(/\s(?:id|name)="([^"]+)"/g)) ids.add(m[1] as string);
    idCache.set(file, ids);
  }
  return ids;
}

/**
 * Checks links collected from rendered pages. `routes` holds, per Redocly page file name, its hash routes;
 * `renderedIds`, per file, the ids its rendered DOM had.
 * Links outside file:// are not followed here (the browser checks ensure none is requested).
 */
export function checkLinks(
  site: string,
  links: ReadonlyMap<string, readonly string[]>,
  routes: ReadonlyMap<string, ReadonlySet<string>>,
  renderedIds: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
): { checked: number; problems: LinkProblem[] } {
  const problems: LinkProblem[] = [];
  let checked = 0;
  for (const [from, urls] of links) {
    for (const link of new Set(urls)) {
      if (!link.startsWith("file:")) continue;
      checked++;
      const url = new URL(link);
      const file = fileURLToPath(url);
      const rel = path.relative(site, file);
      if (rel.startsWith("..") || path.isAbsolute(rel)) {
        problems.push({ from, link, problem: "points outside site/" });
        continue;
      }
      if (!existsSync(file) || !statSync(file).isFile()) {
        problems.push({ from, link, problem: "no such file" });
        continue;
      }
      const hash = decodeURIComponent(url.hash.slice(1));
      if (hash === "") continue;
      const pageRoutes = routes.get(rel);
      if (pageRoutes && hash.startsWith("/")) {
        // "#/tag/op#tag/op/request": a route, then a section of that operation's page (Redoc scrolls to it).
        const route = hash.split("#")[0] as string;
        if (!pageRoutes.has(route)) problems.push({ from, link, problem: `no Redoc route ${route}` });
      } else if (!idsOf(file).has(hash) && !renderedIds.get(rel.split(path.sep).join("/"))?.has(hash)) {
        problems.push({ from, link, problem: `no element id "${hash}"` });
      }
    }
  }
  return { checked, problems };
}
