/**
 * The gig scout end to end on the embedded platform, feeds served from 127.0.0.1: one sweep reads
 * an iCalendar feed (time zone, weekly recurrence), a JSON-LD page, RSS, Atom and Eventbrite
 * (through a fake with a token, two pages), while a malformed, a huge and a slow feed, a path
 * robots.txt forbids and private addresses each fail their own source with a clear error; one
 * request per second to the host; the same event from two sources is one (the copy marked); the
 * second read is a 304; gigs show in search and on their page, marked external.
 */
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { drainJobs, startTestApp, type TestApp } from "../_helpers/app.ts";
import { adminPerson, apiCall, FUZZ_ENV, type Person } from "../_helpers/fuzz.ts";
import { feedServer, hugeFeed, sampleFeeds, sharedEvent, slowFeed } from "../_helpers/feeds.ts";
import type { SourceView } from "../../lib/domains/scout/sources.ts";
import type { ExternalGigView } from "../../lib/domains/scout/external.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

async function addSource(
  app: TestApp,
  who: Person,
  body: Record<string, unknown>,
): Promise<SourceView> {
  const { source } = await apiCall(app, who, "POST", "/api/scout/sources", body, 201);
  return source as SourceView;
}

async function sweep(app: TestApp): Promise<number> {
  const [{ n }] = await app.platform.db.asService((tx) =>
    tx.query<{ n: number }>("select private.enqueue_due_scout_sources() as n")
  );
  await drainJobs(app, 20);
  return n;
}

async function sourceOf(app: TestApp, who: Person, id: string) {
  return await apiCall(app, who, "GET", `/api/scout/sources/${id}`, undefined, 200) as {
    source: SourceView;
    runs: { status: string; http_status: number | null; items: number; error: string | null }[];
  };
}

