/**
 * Every page has its own <title> and a description; public and share pages carry Open Graph
 * and Twitter card tags with absolute URLs from the configured site URL.
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { startTestApp } from "../_helpers/app.ts";
import { FUZZ_ENV, getPage, seedWorld } from "../_helpers/fuzz.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };
const SITE = "https://soundcheck.example";

function titleOf(html: string): string {
  return html.match(/<title>([^<]*)<\/title>/)?.[1] ?? "";
}

/** The content of `<meta name|property="key" content="…">`, HTML entities left as they are. */
function metaOf(html: string, key: string): string | undefined {
  const re = new RegExp(`<meta (?:name|property)="${key}" content="([^"]*)"`);
  return html.match(re)?.[1];
}

Deno.test({ name: "page heads - titles, descriptions and share cards", ...opts }, async () => {
  await using app = await startTestApp({ ...FUZZ_ENV, SITE_URL: SITE });
  const w = await seedWorld(app, { publishMusician: true, tag: "hd", share: true });
  const { ids } = w;

  const pub: [string, string | null, string][] = [
    ["/", null, "Soundcheck: book musicians, find gigs"],
    [`/gigs/${ids.gigOpen}`, null, "hd"],
    [`/musicians/${ids.musician}`, null, "hd"],
    [`/dj/share/${ids.shareToken}`, null, ""],
    [`/gigs/external/${ids.externalGig}`, w.musician.token, "(external gig)"],
  ];
  for (const [path, token, inTitle] of pub) {
    const { status, text } = await getPage(app, token, path);
    assertEquals(status, 200, path);
    const title = titleOf(text);
    assert(title.includes(inTitle) && title !== "Soundcheck", `${path}: title "${title}"`);
    for (const key of ["og:title", "og:description", "og:type", "twitter:card", "description"]) {
      assert(metaOf(text, key), `${path}: ${key}`);
    }
    const url = metaOf(text, "og:url") ?? "";
    assertEquals(url, `${SITE}${path}`, `${path}: og:url absolute, from SITE_URL`);
  }
  const profile = await getPage(app, null, `/musicians/${ids.musician}`);
  assertEquals(metaOf(profile.text, "og:type"), "profile");
  assert(metaOf(profile.text, "og:description")?.includes("piano"), "the instruments");

  const pages: [string, string | null][] = [
    ["/signin", null],
    ["/signup", null],
    ["/gigs", null],
    ["/musicians", null],
    ["/dj", null],
    ["/matches", w.musician.token],
    ["/my/applications", w.musician.token],
    ["/my/gigs", w.client.token],
    [`/gigs/${ids.gigOpen}/applications`, w.client.token],
    ["/bookings", w.client.token],
    [`/bookings/${ids.booking}`, w.client.token],
    ["/messages", w.musician.token],
    ["/notifications", w.musician.token],
    ["/profile/musician", w.musician.token],
    ["/profile/client", w.client.token],
    ["/studio", w.musician.token],
    ["/artists", w.musician.token],
  ];
  const seen = new Map<string, string>();
  for (const [path, token] of pages) {
    const { status, text } = await getPage(app, token, path);
    assertEquals(status, 200, path);
    const title = titleOf(text);
    assert(/^.+ · Soundcheck$/.test(title), `${path}: its own title, got "${title}"`);
    assert(!seen.has(title), `${path} and ${seen.get(title)} share the title "${title}"`);
    seen.set(title, path);
    assert(metaOf(text, "description"), `${path}: a description`);
  }
});
