// The docs portal as a reader meets it, offline: `npm run docs` builds site/, then headless Chromium opens every
// page (and every operation of the Redocly pages) at a desktop and a mobile width from file:// and checks that it
// renders with no console error, no network request, no overlapping sidebar entries, and that every internal link
// and anchor of the rendered pages resolves. Screenshots are kept in site/screenshots/.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { loadSpecFile } from "../../scripts/spec-model.mjs";
import { frames, idsOf, launchChromium, linksOf, overlappingEntries, recordingPage, VIEWPORTS, type ViewportName } from "./site-browser.js";
import { checkLinks } from "./site-links.js";

const root = path.resolve(import.meta.dirname, "../..");
const site = path.join(root, "site");
const shots = path.join(site, "screenshots");
const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

const apis = Object.entries(YAML.parse(readFileSync(path.join(root, "redocly.yaml"), "utf8")).apis as Record<string, { root: string }>).map(
  ([alias, { root: spec }]) => {
    const model = loadSpecFile(spec);
    const routes = new Set<string>(["/"]);
    const operations = model.operations().flatMap(({ op, operationId, path: route }) => {
      if (operationId === undefined) return [];
      const tag = slug(((op.tags as string[] | undefined) ?? [])[0] ?? "");
      routes.add(`/${tag}`);
      routes.add(`/${tag}/${operationId.toLowerCase()}`);
      return [{ summary: String(op.summary ?? ""), route: `#/${tag}/${operationId.toLowerCase()}`, path: route }];
    });
    return { name: alias.split("@")[0] as string, title: String((model.doc.info as Record<string, unknown>).title), operations, routes };
  },
);
const routes = new Map(apis.map((a) => [`${a.name}.html`, a.routes as ReadonlySet<string>]));
const REDOC_SIDEBAR = '[data-component-name^="Menu/"] a';
const TYPEDOC_SIDEBAR = ".site-menu a, .page-menu a";
const PORTAL_SIDEBAR = "nav.top a";

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? htmlFiles(p) : p.endsWith(".html") ? [p] : [];
  });
}

