/**
 * The scout's fetcher against loopback servers: private addresses refused without a request,
 * at the first hop and after a redirect; conditional requests (304 on the second read); robots.txt
 * (disallow, 5xx = later, 4xx = allowed); one request per second per host; size, time and
 * content-type limits, each a sentence for the source's owner; the parsers' realistic fixtures
 * read through it.
 */
import { assert, assertEquals, assertMatch, assertRejects } from "../_helpers/assert.ts";
import { createFeedFetcher, FeedError } from "../../lib/ports/feeds/mod.ts";
import { feedServer, hugeFeed, scoutFixture, slowFeed } from "../_helpers/feeds.ts";
import { readSource } from "../../lib/domains/scout/source_job.ts";
import type { SourceKind } from "../../lib/domains/scout/types.ts";
import type { AiPort } from "../../lib/ports/ai/mod.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };
const ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n";
const UA = "SoundcheckScout/1.0 (+http://127.0.0.1/; gig scout)";

function fetcher(extra: Partial<Parameters<typeof createFeedFetcher>[0]> = {}) {
  return createFeedFetcher({
    userAgent: UA,
    allowHosts: ["127.0.0.1"],
    hostIntervalMs: 0,
    ...extra,
  });
}

async function refusal(p: Promise<unknown>): Promise<FeedError> {
  const err = await assertRejects(() => p);
  assert(err instanceof FeedError, `a FeedError, not ${err}`);
  return err;
}

Deno.test("scout fetch - private addresses are refused before any request", opts, async () => {
  await using srv = feedServer({ "/cal.ics": { body: ICS, type: "text/calendar" } });
  const strict = createFeedFetcher({ userAgent: UA, hostIntervalMs: 0 });
  const loop = await refusal(strict.fetch({ url: `${srv.url}/cal.ics` }));
  assertMatch(loop.message, /127\.0\.0\.1 is a loopback address .*only public servers/);
  assertEquals(srv.hits.length, 0, "no request reached the server");
  for (
    const [url, why] of [
      ["http://10.0.0.7/feed", /private address/],
      ["http://169.254.169.254/latest/meta-data", /link-local/],
      ["http://[::1]:9/feed", /loopback/],
      ["http://[::ffff:192.168.0.1]/feed", /private address/],
      ["http://100.100.1.1/feed", /CGNAT/],
    ] as const
  ) {
    assertMatch((await refusal(strict.fetch({ url }))).message, why, url);
  }
  // A name that resolves to a private address is refused the same way.
  const named = createFeedFetcher({
    userAgent: UA,
    hostIntervalMs: 0,
    resolve: () => Promise.resolve(["93.184.216.34", "10.0.0.1"]),
  });
  assertMatch(
    (await refusal(named.fetch({ url: "http://events.example/feed" }))).message,
    /events\.example is a private address \(10\.0\.0\.1\)/,
  );
  assertMatch(
    (await refusal(strict.fetch({ url: "file:///etc/passwd" }))).message,
    /http and https/,
  );
});

Deno.test(
  "scout fetch - a redirect to a private address is refused at that hop",
  opts,
  async () => {
    await using srv = feedServer({
      "/moved": () =>
        new Response(null, { status: 302, headers: { location: "http://10.1.1.1/x" } }),
      "/loop": () => new Response(null, { status: 301, headers: { location: "/loop" } }),
      "/ok": () => new Response(null, { status: 307, headers: { location: "/cal.ics" } }),
      "/cal.ics": { body: ICS, type: "text/calendar" },
    });
    const f = fetcher();
    assertMatch(
      (await refusal(f.fetch({ url: `${srv.url}/moved` }))).message,
      /10\.1\.1\.1 is a private/,
    );
    assertMatch(
      (await refusal(f.fetch({ url: `${srv.url}/loop` }))).message,
      /More than 5 redirects/,
    );
    const got = await f.fetch({ url: `${srv.url}/ok` });
    assert(got.status === "ok");
    assertEquals(got.body, ICS);
    assertEquals(got.url, `${srv.url}/cal.ics`);
  },
);

Deno.test("scout fetch - the second read with the ETag is a 304: unchanged", opts, async () => {
  await using srv = feedServer({
    "/cal.ics": { body: ICS, type: "text/calendar", etag: '"v1"' },
    "/lm.ics": { body: ICS, type: "text/calendar", lastModified: "Tue, 01 Dec 2026 10:00:00 GMT" },
  });
  const f = fetcher();
  const first = await f.fetch({ url: `${srv.url}/cal.ics` });
  assert(first.status === "ok");
  assertEquals(first.etag, '"v1"');
  const second = await f.fetch({ url: `${srv.url}/cal.ics`, etag: first.etag });
  assertEquals(second.status, "unchanged");
  assertEquals(srv.hitsOf("/cal.ics")[1].headers.get("if-none-match"), '"v1"');
  assertEquals(srv.hitsOf("/cal.ics")[0].headers.get("user-agent"), UA);
  const lm = await f.fetch({ url: `${srv.url}/lm.ics` });
  assert(lm.status === "ok");
  const again = await f.fetch({ url: `${srv.url}/lm.ics`, lastModified: lm.lastModified });
  assertEquals(again.status, "unchanged");
});

