/**
 * A loopback server standing in for other people's event listings: each path answers a fixed
 * body (with ETag / Last-Modified and 304 handling), or a handler (slow, huge, redirects…).
 * Records every request with its time, for the pacing and robots.txt tests.
 */

export interface FeedHit {
  path: string;
  at: number;
  headers: Headers;
}

export interface StaticFeed {
  body: string;
  type: string;
  etag?: string;
  lastModified?: string;
  status?: number;
}

export type FeedRoute = StaticFeed | ((req: Request) => Response | Promise<Response>);

export interface FeedServer extends AsyncDisposable {
  url: string;
  hits: FeedHit[];
  /** Requests to `path`. */
  hitsOf(path: string): FeedHit[];
  routes: Map<string, FeedRoute>;
}

function answer(req: Request, f: StaticFeed): Response {
  const headers: Record<string, string> = { "content-type": f.type };
  if (f.etag) headers.etag = f.etag;
  if (f.lastModified) headers["last-modified"] = f.lastModified;
  const inm = req.headers.get("if-none-match");
  if (f.etag && inm === f.etag) return new Response(null, { status: 304, headers });
  const ims = req.headers.get("if-modified-since");
  if (!f.etag && f.lastModified && ims === f.lastModified) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(f.body, { status: f.status ?? 200, headers });
}

/** Paths not in `routes` answer 404 (robots.txt included: everything allowed). */
export function feedServer(routes: Record<string, FeedRoute>): FeedServer {
  const hits: FeedHit[] = [];
  const table = new Map(Object.entries(routes));
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    const url = new URL(req.url);
    hits.push({ path: url.pathname + url.search, at: Date.now(), headers: req.headers });
    const route = table.get(url.pathname);
    if (!route) return new Response("not found", { status: 404 });
    return typeof route === "function" ? route(req) : answer(req, route);
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    hits,
    hitsOf: (path) => hits.filter((h) => h.path.split("?")[0] === path),
    routes: table,
    [Symbol.asyncDispose]: () => server.shutdown(),
  };
}

/** Answers after `ms` (a feed slower than the time limit). */
export function slowFeed(ms: number, body = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"): FeedRoute {
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return new Response(body, { headers: { "content-type": "text/calendar" } });
  };
}

/** A body of `bytes` streamed without a Content-Length (the limit must hold while streaming). */
export function hugeFeed(bytes: number, type = "application/rss+xml"): FeedRoute {
  return () => {
    let sent = 0;
    const chunk = new TextEncoder().encode(`<item><title>x</title></item>`.repeat(2000));
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= bytes) return controller.close();
        controller.enqueue(chunk);
        sent += chunk.byteLength;
      },
    });
    return new Response(stream, { headers: { "content-type": type } });
  };
}

/** Reads a fixture under tests/fixtures/scout/ (H1's realistic feeds), or null when absent. */
export async function scoutFixture(name: string): Promise<string | null> {
  try {
    return await Deno.readTextFile(new URL(`../fixtures/scout/${name}`, import.meta.url));
  } catch {
    return null;
  }
}

// sample feeds, dated from now ----------------------------------------------------------------------

const DAY = 86_400_000;

/** Midnight UTC `days` from now. */
function dayFrom(now: Date, days: number): Date {
  const d = new Date(now.getTime() + days * DAY);
  d.setUTCHours(0, 0, 0, 0);
  return d;
}
const ymd = (d: Date) => d.toISOString().slice(0, 10);
const icalDay = (d: Date) => ymd(d).replaceAll("-", "");

/** The same event told by two sources: a quartet at the Blue Door in Lisbon, 10 days out, 20:00Z. */
export function sharedEvent(now: Date) {
  const start = new Date(dayFrom(now, 10).getTime() + 20 * 3600_000);
  return { start, title: "Maria João Quartet live", venue: "Blue Door", city: "Lisbon" };
}

