/**
 * Web pages with schema.org JSON-LD → drafts. Every `<script type="application/ld+json">` block
 * is read (a body that is JSON itself counts as one block); events are found anywhere inside it:
 * top level, arrays, `@graph`, and nested (an ItemList's items, a festival's subEvent). Types:
 * Event and every `…Event` subtype (MusicEvent, TheaterEvent…), and Festival. A location given
 * as `{"@id": …}` is looked up among the block's nodes. A block that is not valid JSON is one
 * error; the others are still read. Cancelled events are dropped.
 *
 * Dates: with an offset they are instants; without one, wall time in the source's zone
 * (`defaultTimezone`); a date alone is midnight there.
 *
 * @module
 */
import type { ExternalGigDraft, ParseResult } from "../types.ts";
import {
  decodeEntities,
  inWindow,
  type ParseContext,
  safeUrl,
  splitLocation,
  toDraft,
} from "../normalise.ts";
import { parseIsoDate } from "./dates.ts";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Node = { [k: string]: Json };

const SCRIPT =
  /<script\b[^>]*\btype\s*=\s*["']?application\/ld\+json[^>]*>([\s\S]*?)<\/script\s*>/gi;

const isNode = (v: Json | undefined): v is Node =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function types(n: Node): string[] {
  const t = n["@type"];
  const list = Array.isArray(t) ? t : [t];
  return list.filter((x): x is string => typeof x === "string").map((x) =>
    x.replace(/^https?:\/\/schema\.org\//, "").replace(/^schema:/, "")
  );
}

const isEvent = (n: Node) =>
  types(n).some((t) => t === "Event" || /Event$/.test(t) || t === "Festival");

/** A property's text: a string, the first of an array, or a `{"@value"}` / `{"name"}` node. */
function text(v: Json | undefined): string | null {
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  if (Array.isArray(v)) {
    for (const x of v) {
      const t = text(x);
      if (t) return t;
    }
    return null;
  }
  if (isNode(v)) return text(v["@value"] ?? v.name ?? v["@id"]);
  return null;
}

const num = (v: Json | undefined): number | null => {
  const n = typeof v === "number" ? v : typeof v === "string" ? Number(v.trim()) : NaN;
  return Number.isFinite(n) ? n : null;
};

/** Every node in `root`, depth first, each once. */
function walk(root: Json, visit: (n: Node) => void, seen = new Set<Node>()): void {
  if (Array.isArray(root)) {
    for (const x of root) walk(x, visit, seen);
    return;
  }
  if (!isNode(root) || seen.has(root)) return;
  seen.add(root);
  visit(root);
  for (const v of Object.values(root)) {
    if (typeof v === "object" && v !== null) walk(v, visit, seen);
  }
}

export function parseJsonLd(body: string, ctx: ParseContext): ParseResult {
  const blocks: string[] = [];
  const trimmed = body.trimStart();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) blocks.push(trimmed);
  else for (const m of body.matchAll(SCRIPT)) blocks.push(m[1]);
  if (!blocks.length) {
    return {
      events: [],
      errors: [{
        item: "feed",
        message: "this page has no schema.org JSON-LD (no application/ld+json script)",
      }],
    };
  }
  const events: ExternalGigDraft[] = [];
  const errors: ParseResult["errors"] = [];
  const uids = new Set<string>();
  blocks.forEach((raw, i) => {
    const item = `JSON-LD block ${i + 1}`;
    let json: Json;
    try {
      json = JSON.parse(raw.replace(/^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$/g, ""));
    } catch (err) {
      errors.push({ item, message: `is not valid JSON (${(err as Error).message})` });
      return;
    }
    const byId = new Map<string, Node>();
    const found: Node[] = [];
    walk(json, (n) => {
      const id = n["@id"];
      if (typeof id === "string" && Object.keys(n).length > 1) byId.set(id, n);
      if (isEvent(n)) found.push(n);
    });
    const deref = (v: Json | undefined): Json | undefined => {
      const x = Array.isArray(v)
        ? v.find((y) => isNode(y) && !types(y).includes("VirtualLocation"))
        : v;
      if (isNode(x) && typeof x["@id"] === "string" && Object.keys(x).length === 1) {
        return byId.get(x["@id"]) ?? x;
      }
      return x;
    };
    for (const ev of found) {
      const name = text(ev.name) ?? "";
      const label = name ? `${item}: ${name.slice(0, 80)}` : item;
      const status = text(ev.eventStatus) ?? "";
      if (/cancel+ed/i.test(status)) continue;
      const startRaw = text(ev.startDate);
      const start = startRaw ? parseIsoDate(startRaw, ctx.defaultTimezone) : null;
      if (!start) {
        errors.push({
          item: label,
          message: startRaw ? `startDate "${startRaw}" is not a date` : "it has no startDate",
        });
        continue;
      }
      if (!inWindow(start.utc, ctx.window)) continue;
      const endRaw = text(ev.endDate);
      const end = endRaw ? parseIsoDate(endRaw, ctx.defaultTimezone) : null;
      const place = deref(ev.location);
      let venue: string | null = null, city: string | null = null, country: string | null = null;
      let lat: number | null = null, lng: number | null = null;
      if (typeof place === "string") ({ venue, city, country } = splitLocation(place));
      else if (isNode(place) && !types(place).includes("VirtualLocation")) {
        venue = text(place.name);
        const addr = deref(place.address);
        if (typeof addr === "string") {
          const s = splitLocation(`x, ${addr}`);
          city = s.city;
          country = s.country;
        } else if (isNode(addr)) {
          city = text(addr.addressLocality);
          country = text(addr.addressCountry);
        }
        const geo = deref(place.geo);
        if (isNode(geo)) [lat, lng] = [num(geo.latitude), num(geo.longitude)];
      }
      const url = text(ev.url) ??
        (typeof ev["@id"] === "string" && /^https?:/.test(ev["@id"]) ? ev["@id"] : null);
      let uid = (typeof ev["@id"] === "string" && ev["@id"]) || safeUrl(url, ctx.base) || url ||
        name;
      // One page may list the same event (one @id or url) on several dates.
      if (uids.has(uid)) uid = `${uid}|${new Date(start.utc).toISOString()}`;
      uids.add(uid);
      const d = toDraft({
        uid,
        title: decodeEntities(name),
        description: text(ev.description),
        startsAt: start.utc,
        endsAt: end?.utc ?? null,
        timezone: start.zone,
        venue,
        city,
        country,
        lat,
        lng,
        url,
        base: ctx.base,
      });
      if (typeof d === "string") errors.push({ item: label, message: d });
      else events.push(d);
    }
  });
  return { events, errors };
}
