/**
 * One page of Eventbrite's organisation events API (`GET /v3/organizations/{id}/events/
 * ?expand=venue`) → drafts, and the paging facts the fetcher needs for the next page
 * (`pagination.has_more_items`, `pagination.continuation`). Cancelled events are dropped; the
 * start is `start.utc`, recorded with `start.timezone`.
 *
 * @module
 */
import { z } from "zod";
import type { ExternalGigDraft, ParseResult } from "../types.ts";
import { canonicalZone, inWindow, type ParseContext, toDraft } from "../normalise.ts";

const Text = z.object({ text: z.string().nullish(), html: z.string().nullish() }).nullish();
const When = z.object({ timezone: z.string().nullish(), utc: z.string().nullish() }).nullish();
const Coord = z.union([z.string(), z.number()]).nullish();

const Event = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  name: Text,
  description: Text,
  summary: z.string().nullish(),
  url: z.string().nullish(),
  start: When,
  end: When,
  status: z.string().nullish(),
  online_event: z.boolean().nullish(),
  venue: z.object({
    name: z.string().nullish(),
    latitude: Coord,
    longitude: Coord,
    address: z.object({
      city: z.string().nullish(),
      country: z.string().nullish(),
      latitude: Coord,
      longitude: Coord,
    }).nullish(),
  }).nullish(),
});

const Pagination = z.object({
  has_more_items: z.boolean().nullish(),
  continuation: z.string().nullish(),
}).nullish();

/** The paging facts of one Eventbrite organisation events page. */
export interface EventbritePage {
  hasMore: boolean;
  continuation: string | null;
}

/** Reads `pagination` from a page; no more pages when the body is not one. */
export function eventbritePagination(body: string): EventbritePage {
  try {
    const p = Pagination.safeParse((JSON.parse(body) as { pagination?: unknown })?.pagination);
    if (!p.success || !p.data) return { hasMore: false, continuation: null };
    const continuation = p.data.continuation || null;
    return { hasMore: Boolean(p.data.has_more_items) && continuation !== null, continuation };
  } catch {
    return { hasMore: false, continuation: null };
  }
}

const coord = (v: string | number | null | undefined) => {
  const n = typeof v === "number" ? v : v ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
};

export function parseEventbrite(body: string, ctx: ParseContext): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return {
      events: [],
      errors: [{ item: "feed", message: "this is not JSON (expected an Eventbrite events page)" }],
    };
  }
  const list = (json as { events?: unknown })?.events;
  if (!Array.isArray(list)) {
    return {
      events: [],
      errors: [{ item: "feed", message: "this is not an Eventbrite events page (no events list)" }],
    };
  }
  const events: ExternalGigDraft[] = [];
  const errors: ParseResult["errors"] = [];
  list.forEach((raw, i) => {
    const parsed = Event.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      errors.push({ item: `event ${i + 1}`, message: `${issue.path.join(".")}: ${issue.message}` });
      return;
    }
    const e = parsed.data;
    const item = `event ${e.id}`;
    if (e.status === "canceled" || e.status === "cancelled") return;
    const start = Date.parse(e.start?.utc ?? "");
    if (!Number.isFinite(start)) {
      errors.push({ item, message: "it has no start.utc date" });
      return;
    }
    if (!inWindow(start, ctx.window)) return;
    const end = Date.parse(e.end?.utc ?? "");
    const v = e.online_event ? null : e.venue;
    const d = toDraft({
      uid: e.id,
      title: e.name?.text ?? e.name?.html,
      description: e.description?.text ?? e.summary ?? e.description?.html ?? "",
      startsAt: start,
      endsAt: Number.isFinite(end) ? end : null,
      timezone: canonicalZone(e.start?.timezone ?? "") ?? "UTC",
      venue: v?.name ?? null,
      city: v?.address?.city ?? null,
      country: v?.address?.country ?? null,
      lat: coord(v?.address?.latitude ?? v?.latitude),
      lng: coord(v?.address?.longitude ?? v?.longitude),
      url: e.url ?? null,
      base: ctx.base,
    });
    if (typeof d === "string") errors.push({ item, message: d });
    else events.push(d);
  });
  return { events, errors };
}
