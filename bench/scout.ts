/**
 * The gig scout's parsing and deduplication (issue 17), in the format of ../shared/BENCH.md, in
 * this process (pure code: no database, no network). Inputs are generated, deterministic and
 * built before the clock starts.
 *
 * - `scout.parse.items_per_s`: a mixed day of sources through `parseFeed`: one iCalendar feed
 *   (300 single events in three zones, 30 weekly recurrences with EXDATEs and RECURRENCE-ID
 *   overrides, expanded over the 180-day window), 40 venue pages with 25 JSON-LD events each,
 *   4 RSS feeds (ev: module and dates in titles) and 4 Atom feeds (xCal) of 250 items, two CSV
 *   uploads of 2,000 rows, and 20 Eventbrite pages of 50 events. Items = drafts plus item
 *   errors; per run, items divided by the wall time of parsing everything once.
 * - `scout.dedupe.ms`: `dedupe` over 50,000 items: 36,000 events at 400 venues in 40 cities
 *   over 180 days (evenings), and 14,000 copies of some of them as another source tells them
 *   (title case, "(live)" or "& guests" added, words reordered, up to 90 min off, "The" added
 *   to the venue). Per run, the wall time; a run that finds under 90% of the copies fails.
 *
 * Value: the median over `BENCH_RUNS` [5] runs. `deno run -A bench/scout.ts` runs it alone and
 * merges into bench/results.json.
 *
 * @module
 */
import { parseFeed } from "../lib/domains/scout/parse/mod.ts";
import { dedupe, type DedupeItem } from "../lib/domains/scout/dedupe.ts";
import type { SourceKind } from "../lib/domains/scout/types.ts";
import { type Result, summarise, writeResults } from "./results.ts";

const num = (name: string, fallback: number) => Number(Deno.env.get(name) ?? fallback);

export const SCOUT_METRICS = ["scout.parse.items_per_s", "scout.dedupe.ms"];
export const SCOUT_TARGETS: [string, "≥" | "≤", number][] = [
  ["scout.parse.items_per_s", "≥", 5000],
  ["scout.dedupe.ms", "≤", 2000],
];

const NOW = new Date("2026-12-05T12:00:00Z");
const DAY = 86_400_000;

