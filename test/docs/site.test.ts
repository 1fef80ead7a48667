import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { loadSpecFile } from "../../scripts/spec-model.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const site = path.join(root, "site");
const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));

const apis = Object.entries(YAML.parse(readFileSync(path.join(root, "redocly.yaml"), "utf8")).apis as Record<string, { root: string }>).map(
  ([alias, { root: spec }]) => {
    const model = loadSpecFile(spec);
    const operations = model.operations().flatMap(({ op, operationId, path: route }) => {
      if (operationId === undefined) return [];
      const tags = Array.isArray(op["tags"]) ? (op["tags"] as string[]) : [];
      // Redoc's hash route of an operation: #/<tag slug>/<operationId in lower case>.
      const tag = (tags[0] ?? "").toLowerCase().replace(/[^a-z0-9]+/g, "-");
      return [{ summary: String(op["summary"] ?? ""), route: `#/${tag}/${operationId.toLowerCase()}`, path: route }];
    });
    return { name: alias.split("@")[0] as string, title: String((model.doc["info"] as Record<string, unknown>)["title"]), operations };
  },
);

describe("docs site (headless Chromium)", () => {
  let browser: Browser | undefined;
  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(root, "scripts/docs.mjs")], { cwd: root, stdio: "pipe" });
    if (!CHROMIUM) throw new Error("chromium is not installed (`apt-get install -y chromium`; .ci/run does it)");
    // Flags from toolchain.md: without the background-networking ones Chromium keeps dialling Google hosts that
    // this closed network refuses.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  it("index links every API page", () => {
    const html = readFileSync(path.join(site, "index.html"), "utf8");
    for (const api of apis) expect(html).toContain(`href="${api.name}.html"`);
  });

  for (const api of apis) {
    it(`${api.name}.html is self-contained and renders every operation`, async () => {
      const file = path.join(site, `${api.name}.html`);
      expect(readFileSync(file, "utf8")).not.toMatch(/<script[^>]+src="https?:/);
      const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
      const external: string[] = [];
      page.on("request", (r) => {
        if (/^https?:/.test(r.url())) external.push(r.url());
      });
      try {
        const href = pathToFileURL(file).href;
        await page.goto(href);
        await page.getByText(api.title).first().waitFor({ timeout: 30_000 });
        for (const op of api.operations) {
          await page.goto(`${href}${op.route}`);
          // Rendered text only: the spec is also embedded in the page's scripts.
          await page.locator("main, body").getByText(op.summary, { exact: true }).first().waitFor({ timeout: 30_000 });
          expect(await page.locator("body").innerText(), `${op.path} rendered at ${op.route}`).toContain(op.path);
        }
        const shot = path.join(site, `${api.name}.png`);
        await page.goto(`${href}${api.operations[0]?.route ?? ""}`);
        await page.getByText(api.operations[0]?.summary ?? api.title, { exact: true }).first().waitFor();
        await page.screenshot({ path: shot });
        expect(statSync(shot).size).toBeGreaterThan(10_000);
        // Offline viewing must not depend on anything but Redocly's logo (which fails quietly).
        expect(external.filter((u) => !u.includes("redoc.ly") && !u.includes("redocly.com"))).toEqual([]);
      } finally {
        await page.close();
      }
    }, 120_000);
  }
});