describe("docs portal (headless Chromium, file://)", () => {
  let browser: Browser | undefined;
  const links = new Map<string, string[]>();
  const renderedIds = new Map<string, Set<string>>();
  const counts = { pages: 0, pageViews: 0, operationViews: 0, sidebarEntries: 0 };
  let sdkPages: string[] = [];

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(root, "scripts/docs.mjs")], { cwd: root, stdio: "pipe" });
    mkdirSync(shots, { recursive: true });
    sdkPages = htmlFiles(path.join(site, "sdk"));
    counts.pages = 1 + apis.length + sdkPages.length;
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    console.log(
      `docs checks: ${counts.pages} pages, ${counts.pageViews} page views, ${counts.operationViews} operation views, ${counts.sidebarEntries} sidebar entries compared, at ${Object.keys(VIEWPORTS).length} widths`,
    );
  });

  it("the portal links every API page, the SDK reference and every guide", () => {
    const html = readFileSync(path.join(site, "index.html"), "utf8");
    for (const api of apis) expect(html).toContain(`href="${api.name}.html"`);
    expect(html).toContain('href="sdk/index.html"');
    const guides = readdirSync(path.join(site, "sdk", "documents"));
    expect(guides.length).toBe(7);
    for (const g of guides) expect(html).toContain(`href="sdk/documents/${g}"`);
  });

  for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
    for (const api of apis) {
      it(`${api.name}.html renders every operation at ${viewport} width, offline, sidebar entries apart`, async () => {
        const file = path.join(site, `${api.name}.html`);
        expect(readFileSync(file, "utf8")).not.toMatch(/<script[^>]+src="https?:|cdn\.redoc\.ly/);
        const { page, take } = await recordingPage(browser!, viewport);
        const problems: string[] = [];
        try {
          const href = pathToFileURL(file).href;
          await page.goto(href);
          // Attached, not visible: at mobile width the sidebar holding the title is folded away.
          await page.getByText(api.title).first().waitFor({ state: "attached", timeout: 30_000 });
          problems.push(...take());
          for (const op of api.operations) {
            await page.goto(`${href}${op.route}`);
            // Rendered text only: the spec is also embedded in the page's scripts.
            await page.getByText(op.summary, { exact: true }).filter({ visible: true }).first().waitFor({ timeout: 30_000 });
            expect(await page.locator("body").textContent(), `${op.path} rendered at ${op.route}`).toContain(op.path);
            await frames(page);
            const { count, overlaps } = await overlappingEntries(page, REDOC_SIDEBAR);
            counts.sidebarEntries += count;
            if (viewport === "desktop") expect(count, "sidebar entries visible").toBeGreaterThan(api.operations.length);
            problems.push(...overlaps.map((o) => `${op.route}: ${o}`), ...take().map((p) => `${op.route}: ${p}`));
            links.set(`${api.name}.html${op.route}`, await linksOf(page, true));
            counts.operationViews++;
          }
          await page.goto(`${href}${api.operations[0]?.route ?? ""}`);
          await page
            .getByText(api.operations[0]?.summary ?? api.title, { exact: true })
            .filter({ visible: true })
            .first()
            .waitFor();
          await frames(page);
          const shot = path.join(shots, `${api.name}-${viewport}.png`);
          await page.screenshot({ path: shot });
          expect(statSync(shot).size).toBeGreaterThan(10_000);
          problems.push(...take());
          counts.pageViews++;
        } finally {
          await page.close();
        }
        expect(problems).toEqual([]);
      }, 180_000);
    }

    it(`the portal and every SDK reference and guide page render at ${viewport} width, offline, sidebar entries apart`, async () => {
      const { page, take } = await recordingPage(browser!, viewport);
      const problems: string[] = [];
      try {
        for (const file of [path.join(site, "index.html"), ...sdkPages]) {
          const rel = path.relative(site, file);
          await page.goto(pathToFileURL(file).href);
          await page.locator("h1").first().waitFor({ timeout: 30_000 });
          if (rel !== "index.html") await page.locator("#tsd-nav-container a").first().waitFor({ state: "attached", timeout: 30_000 });
          await frames(page);
          const { count, overlaps } = await overlappingEntries(page, rel === "index.html" ? PORTAL_SIDEBAR : TYPEDOC_SIDEBAR);
          counts.sidebarEntries += count;
          problems.push(...overlaps.map((o) => `${rel}: ${o}`), ...take().map((p) => `${rel}: ${p}`));
          links.set(rel, await linksOf(page));
          renderedIds.set(rel.split(path.sep).join("/"), new Set(await idsOf(page)));
          if (rel === "index.html" || rel === "sdk/index.html" || rel.startsWith("sdk/documents/Deregister")) {
            await page.screenshot({ path: path.join(shots, `${rel.replace(/[/.]/g, "_")}-${viewport}.png`), fullPage: viewport === "mobile" });
          }
          counts.pageViews++;
        }
      } finally {
        await page.close();
      }
      expect(problems).toEqual([]);
    }, 300_000);
  }

  it("the portal's operation search finds operations offline", async () => {
    const { page, take } = await recordingPage(browser!, "desktop");
    try {
      await page.goto(pathToFileURL(path.join(site, "index.html")).href);
      await page.locator("#q").fill("unbind gateway");
      const hits = page.locator("#results a");
      await hits.first().waitFor();
      expect(await hits.count()).toBe(1);
      expect(await hits.first().getAttribute("href")).toBe("dds.html#/public-gateways/unbindpublicgateway");
      await page.locator("#q").fill("no such operation");
      await page.getByText("No operation matches.").waitFor();
      expect(take()).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it("every internal link and anchor of every rendered page resolves", () => {
    expect(links.size, "pages whose links were collected (run with the page checks)").toBe(
      1 + sdkPages.length + apis.reduce((n, a) => n + a.operations.length, 0),
    );
    const { checked, problems } = checkLinks(site, links, routes, renderedIds);
    console.log(`link checker: ${checked} internal links checked on ${links.size} rendered pages`);
    expect(checked).toBeGreaterThan(1000);
    expect(problems).toEqual([]);
  });
});