Deno.test(
  "scout fetch - robots.txt: disallowed paths are not read, 5xx means later",
  opts,
  async () => {
    await using srv = feedServer({
      "/robots.txt": {
        body: "User-agent: *\nDisallow: /\n\nUser-agent: SoundcheckScout\nDisallow: /private/\n",
        type: "text/plain",
      },
      "/private/cal.ics": { body: ICS, type: "text/calendar" },
      "/public/cal.ics": { body: ICS, type: "text/calendar" },
    });
    const f = fetcher();
    const no = await refusal(f.fetch({ url: `${srv.url}/private/cal.ics` }));
    assertMatch(no.message, /robots\.txt does not allow the scout to read \/private\/cal\.ics/);
    assertEquals(srv.hitsOf("/private/cal.ics").length, 0);
    assertEquals((await f.fetch({ url: `${srv.url}/public/cal.ics` })).status, "ok");
    assertEquals(srv.hitsOf("/robots.txt").length, 1, "robots.txt is cached per host");

    srv.routes.set("/robots.txt", () => new Response("busy", { status: 503 }));
    const later = await refusal(fetcher().fetch({ url: `${srv.url}/public/cal.ics` }));
    assertMatch(later.message, /robots\.txt answered 503: trying again later/);
    assertEquals(later.later, true);
  },
);

Deno.test("scout fetch - one request per second per host", opts, async () => {
  await using srv = feedServer({ "/a.ics": { body: ICS, type: "text/calendar" } });
  const f = createFeedFetcher({ userAgent: UA, allowHosts: ["127.0.0.1"] });
  await Promise.all([1, 2, 3].map(() => f.fetch({ url: `${srv.url}/a.ics` })));
  const times = srv.hits.map((h) => h.at).sort((a, b) => a - b);
  assertEquals(times.length, 4, "robots.txt and three reads");
  for (let i = 1; i < times.length; i++) {
    assert(times[i] - times[i - 1] >= 990, `requests ${times[i] - times[i - 1]} ms apart`);
  }
});

Deno.test("scout fetch - size, time and content-type limits are clear errors", opts, async () => {
  await using srv = feedServer({
    "/huge.xml": hugeFeed(300_000),
    "/declared.xml": () =>
      new Response("x".repeat(300_000), { headers: { "content-type": "application/xml" } }),
    "/slow.ics": slowFeed(3000),
    "/picture": () =>
      new Response(new Uint8Array(10), { headers: { "content-type": "image/png" } }),
    "/gone": () => new Response("no", { status: 410, statusText: "Gone" }),
  });
  const f = fetcher({ maxBytes: 100_000, timeoutMs: 500 });
  assertMatch(
    (await refusal(f.fetch({ url: `${srv.url}/huge.xml` }))).message,
    /larger than 98 KB/,
  );
  assertMatch((await refusal(f.fetch({ url: `${srv.url}/declared.xml` }))).message, /larger than/);
  const t0 = Date.now();
  const slow = await refusal(f.fetch({ url: `${srv.url}/slow.ics` }));
  assertMatch(slow.message, /did not send the feed within 0\.5 s/);
  assert(Date.now() - t0 < 2500, "the time limit holds");
  assertMatch(
    (await refusal(f.fetch({ url: `${srv.url}/picture` }))).message,
    /image\/png, not a feed/,
  );
  const gone = await refusal(f.fetch({ url: `${srv.url}/gone` }));
  assertEquals(gone.message, "The server answered 410 Gone");
  assertEquals(gone.httpStatus, 410);
});

Deno.test(
  "scout fetch - the realistic fixtures read through the fetcher, kind by kind",
  opts,
  async () => {
    const files: [SourceKind, string, string][] = [
      ["ical", "hotclube.ics", "text/calendar"],
      ["jsonld", "vortex_listings.html", "text/html"],
      ["rss", "jazzcafe_events.rss", "application/rss+xml"],
      ["atom", "bandsintown_like.atom", "application/atom+xml"],
    ];
    const routes: Record<string, { body: string; type: string }> = {};
    for (const [, name, type] of files) {
      const body = await scoutFixture(name);
      if (body === null) return; // the parsers' fixtures are not there (yet)
      routes[`/${name}`] = { body, type };
    }
    await using srv = feedServer(routes);
    // The fixtures are dated from December 2026: read them as of its first day.
    const now = () => new Date("2026-12-01T00:00:00Z");
    const deps = {
      fetcher: fetcher(),
      ai: {} as AiPort,
      eventbrite: { apiUrl: "", token: "" },
      now,
    };
    for (const [kind, name] of files) {
      const out = await readSource(deps, {
        id: crypto.randomUUID(),
        owner_id: crypto.randomUUID(),
        is_public: true,
        kind,
        url: `${srv.url}/${name}`,
        org_id: null,
        timezone: "UTC",
        enabled: true,
        etag: null,
        last_modified: null,
      });
      assert(out.status === "ok", `${name}: ${out.status === "failed" ? out.error : out.status}`);
      assert(out.result.events.length > 0, `${name} has events`);
    }
  },
);
