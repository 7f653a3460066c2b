/**
 * RSS 2.0, RSS 1.0 (RDF) and Atom → drafts, with fast-xml-parser (namespace prefixes dropped,
 * so `ev:startdate` and `xCal:dtstart` read as `startdate` and `dtstart` whatever prefix a feed
 * binds). The event's date comes from the RSS event module (`ev:startdate`, `ev:enddate`,
 * `ev:location`) or xCal (`dtstart`, `dtend`, `location`), else from a date written in the title
 * or the text; an item with none is an error ("no event date"). `pubDate` / `updated` are when
 * the post was written, never the event's date.
 *
 * @module
 */
import { XMLParser } from "fast-xml-parser";
import type { ExternalGigDraft, ParseResult } from "../types.ts";
import {
  htmlToText,
  inWindow,
  oneLine,
  type ParseContext,
  splitLocation,
  toDraft,
} from "../normalise.ts";
import { findDateInText, type FoundDate, parseIsoDate } from "./dates.ts";
import { parseIcalDate } from "./ical_lines.ts";
import { wallToUtc } from "./zones.ts";

type X = string | number | boolean | null | undefined | X[] | { [k: string]: X };
type El = { [k: string]: X };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => name === "item" || name === "entry" || name === "link",
});

const isEl = (v: X): v is El => typeof v === "object" && v !== null && !Array.isArray(v);

/** An element's text (its `#text` when it has attributes), or "". */
function text(v: X): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return v.length ? text(v[0]) : "";
  if (isEl(v)) return text(v["#text"]);
  return "";
}

/** A date from the event module or xCal: ISO 8601 or iCalendar's basic format. */
function eventDate(raw: string, tz: string): FoundDate | null {
  const s = raw.trim();
  if (!s) return null;
  const iso = parseIsoDate(s, tz);
  if (iso) return iso;
  const ical = parseIcalDate(s);
  if (!ical) return null;
  return ical.utc
    ? { utc: ical.wall, zone: "UTC", date: false }
    : { utc: wallToUtc(ical.wall, tz), zone: tz, date: ical.date };
}

/** The item's link: RSS's text, or Atom's `rel="alternate"` (or rel-less) href. */
function link(v: X): string | null {
  const list = Array.isArray(v) ? v : [v];
  for (const l of list) {
    if (typeof l === "string" && l.trim()) return l.trim();
    if (isEl(l)) {
      const rel = text(l["@_rel"]);
      const href = text(l["@_href"]) || text(l["#text"]);
      if (href && (!rel || rel === "alternate")) return href.trim();
    }
  }
  return null;
}

export function parseRss(body: string, ctx: ParseContext): ParseResult {
  let doc: El;
  try {
    doc = parser.parse(body) as El;
  } catch (err) {
    return {
      events: [],
      errors: [{ item: "feed", message: `this is not readable XML (${(err as Error).message})` }],
    };
  }
  const rss = isEl(doc.rss) ? doc.rss : null;
  const rdf = isEl(doc.RDF) ? doc.RDF : null;
  const feed = isEl(doc.feed) ? doc.feed : null;
  const channel = rss && isEl(rss.channel) ? rss.channel : null;
  const items = (channel?.item ?? rdf?.item ?? feed?.entry) as X;
  if (!channel && !rdf && !feed) {
    return {
      events: [],
      errors: [{
        item: "feed",
        message: "this is not an RSS or Atom feed (no <rss>, <rdf:RDF> or <feed>)",
      }],
    };
  }
  const list = Array.isArray(items) ? items.filter(isEl) : [];
  const events: ExternalGigDraft[] = [];
  const errors: ParseResult["errors"] = [];
  const tz = ctx.defaultTimezone;
  list.forEach((it, i) => {
    const title = oneLine(text(it.title));
    const href = link(it.link);
    const uid = (text(it.guid) || text(it.id) || text(it["@_about"]) || href || title).trim();
    const label = uid || `item ${i + 1}`;
    const body = text(it.encoded) || text(it.content) || text(it.description) || text(it.summary);
    const plain = htmlToText(body);
    const start = eventDate(text(it.startdate) || text(it.dtstart), tz) ??
      findDateInText(title, tz, ctx.now) ?? findDateInText(plain, tz, ctx.now);
    if (!start) {
      errors.push({
        item: label,
        message:
          "no event date (no ev:startdate or xCal dtstart, and none written in the title or text)",
      });
      return;
    }
    if (!inWindow(start.utc, ctx.window)) return;
    const end = eventDate(text(it.enddate) || text(it.dtend), tz);
    const loc = splitLocation(text(it.location));
    let lat: number | null = null, lng: number | null = null;
    const point = text(it.point).trim().split(/\s+/).map(Number);
    if (point.length === 2) [lat, lng] = point;
    else if (text(it.lat) && text(it.long)) {
      [lat, lng] = [Number(text(it.lat)), Number(text(it.long))];
    }
    const d = toDraft({
      uid,
      title,
      description: plain,
      startsAt: start.utc,
      endsAt: end?.utc ?? null,
      timezone: start.zone,
      venue: loc.venue,
      city: loc.city,
      country: loc.country,
      lat,
      lng,
      url: href,
      base: ctx.base,
    });
    if (typeof d === "string") errors.push({ item: label, message: d });
    else events.push(d);
  });
  return { events, errors };
}