/** A small deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACTS = [
  "Nubya Garcia Quartet",
  "Orquestra Jazz de Matosinhos",
  "The Folk Session Band",
  "Salsa Caliente",
  "Blues Brothers Tribute",
  "Funk Syndicate",
  "Trio Azul",
  "Big Band Night",
  "Fado ao Vivo",
  "Techno Basement",
  "Reggae Roots Collective",
  "Samba de Roda",
];
const VENUES = ["Hot Clube", "Vortex Jazz Club", "Café Oto", "Musicbox", "B.Leza", "Ronnie's"];
const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const icalDay = (t: number) => new Date(t).toISOString().slice(0, 10).replaceAll("-", "");
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

function icalFeed(r: () => number): string {
  const zones = ["Europe/Lisbon", "America/New_York", "Europe/Berlin"];
  const out = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//EN"];
  for (let i = 0; i < 300; i++) {
    const t = NOW.getTime() + Math.floor(r() * 170) * DAY;
    out.push(
      "BEGIN:VEVENT",
      `UID:single-${i}@bench`,
      `DTSTART;TZID=${zones[i % 3]}:${icalDay(t)}T${pad(19 + (i % 4))}3000`,
      "DURATION:PT2H",
      `SUMMARY:${ACTS[i % ACTS.length]} — night ${i}`,
      `DESCRIPTION:Two sets.\\nFee: €${100 + (i % 10) * 25} per musician.`,
      `LOCATION:${VENUES[i % VENUES.length]}\\, Rua ${i}\\, Lisboa\\, Portugal`,
      "END:VEVENT",
    );
  }
  for (let i = 0; i < 30; i++) {
    const first = NOW.getTime() + (i % 7) * DAY;
    out.push(
      "BEGIN:VEVENT",
      `UID:weekly-${i}@bench`,
      `DTSTART;TZID=${zones[i % 3]}:${icalDay(first)}T213000`,
      "RRULE:FREQ=WEEKLY;INTERVAL=1",
      `EXDATE;TZID=${zones[i % 3]}:${icalDay(first + 14 * DAY)}T213000`,
      `SUMMARY:Weekly jam ${i}`,
      `LOCATION:${VENUES[i % VENUES.length]}`,
      "END:VEVENT",
      "BEGIN:VEVENT",
      `UID:weekly-${i}@bench`,
      `RECURRENCE-ID;TZID=${zones[i % 3]}:${icalDay(first + 21 * DAY)}T213000`,
      `DTSTART;TZID=${zones[i % 3]}:${icalDay(first + 21 * DAY)}T223000`,
      `SUMMARY:Weekly jam ${i} (late start)`,
      "END:VEVENT",
    );
  }
  out.push("END:VCALENDAR");
  return out.join("\r\n");
}

function jsonLdPage(r: () => number, p: number): string {
  const graph = Array.from({ length: 25 }, (_, i) => ({
    "@type": "MusicEvent",
    "@id": `https://venue${p}.example/e/${i}`,
    name: `${ACTS[(p + i) % ACTS.length]} &amp; guests`,
    description: `<p>An evening of music.</p><p>Tickets £${10 + i}.</p>`,
    startDate: `${isoDay(NOW.getTime() + Math.floor(r() * 170) * DAY)}T20:00:00+00:00`,
    location: { "@id": "#venue" },
    url: `/e/${i}`,
  }));
  graph.push({
    "@type": "Place",
    "@id": "#venue",
    name: `Venue ${p}`,
    address: { addressLocality: "London", addressCountry: "GB" },
    geo: { latitude: 51.5, longitude: -0.1 },
  } as never);
  return `<!doctype html><html><head><title>Venue ${p}</title>
<script type="application/ld+json">${
    JSON.stringify({ "@context": "https://schema.org", "@graph": graph })
  }</script>
</head><body>${"<p>Listings and news.</p>".repeat(40)}</body></html>`;
}

function rssFeed(r: () => number, f: number): string {
  const items = Array.from({ length: 250 }, (_, i) => {
    const day = NOW.getTime() + Math.floor(r() * 170) * DAY;
    const when = i % 3 === 0
      ? ""
      : `<ev:startdate>${
        isoDay(day)
      }T21:00:00Z</ev:startdate><ev:location>Club ${f}, London, UK</ev:location>`;
    const title = i % 3 === 0
      ? `${ACTS[i % ACTS.length]}, ${new Date(day).toUTCString().slice(5, 16)}, 8pm`
      : `${ACTS[i % ACTS.length]} live`;
    return `<item><title>${title}</title><link>https://club${f}.example/${i}</link><guid>r${f}-${i}</guid><pubDate>Mon, 16 Nov 2026 09:00:00 +0000</pubDate><description><![CDATA[<p>Pays £${
      150 + i
    } per set.</p>]]></description>${when}</item>`;
  });
  return `<?xml version="1.0"?><rss version="2.0" xmlns:ev="http://purl.org/rss/1.0/modules/event/"><channel><title>Club ${f}</title>${
    items.join("\n")
  }</channel></rss>`;
}

function atomFeed(r: () => number, f: number): string {
  const entries = Array.from(
    { length: 250 },
    (_, i) =>
      `<entry><title type="html">${
        ACTS[i % ACTS.length]
      } &lt;b&gt;ao vivo&lt;/b&gt;</title><id>tag:a${f},2026:${i}</id><link href="https://a${f}.example/${i}" rel="alternate"/><updated>2026-11-30T10:00:00Z</updated><summary>Concerto.</summary><xCal:dtstart>${
        icalDay(NOW.getTime() + Math.floor(r() * 170) * DAY)
      }T213000Z</xCal:dtstart><xCal:location>Sala ${f}, Porto, Portugal</xCal:location></entry>`,
  );
  return `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:xCal="urn:ietf:params:xml:ns:xcal"><title>A${f}</title>${
    entries.join("\n")
  }</feed>`;
}

function csvUpload(r: () => number, u: number): string {
  const rows = ["Event,Date,Time,Timezone,Venue,City,Country,Fee,Currency,Link,Genres"];
  for (let i = 0; i < 2000; i++) {
    const t = NOW.getTime() + Math.floor(r() * 170) * DAY;
    const d = new Date(t);
    const date = i % 2
      ? isoDay(t)
      : `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
    rows.push(
      `"${ACTS[i % ACTS.length]}, set ${i}",${date},${
        i % 2 ? "20:30" : "9pm"
      },Europe/London,Venue ${u}-${i % 30},Leeds,UK,${
        200 + i % 100
      },GBP,https://u${u}.example/${i},"jazz, soul"`,
    );
  }
  return rows.join("\n");
}

function eventbritePage(r: () => number, p: number): string {
  const events = Array.from({ length: 50 }, (_, i) => {
    const t = NOW.getTime() + Math.floor(r() * 170) * DAY + 2 * 3_600_000;
    return {
      id: `${p}${pad(i, 3)}`,
      name: { text: `${ACTS[i % ACTS.length]} — Brooklyn` },
      description: { text: "Monthly night. House band pays $150 per musician." },
      url: `https://www.eventbrite.com/e/${p}${i}`,
      start: { timezone: "America/New_York", utc: new Date(t).toISOString().slice(0, 19) + "Z" },
      end: {
        timezone: "America/New_York",
        utc: new Date(t + 3 * 3_600_000).toISOString().slice(0, 19) + "Z",
      },
      status: i % 17 === 0 ? "canceled" : "live",
      venue: {
        name: "Brooklyn Bowl",
        address: { city: "Brooklyn", country: "US", latitude: "40.72", longitude: "-73.95" },
      },
    };
  });
  return JSON.stringify({ pagination: { has_more_items: p < 19, continuation: `c${p}` }, events });
}

function corpus(): [SourceKind, string][] {
  const r = rng(17);
  const out: [SourceKind, string][] = [["ical", icalFeed(r)]];
  for (let p = 0; p < 40; p++) out.push(["jsonld", jsonLdPage(r, p)]);
  for (let f = 0; f < 4; f++) out.push(["rss", rssFeed(r, f)], ["atom", atomFeed(r, f)]);
  for (let u = 0; u < 2; u++) out.push(["csv", csvUpload(r, u)]);
  for (let p = 0; p < 20; p++) out.push(["eventbrite", eventbritePage(r, p)]);
  return out;
}

function parseOnce(bodies: [SourceKind, string][]): { items: number; events: number } {
  let items = 0, events = 0;
  for (const [kind, body] of bodies) {
    const res = parseFeed(kind, body, { now: NOW, defaultTimezone: "Europe/London" });
    items += res.events.length + res.errors.length;
    events += res.events.length;
  }
  return { items, events };
}

/** 50,000 items with `copies` known duplicates, shuffled. */
export function dedupeCorpus(): { items: DedupeItem[]; copies: number } {
  const r = rng(42);
  const cities = Array.from({ length: 40 }, (_, i) => `City ${i}`);
  const base: DedupeItem[] = [];
  for (let i = 0; i < 36_000; i++) {
    const v = Math.floor(r() * 400);
    const at = NOW.getTime() + Math.floor(r() * 180) * DAY + (18 + Math.floor(r() * 5)) * 3_600_000;
    base.push({
      id: `e${i}`,
      title: `${ACTS[Math.floor(r() * ACTS.length)]} ${["with", "and", "plays"][i % 3]} ${
        ["Ana", "Rui", "Mia", "Joe", "Lea", "Tom", "Eva", "Max"][Math.floor(r() * 8)]
      } ${i % 997}`,
      starts_at: new Date(at).toISOString(),
      venue_name: `Venue ${v} ${["Club", "Bar", "Hall", "Room"][v % 4]}`,
      city: cities[v % 40],
    });
  }
  const copies: DedupeItem[] = [];
  for (let i = 0; i < 14_000; i++) {
    const src = base[Math.floor(r() * base.length)];
    const words = src.title.split(" ");
    const variants = [
      src.title.toUpperCase(),
      `${src.title} (live)`,
      `${src.title} & guests`,
      [...words.slice(-2), ...words.slice(0, -2)].join(" "),
    ];
    copies.push({
      id: `c${i}`,
      title: variants[i % variants.length],
      starts_at: new Date(Date.parse(src.starts_at as string) + Math.floor(r() * 90) * 60_000)
        .toISOString(),
      venue_name: i % 2 ? `The ${src.venue_name}` : src.venue_name,
      city: src.city,
    });
  }
  const items = [...base, ...copies];
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return { items, copies: copies.length };
}

