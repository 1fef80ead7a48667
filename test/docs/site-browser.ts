// Headless Chromium for the docs checks: one page per viewport that records everything a reader's browser would
// do wrong offline (console errors, uncaught exceptions, any request that is not file://, data: or blob:, failed
// loads), the links of the rendered DOM, and overlapping sidebar entries.
import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";

export const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
export const VIEWPORTS = { desktop: { width: 1280, height: 800 }, mobile: { width: 390, height: 844 } } as const;
export type ViewportName = keyof typeof VIEWPORTS;

export async function launchChromium(): Promise<Browser> {
  if (!CHROMIUM) throw new Error("chromium is not installed (`apt-get install -y chromium`; .ci/run does it)");
  // Without the background-networking flags Chromium keeps dialling Google hosts that this closed network refuses.
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A page that records what went wrong; `take()` returns and clears it. */
export interface Recorder {
  page: Page;
  take(): string[];
}

export async function recordingPage(browser: Browser, viewport: ViewportName): Promise<Recorder> {
  const page = await browser.newPage({ viewport: VIEWPORTS[viewport] });
  let problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
  page.on("request", (r) => {
    if (!/^(file|data|blob):/.test(r.url())) problems.push(`network request: ${r.url()}`);
  });
  page.on("requestfailed", (r) => problems.push(`failed: ${r.url().slice(0, 120)} ${r.failure()?.errorText ?? ""}`));
  return {
    page,
    take() {
      const out = problems;
      problems = [];
      return out;
    },
  };
}

/** The element ids of the rendered DOM (some, like TypeDoc's icon sprite, exist only after its scripts ran). */
export async function idsOf(page: Page): Promise<string[]> {
  return page.evaluate(() => [...document.querySelectorAll("[id]")].map((el) => el.id));
}

/** Every href/src of the rendered DOM (SVG `use` included), resolved against the page. */
export async function linksOf(page: Page, redoc = false): Promise<string[]> {
  return page.evaluate(
    (isRedoc) =>
      [...document.querySelectorAll("[href], [src]")].flatMap((el) => {
        const raw = el.getAttribute("href") ?? el.getAttribute("src");
        if (raw === null || raw === "" || raw === "#") return [];
        // Redoc's router links: "/tag/op" before hydration, "#/tag/op#section" after; it resolves both in the page.
        if (isRedoc && raw.startsWith("/")) return [`${location.href.split("#")[0]}#${raw}`];
        try {
          return [new URL(raw, document.baseURI).href];
        } catch {
          return [`invalid:${raw}`];
        }
      }),
    redoc,
  );
}

/** Lets layout settle for a few frames (Redoc's sidebar sets its group heights over two frames). */
export async function frames(page: Page, n = 3): Promise<void> {
  await page.evaluate(
    (count) =>
      new Promise<void>((resolve) => {
        const step = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
        step(count);
      }),
    n,
  );
}

/**
 * Pairs of visible sidebar entries (matched by `selector`) whose boxes intersect by more than a pixel each way.
 * Entries nested in one another (a group and its children) are not compared.
 */
export async function overlappingEntries(page: Page, selector: string): Promise<{ count: number; overlaps: string[] }> {
  return page.evaluate((sel) => {
    const overlaps: string[] = [];
    // What the reader sees of an entry: its box cut by every ancestor that clips (overflow other than visible).
    // Cut by a scrolling container is normal; cut by an overflow:hidden one is a group caught mid-animation,
    // entries sliced through, which is reported.
    const visible = (el: HTMLElement, text: string) => {
      const b = el.getBoundingClientRect();
      let r = { left: b.left, top: b.top, right: b.right, bottom: b.bottom };
      for (let p = el.parentElement; p; p = p.parentElement) {
        const style = getComputedStyle(p);
        // display: contents boxes (TypeDoc's .col-sidebar) have no box of their own and clip nothing.
        if (style.display === "contents" || (style.overflowX === "visible" && style.overflowY === "visible")) continue;
        const c = p.getBoundingClientRect();
        const cut = { left: Math.max(r.left, c.left), top: Math.max(r.top, c.top), right: Math.min(r.right, c.right), bottom: Math.min(r.bottom, c.bottom) };
        const sliced = cut.bottom - cut.top > 1 && cut.bottom - cut.top < r.bottom - r.top - 1;
        if (sliced && /hidden|clip/.test(style.overflowY))
          overlaps.push(
            `"${text}" is cut off by a hidden-overflow container [${Math.round(cut.top)}–${Math.round(cut.bottom)} of ${Math.round(r.top)}–${Math.round(r.bottom)}]`,
          );
        r = cut;
      }
      return r;
    };
    const items = [...document.querySelectorAll<HTMLElement>(sel)]
      .filter((el) => getComputedStyle(el).visibility !== "hidden")
      .map((el) => {
        const text = (el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 50);
        return { el, r: visible(el, text), text };
      })
      .filter(({ r }) => r.right - r.left > 0 && r.bottom - r.top > 0);
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        const a = items[i]!;
        const b = items[j]!;
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
        const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (w > 1 && h > 1)
          overlaps.push(
            `"${a.text}" [${Math.round(a.r.top)}–${Math.round(a.r.bottom)}] overlaps "${b.text}" [${Math.round(b.r.top)}–${Math.round(b.r.bottom)}]`,
          );
      }
    }
    return { count: items.length, overlaps };
  }, selector);
}
