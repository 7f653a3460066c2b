/**
 * Accessibility of the main pages in a real browser, at desktop (1280 px) and phone (390 px)
 * widths, signed out, as a musician, as a client and as an admin: axe-core finds no serious or critical
 * violation, every page has one h1 and its headings skip no level.
 */
import { chromium, type Page } from "playwright-core";
import { CHROMIUM, startTestApp, type TestApp } from "../_helpers/app.ts";
import { adminPerson, CSRF, FUZZ_ENV, seedWorld, type World } from "../_helpers/fuzz.ts";
import { COOKIE } from "../../lib/web/cookies.ts";

const AXE = await Deno.readTextFile(
  new URL("../../node_modules/axe-core/axe.min.js", import.meta.url),
);
const WIDTHS = [1280, 390];

interface AxeNode {
  target: string[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

type Who = "visitor" | "musician" | "client" | "admin";

function pagesOf(w: World): [Who, string][] {
  const { ids } = w;
  return [
    ["visitor", "/"],
    ["visitor", "/signin"],
    ["visitor", "/signup"],
    ["visitor", "/gigs"],
    ["visitor", `/gigs/${ids.gigOpen}`],
    ["visitor", "/musicians"],
    ["visitor", `/musicians/${ids.musician}`],
    ["visitor", "/dj"],
    ["visitor", `/dj/share/${ids.shareToken}`],
    ["musician", "/"],
    ["musician", "/matches"],
    ["musician", "/my/applications"],
    ["musician", `/gigs/${ids.gigOpen}`],
    ["musician", "/bookings"],
    ["musician", `/bookings/${ids.booking}`],
    ["musician", "/messages"],
    ["musician", `/messages/${ids.conversation}`],
    ["musician", "/notifications"],
    ["musician", "/profile"],
    ["musician", "/profile/musician"],
    ["musician", "/studio"],
    ["musician", "/profile/media"],
    ["musician", "/earnings"],
    ["musician", "/favourites"],
    ["musician", "/settings/notifications"],
    ["musician", "/settings/auto-apply"],
    ["musician", `/my/applications/${ids.application}`],
    ["musician", `/gigs/external/${ids.externalGig}`],
    ["musician", "/scout"],
    ["musician", "/studio/library"],
    ["musician", `/studio/songs/${ids.song}`],
    ["musician", "/dj/history"],
    ["musician", `/dj/runs/${ids.run}`],
    ["musician", "/artists"],
    ["musician", `/artists/${ids.artist}`],
    ["client", "/"],
    ["client", "/my/gigs"],
    ["client", `/gigs/${ids.gigOpen}`],
    ["client", `/gigs/${ids.gigOpen}/applications`],
    ["client", "/bookings"],
    ["client", `/bookings/${ids.booking}`],
    ["client", "/messages"],
    ["client", "/notifications"],
    ["client", "/profile/client"],
    ["client", "/gigs/new"],
    ["client", `/gigs/${ids.gigDraft}/edit`],
    ["client", "/settings/auto-shortlist"],
    ["client", "/settings/plan"],
    ["musician", "/account"],
    ["musician", `/report?type=gig&id=${ids.gigOpen}`],
    ["musician", "/reports"],
    ["admin", "/admin"],
    ["admin", "/admin/users"],
    ["admin", `/admin/users/${ids.musician}`],
    ["admin", "/admin/reports"],
    ["admin", "/admin/queues"],
    ["admin", "/admin/outbox"],
    ["admin", "/admin/audit"],
  ];
}

/** axe's serious and critical violations on the page, and heading-order problems, as text. */
async function audit(page: Page): Promise<string[]> {
  if (!await page.evaluate(() => "axe" in globalThis)) await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    // deno-lint-ignore no-explicit-any
    const axe = (globalThis as any).axe;
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations;
  }) as AxeViolation[];
  const out = violations.filter((v) => v.impact === "serious" || v.impact === "critical").map(
    (v) =>
      `${v.impact} ${v.id}: ${v.help} (${v.helpUrl})\n` +
      v.nodes.slice(0, 5).map((n) =>
        `    at ${n.target.join(" ")}\n      ${n.html.slice(0, 200)}\n      ${
          (n.failureSummary ?? "").replace(/\n/g, "\n      ")
        }`
      ).join("\n"),
  );
  const levels = await page.evaluate(() =>
    [...document.querySelectorAll("h1,h2,h3,h4,h5,h6")]
      .filter((h) => (h as HTMLElement).offsetParent !== null || h.tagName === "H1")
      .map((h) => `${h.tagName[1]}${h.textContent?.trim().slice(0, 40)}`)
  );
  const ones = levels.filter((l) => l[0] === "1").length;
  if (ones !== 1) out.push(`headings: ${ones} h1 elements (want 1): ${levels.join(" | ")}`);
  let prev = 0;
  for (const l of levels) {
    const n = Number(l[0]);
    if (n > prev + 1) out.push(`headings: h${n} "${l.slice(1)}" after h${prev} (skips a level)`);
    prev = n;
  }
  return out;
}

async function signIn(app: TestApp, page: Page, token: string | null) {
  await page.context().clearCookies();
  const cookies: { name: string; value: string; url: string }[] = [
    { name: COOKIE.csrf, value: CSRF, url: app.url },
  ];
  if (token) cookies.push({ name: COOKIE.access, value: token, url: app.url });
  await page.context().addCookies(cookies);
}

Deno.test({
  name: "accessibility - main pages: no serious axe violations, one h1, no skipped heading",
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  await using app = await startTestApp(FUZZ_ENV);
  const w = await seedWorld(app, { publishMusician: true, tag: "ax", share: true });
  const tokens: Record<Who, string | null> = {
    visitor: null,
    musician: w.musician.token,
    client: w.client.token,
    admin: (await adminPerson(app, "axAdmin")).token,
  };
  const browser = await chromium.launch(CHROMIUM);
  const failures: string[] = [];
  try {
    // axe goes in as an inline script: the page's CSP would refuse it.
    const page = await (await browser.newContext({ bypassCSP: true })).newPage();
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      let who: Who | null = null;
      for (const [as, path] of pagesOf(w)) {
        if (as !== who) await signIn(app, page, tokens[as]);
        who = as;
        const res = await page.goto(`${app.url}${path}`);
        if (!res || res.status() >= 400) {
          failures.push(`${as} ${path} @${width}px: HTTP ${res?.status()}`);
          continue;
        }
        for (const problem of await audit(page)) {
          failures.push(`${as} ${path} @${width}px: ${problem}`);
        }
      }
    }
  } finally {
    await browser.close();
  }
  if (failures.length) {
    throw new Error(`${failures.length} accessibility problems:\n\n${failures.join("\n\n")}`);
  }
});