export function scoutBench(opts: { runs?: number; log?: (line: string) => void } = {}): Result[] {
  const runs = opts.runs ?? num("BENCH_RUNS", 5);
  const log = opts.log ?? console.log;
  const bodies = corpus();
  const bytes = bodies.reduce((n, [, b]) => n + b.length, 0);
  parseOnce(bodies); // warm-up: JIT, Intl formatters, zod
  const rates: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const t0 = performance.now();
    const { items, events } = parseOnce(bodies);
    const s = (performance.now() - t0) / 1000;
    rates.push(items / s);
    log(
      `run ${run}  parse  ${items} items (${events} events) from ${bodies.length} bodies, ${
        (bytes / 1e6).toFixed(1)
      } MB, in ${(s * 1000).toFixed(0)} ms: ${(items / s).toFixed(0)} items/s`,
    );
  }
  const { items, copies } = dedupeCorpus();
  dedupe(items.slice(0, 5000)); // warm-up
  const times: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const t0 = performance.now();
    const found = dedupe(items);
    const ms = performance.now() - t0;
    times.push(ms);
    log(
      `run ${run}  dedupe ${items.length} items: ${found.size} duplicates (${copies} planted) in ${
        ms.toFixed(0)
      } ms`,
    );
    if (found.size < copies * 0.9) {
      throw new Error(`scout bench: dedupe found ${found.size} of ${copies}`);
    }
  }
  return [
    summarise("scout.parse.items_per_s", "items/s", rates),
    summarise("scout.dedupe.ms", "ms", times),
  ];
}

if (import.meta.main) {
  const results = scoutBench();
  await writeResults(results);
  for (const r of results) {
    const target = SCOUT_TARGETS.find(([n]) => n === r.name);
    const met = target && (target[1] === "≥" ? r.value >= target[2] : r.value <= target[2]);
    const note = target ? `  target ${target[1]} ${target[2]}: ${met ? "met" : "MISSED"}` : "";
    console.log(`  ${r.name.padEnd(30)} ${String(r.value).padStart(9)} ${r.unit}${note}`);
  }
  Deno.exit(0);
}