Deno.test(
  "scout - one sweep: every kind read, bad feeds fail alone, polite, deduplicated",
  opts,
  async () => {
    const now = new Date();
    const feeds = sampleFeeds(now);
    await using srv = feedServer({
      "/robots.txt": {
        body: "User-agent: SoundcheckScout\nDisallow: /members/\n",
        type: "text/plain",
      },
      "/jam.ics": { body: feeds.ics, type: "text/calendar; charset=utf-8", etag: '"ics-1"' },
      "/listings.rss": { body: feeds.rss, type: "application/rss+xml" },
      "/agenda.atom": { body: feeds.atom, type: "application/atom+xml" },
      "/whats-on": { body: feeds.html, type: "text/html; charset=utf-8" },
      "/broken.rss": { body: "<rss><channel><item><title>unclosed", type: "application/rss+xml" },
      "/huge.rss": hugeFeed(400_000),
      "/slow.ics": slowFeed(4000),
      "/members/cal.ics": { body: feeds.ics, type: "text/calendar" },
    });
    const ebCalls: { auth: string | null; continuation: string | null }[] = [];
    await using eb = feedServer({
      "/v3/organizations/4242/events/": (req) => {
        const u = new URL(req.url);
        ebCalls.push({
          auth: req.headers.get("authorization"),
          continuation: u.searchParams.get("continuation"),
        });
        const page = u.searchParams.get("continuation") === "page-2-token" ? 1 : 0;
        return new Response(feeds.eventbrite[page], {
          headers: { "content-type": "application/json" },
        });
      },
    });
    await using app = await startTestApp({
      ...FUZZ_ENV,
      SCOUT_ALLOW_HOSTS: "127.0.0.1",
      SCOUT_FETCH_TIMEOUT_MS: "1500",
      SCOUT_MAX_FEED_BYTES: "100000",
      EVENTBRITE_API_URL: eb.url,
      EVENTBRITE_TOKEN: "eb-test-token",
    });
    const admin = await adminPerson(app, "ScoutAdmin");
    const add = (kind: string, name: string, path: string) =>
      addSource(app, admin, { kind, name, url: `${srv.url}${path}`, every_hours: 6 });
    const ics = await add("ical", "Hot Clube", "/jam.ics");
    const rss = await add("rss", "Lisbon listings", "/listings.rss");
    const atom = await add("atom", "Porto agenda", "/agenda.atom");
    const page = await add("jsonld", "Vortex", "/whats-on");
    const broken = await add("rss", "Broken feed", "/broken.rss");
    const huge = await add("rss", "Huge feed", "/huge.rss");
    const slow = await add("ical", "Slow calendar", "/slow.ics");
    const members = await add("ical", "Members only", "/members/cal.ics");
    const metadata = await addSource(app, admin, {
      kind: "rss",
      name: "Metadata",
      url: "http://169.254.169.254/latest/meta-data",
    });
    const lan = await addSource(app, admin, {
      kind: "ical",
      name: "LAN",
      url: "http://10.0.0.7/cal.ics",
    });
    const ebSource = await addSource(app, admin, {
      kind: "eventbrite",
      name: "Jazz Café on Eventbrite",
      org_id: "4242",
    });
    assertEquals(ics.is_public, true, "an admin's source is public");

    assertEquals(await sweep(app), 11, "every due source queued once");
    assertEquals(await sweep(app), 0, "nothing is due right after");

    const health = async (s: SourceView) => (await sourceOf(app, admin, s.id)).source;
    for (const ok of [ics, rss, atom, page, ebSource]) {
      const s = await health(ok);
      assertEquals(s.health, "ok", `${ok.name}: ${s.last_error}`);
      assert(s.items_found > 0, `${ok.name} found gigs`);
    }
    const failing: [SourceView, RegExp][] = [
      [broken, /^The feed's only item could not be read: item 1: no event date/],
      [huge, /larger than 98 KB/],
      [slow, /did not send the feed within 1\.5 s/],
      [members, /robots\.txt does not allow the scout to read \/members\/cal\.ics/],
      [metadata, /169\.254\.169\.254 is a link-local address .*only public servers/],
      [lan, /10\.0\.0\.7 is a private address/],
    ];
    for (const [s, why] of failing) {
      const got = await health(s);
      assertEquals(got.health, "failing", s.name);
      assertMatch(got.last_error ?? "", why, s.name);
      assertEquals(got.consecutive_failures, 1);
      assert(
        new Date(got.next_run_at!).getTime() > Date.now() + 11 * 3600_000,
        "a failure backs off",
      );
    }
    assertEquals(srv.hitsOf("/members/cal.ics").length, 0, "robots.txt was obeyed");
    assertEquals(srv.hitsOf("/robots.txt").length, 1, "robots.txt read once for the host");

    // One request per second to the host, whatever ran at once. The pacer books slots 1 s apart;
    // arrival times here carry the timers' and the loopback's jitter on a loaded machine.
    const times = srv.hits.map((h) => h.at).sort((a, b) => a - b);
    for (let i = 1; i < times.length; i++) {
      assert(
        times[i] - times[i - 1] >= 950,
        `requests to one host ${times[i] - times[i - 1]} ms apart`,
      );
    }
    assertEquals(
      srv.hits[0].headers.get("user-agent")?.startsWith("SoundcheckScout/1.0 (+http"),
      true,
    );

    // Eventbrite: the token, both pages.
    assertEquals(ebCalls.map((c) => c.auth), ["Bearer eb-test-token", "Bearer eb-test-token"]);
    assertEquals(ebCalls.map((c) => c.continuation), [null, "page-2-token"]);

    // What was found, as a visitor sees it.
    const anon = async (q: string) => {
      const res = await app.fetch(`/api/scout/external-gigs${q}`);
      assertEquals(res.status, 200);
      return (await res.json()) as { gigs: ExternalGigView[]; nextCursor: string | null };
    };
    const { gigs } = await anon("?limit=50");
    const titles = gigs.map((g) => g.title);
    for (
      const t of [
        "Fado night with guitar trio",
        "Funk and soul night",
        "Late-night blues jam",
        "Soul revue",
        "Big band Sunday",
      ]
    ) assert(titles.includes(t), `${t} is listed (${titles.join("; ")})`);
    const jams = gigs.filter((g) => g.title === "Thursday jazz jam session");
    assertEquals(jams.length, 4, "the weekly recurrence is expanded");
    assertEquals(jams[0].timezone, "Europe/Lisbon");
    const lisbonHour = new Date(jams[0].starts_at).toLocaleString("en-GB", {
      timeZone: "Europe/Lisbon",
      hour: "2-digit",
      minute: "2-digit",
    });
    assertEquals(lisbonHour, "21:30", "21:30 Lisbon time, whatever the offset");
    const fado = gigs.find((g) => g.title === "Fado night with guitar trio")!;
    assertEquals([fado.fee_minor, fado.currency], [15000, "EUR"]);

    // The same quartet from the calendar and the listings: one canonical, the copy hidden.
    const shared = sharedEvent(now);
    const quartets = (await anon("?duplicates=show&q=quartet")).gigs;
    assertEquals(quartets.length, 2, "both copies are kept");
    assertEquals(quartets.filter((g) => g.duplicate_of === null).length, 1, "one is canonical");
    assertEquals(quartets[0].starts_at, shared.start.toISOString());
    assertEquals((await anon("?q=quartet")).gigs.length, 1, "search shows it once");
    const rssRuns = (await sourceOf(app, admin, rss.id)).runs;
    const icsRuns = (await sourceOf(app, admin, ics.id)).runs;
    assertEquals(
      rssRuns[0].status === "ok" && icsRuns[0].status === "ok",
      true,
      "both sources read fine",
    );

    // Keyset paging walks everything once.
    let seen = 0;
    let cursor: string | null = null;
    do {
      const pageOf: { gigs: ExternalGigView[]; nextCursor: string | null } = await anon(
        `?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      seen += pageOf.gigs.length;
      cursor = pageOf.nextCursor;
    } while (cursor);
    assertEquals(seen, gigs.length);

    // The second read of the calendar sends its ETag: 304, unchanged.
    await apiCall(app, admin, "POST", `/api/scout/sources/${ics.id}/run`, undefined, 202);
    await drainJobs(app, 10);
    const again = await sourceOf(app, admin, ics.id);
    assertEquals(again.runs[0].status, "unchanged");
    assertEquals(again.runs[0].http_status, 304);
    assertEquals(again.source.health, "ok");
    assertEquals(srv.hitsOf("/jam.ics").at(-1)?.headers.get("if-none-match"), '"ics-1"');

    // Pages: the search marks them, the page links out safely.
    const search = await (await app.fetch("/gigs?q=fado")).text();
    assertMatch(search, /data-testid="external-section"/);
    assertMatch(search, /External/);
    const detail = await app.fetch(`/gigs/external/${fado.id}`);
    assertEquals(detail.status, 200);
    const html = await detail.text();
    assertMatch(html, /data-testid="external-badge"/);
    assertMatch(html, /Lisbon listings/);
    assertMatch(html, /href="https:\/\/listings\.test\/fado" rel="noopener noreferrer nofollow"/);
    assertMatch(html, /Apply on listings\.test/);
  },
);