/** One feed of every kind, each with gigs in the coming weeks (real-looking, minimal). */
export function sampleFeeds(now: Date) {
  const shared = sharedEvent(now);
  const jam = dayFrom(now, 7);
  const ics = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Soundcheck tests//EN",
    "BEGIN:VEVENT",
    "UID:weekly-jam@hotclube.test",
    `DTSTART;TZID=Europe/Lisbon:${icalDay(jam)}T213000`,
    `DTEND;TZID=Europe/Lisbon:${icalDay(jam)}T233000`,
    "RRULE:FREQ=WEEKLY;COUNT=4",
    "SUMMARY:Thursday jazz jam session",
    "LOCATION:Hot Clube de Portugal\\, Lisbon\\, Portugal",
    "URL:https://hotclube.test/jam",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:quartet@hotclube.test",
    `DTSTART:${icalDay(shared.start)}T200000Z`,
    `SUMMARY:${shared.title}`,
    `LOCATION:${shared.venue}\\, ${shared.city}`,
    "URL:https://hotclube.test/quartet",
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].join("\r\n");
  const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:ev="http://purl.org/rss/1.0/modules/event/">
  <channel>
    <title>Lisbon listings</title>
    <item>
      <title>Maria Joao Quartet - live!</title>
      <link>https://listings.test/quartet</link>
      <guid>listings-quartet</guid>
      <description>Contemporary jazz quartet.</description>
      <ev:startdate>${shared.start.toISOString()}</ev:startdate>
      <ev:location>${shared.venue}, ${shared.city}</ev:location>
    </item>
    <item>
      <title>Fado night with guitar trio</title>
      <link>https://listings.test/fado</link>
      <guid>listings-fado</guid>
      <description>Traditional fado. Fee: €150 per musician.</description>
      <ev:startdate>${ymd(dayFrom(now, 12))}T21:00:00+00:00</ev:startdate>
      <ev:location>Tasca do Chico, Lisbon</ev:location>
    </item>
  </channel>
</rss>
`;
  const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:xCal="urn:ietf:params:xml:ns:xcal">
  <title>Porto agenda</title>
  <id>urn:test:porto</id>
  <updated>${now.toISOString()}</updated>
  <entry>
    <title>Funk and soul night</title>
    <id>tag:porto.test,2026:1</id>
    <link href="https://porto.test/agenda/1"/>
    <updated>${now.toISOString()}</updated>
    <summary>House band plays funk and soul.</summary>
    <xCal:dtstart>${icalDay(dayFrom(now, 14))}T220000Z</xCal:dtstart>
    <xCal:location>Maus Hábitos, Porto, Portugal</xCal:location>
  </entry>
</feed>
`;
  const html = `<!doctype html><html><head><title>Vortex</title>
<script type="application/ld+json">${
    JSON.stringify({
      "@context": "https://schema.org",
      "@graph": [{
        "@type": "MusicEvent",
        "@id": "https://vortex.test/e/1",
        name: "Late-night blues jam",
        startDate: `${ymd(dayFrom(now, 9))}T22:00:00+00:00`,
        url: "https://vortex.test/e/1",
        location: {
          "@type": "Place",
          name: "Vortex Jazz Club",
          address: { "@type": "PostalAddress", addressLocality: "London", addressCountry: "GB" },
          geo: { "@type": "GeoCoordinates", latitude: 51.549, longitude: -0.075 },
        },
      }],
    })
  }</script></head><body><h1>What's on</h1></body></html>`;
  const csv = [
    "title,date,time,timezone,venue,city,country,fee,currency,url",
    `Wedding reception band,${
      ymd(dayFrom(now, 20))
    },19:30,Europe/London,The Old Barn,Cambridge,GB,650,GBP,https://example.org/gigs/1`,
    `Hotel bar jazz trio,${
      ymd(dayFrom(now, 21))
    },20:00,Europe/Lisbon,Hotel Avenida,Lisbon,PT,300,EUR,https://example.org/gigs/2`,
    "Missing date gig,,20:00,,Somewhere,Lisbon,PT,,,",
    "",
  ].join("\n");
  const ebEvent = (id: string, name: string, days: number) => ({
    id,
    name: { text: name },
    description: { text: `${name}: live music.` },
    url: `https://www.eventbrite.test/e/${id}`,
    start: {
      timezone: "Europe/London",
      utc: `${ymd(dayFrom(now, days))}T19:00:00Z`,
      local: `${ymd(dayFrom(now, days))}T19:00:00`,
    },
    end: { timezone: "Europe/London", utc: `${ymd(dayFrom(now, days))}T22:00:00Z` },
    status: "live",
    venue: {
      name: "Jazz Café",
      address: { city: "London", country: "GB", latitude: "51.539", longitude: "-0.143" },
    },
  });
  const eventbrite = [
    JSON.stringify({
      pagination: { has_more_items: true, continuation: "page-2-token" },
      events: [ebEvent("1001", "Soul revue", 15)],
    }),
    JSON.stringify({
      pagination: { has_more_items: false },
      events: [ebEvent("1002", "Big band Sunday", 16)],
    }),
  ];
  return { ics, rss, atom, html, csv, eventbrite };
}
