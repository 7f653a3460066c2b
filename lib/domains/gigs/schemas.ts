/**
 * The marketplace's input schemas: request bodies and query strings, parsed at the edge (JSON or
 * form posts alike). The output shapes live in `rows.ts` and are re-exported here, so this module
 * is the one source of types for the API, its OpenAPI document and the pages.
 *
 * Money is always integer minor units plus an ISO 4217 currency (`fee_min_minor: 45000`,
 * `currency: "EUR"` is EUR 450.00).
 *
 * @module
 */
import { z } from "zod";
import { decodeCursor } from "./cursor.ts";
import {
  BIO_MAX_CHARS,
  CANCEL_REASON_MAX_CHARS,
  GIG_DESCRIPTION_MAX_CHARS,
  GIG_TITLE_MAX_CHARS,
  GIG_TITLE_MIN_CHARS,
  ORGANISATION_MAX_CHARS,
  PROPOSAL_MAX_CHARS,
  PROPOSAL_MIN_CHARS,
  REVIEW_MAX_CHARS,
  STAGE_NAME_MAX_CHARS,
} from "../../shared/limits.ts";
import { Uuid } from "../../shared/schemas.ts";

export * from "./rows.ts";

/** Text of at most `max` characters (after trimming), saying so when longer. */
const text = (max: number) => z.string().trim().max(max, `At most ${max} characters`);

// fields -----------------------------------------------------------------------------------------------

/** Lower-case, trimmed, inner blanks collapsed, no empties or duplicates: as the database stores tags. */
export function normaliseTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of tags) {
    const v = t.trim().toLowerCase().replace(/\s+/g, " ");
    if (v && !out.includes(v)) out.push(v);
  }
  return out;
}

/** A list from JSON (an array) or a form or query string (comma-separated). */
const stringList = z.union([z.string(), z.array(z.string())])
  .transform((v) => (typeof v === "string" ? v.split(",") : v));

function tags(max: number, noun: string) {
  return stringList.transform(normaliseTags).pipe(
    z.array(z.string().max(40, `Each ${noun} is at most 40 characters`))
      .max(max, `At most ${max} ${noun}s`),
  );
}

function items(max: number, noun: string) {
  return stringList
    .transform((v) => [...new Set(v.map((s) => s.trim()).filter(Boolean))])
    .pipe(z.array(z.string().max(60, `Each ${noun} is at most 60 characters`)).max(max));
}

/** true/false from JSON, or a checkbox ("on") and query strings ("true", "1"). */
const bool = z.union([z.boolean(), z.enum(["true", "false", "on", "off", "1", "0", ""])])
  .transform((v) => v === true || v === "true" || v === "on" || v === "1");

/** Optional text: blank means none (null). */
function optText(max: number) {
  return text(max).transform((s) => (s === "" ? null : s)).nullish();
}

const money = z.coerce.number().int("Use whole minor units (cents)").min(0, "Must be zero or more");
export const Currency = z.string().trim().toUpperCase()
  .regex(/^[A-Z]{3}$/, "Use a 3-letter ISO 4217 code such as EUR");
export const Country = z.string().trim().toUpperCase()
  .regex(/^[A-Z]{2}$/, "Use a 2-letter ISO 3166 code such as DE");
const lat = z.coerce.number().min(-90, "A latitude is between -90 and 90").max(
  90,
  "A latitude is between -90 and 90",
);
const lng = z.coerce.number().min(-180, "A longitude is between -180 and 180")
  .max(180, "A longitude is between -180 and 180");
/** Dates the database stores and every client prints: years 1900 to 9999. */
const EARLIEST = new Date("1900-01-01T00:00:00Z");
const LATEST = new Date("9999-12-31T23:59:59Z");
const when = z.coerce.date({ error: "Use an ISO date and time such as 2026-12-31T20:00:00+01:00" })
  .min(EARLIEST, "Use a date from 1900 to 9999").max(LATEST, "Use a date from 1900 to 9999");

/** Whether `tz` is an IANA zone name the runtime knows (as the database checks it too). */
export function isTimeZone(tz: string): boolean {
  if (!/^([A-Z][A-Za-z_-]+(\/[A-Za-z0-9_+-]+)+|UTC|GMT)$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
export const TimeZone = z.string().trim().refine(
  isTimeZone,
  "Use a time zone name such as Europe/Berlin",
);

/** A keyset cursor as sent back by the client (`nextCursor` of the previous page), decoded. */
export const CursorParam = z.string().max(2000).transform((s, ctx) => {
  const c = decodeCursor(s);
  if (!c) ctx.addIssue({ code: "custom", message: "Invalid cursor: use nextCursor as given" });
  return c ?? {};
});

type Place = { lat?: number | null; lng?: number | null };
const pairedCoordinates = (p: Place) => (p.lat == null) === (p.lng == null);
const COORDS = { message: "Give both latitude and longitude, or neither", path: ["lng"] };

function ordered<T>(lo: keyof T, hi: keyof T, message: string) {
  return {
    check: (v: T) => v[lo] == null || v[hi] == null || Number(v[lo]) <= Number(v[hi]),
    opts: { message, path: [hi as string] },
  };
}

// profiles ---------------------------------------------------------------------------------------------

export const Link = z.object({
  label: z.string().trim().max(60).optional(),
  url: z.url({ protocol: /^https?$/, error: "Use an http(s) address" }),
});

const feeOrder = ordered<{ fee_min_minor?: number | null; fee_max_minor?: number | null }>(
  "fee_min_minor",
  "fee_max_minor",
  "The highest fee must not be below the lowest",
);

/** PUT body for the caller's musician profile (the whole profile: missing fields are cleared). */
export const MusicianProfileInput = z.object({
  stage_name: text(STAGE_NAME_MAX_CHARS).min(1, "Enter a stage name"),
  bio: text(BIO_MAX_CHARS).default(""),
  instruments: tags(20, "instrument").default([]),
  genres: tags(20, "genre").default([]),
  skills: items(30, "skill").default([]),
  languages: items(20, "language").default([]),
  city: optText(120),
  country: Country.nullish(),
  lat: lat.nullish(),
  lng: lng.nullish(),
  travel_radius_km: z.coerce.number().int().min(0).max(20000).default(50),
  fee_min_minor: money.nullish(),
  fee_max_minor: money.nullish(),
  currency: Currency.default("EUR"),
  blocked_dates: z.array(z.iso.date("Use dates such as 2026-12-24")).max(366).default([]),
  links: z.array(Link).max(10, "At most 10 links").default([]),
  published: bool.default(false),
}).refine(pairedCoordinates, COORDS).refine(feeOrder.check, feeOrder.opts);
export type MusicianProfileInput = z.infer<typeof MusicianProfileInput>;

/** PUT body for the caller's client (venue, planner, school…) profile. */
export const ClientProfileInput = z.object({
  organisation: text(ORGANISATION_MAX_CHARS).min(1, "Enter the organisation's name"),
  venue_type: optText(60),
  capacity: z.coerce.number().int().min(0).max(1_000_000).nullish(),
  city: optText(120),
  country: Country.nullish(),
  lat: lat.nullish(),
  lng: lng.nullish(),
  published: bool.default(false),
}).refine(pairedCoordinates, COORDS);
export type ClientProfileInput = z.infer<typeof ClientProfileInput>;

/** Query of the musician directory: filters and a keyset cursor. */
export const MusicianListQuery = z.object({
  q: z.string().trim().max(80).optional().describe("Part of the stage name"),
  genre: z.string().trim().toLowerCase().max(40).optional(),
  instrument: z.string().trim().toLowerCase().max(40).optional(),
  country: Country.optional(),
  cursor: CursorParam.optional().describe("nextCursor of the previous page"),
  limit: z.coerce.number().int().min(1).max(100).default(24),
});
export type MusicianListQuery = z.infer<typeof MusicianListQuery>;

// gigs -------------------------------------------------------------------------------------------------

export const GIG_KINDS = ["live_show", "session", "teaching", "other"] as const;
export const GIG_STATUSES = ["draft", "published", "filled", "closed", "cancelled"] as const;
export const GIG_SORTS = ["starts_at", "budget", "relevance", "newest"] as const;

// Without defaults: a PATCH must not reset what it leaves out. GigInput adds the defaults.
const gigShape = {
  title: text(GIG_TITLE_MAX_CHARS).min(
    GIG_TITLE_MIN_CHARS,
    `At least ${GIG_TITLE_MIN_CHARS} characters`,
  ),
  description: text(GIG_DESCRIPTION_MAX_CHARS),
  kind: z.enum(GIG_KINDS),
  genres: tags(20, "genre"),
  instruments: tags(20, "instrument"),
  starts_at: when,
  timezone: TimeZone,
  duration_minutes: z.coerce.number().int().min(15, "At least 15 minutes").max(
    1440,
    "At most 24 hours",
  ),
  remote: bool,
  venue_name: optText(120),
  city: optText(120),
  country: Country.nullish(),
  lat: lat.nullish(),
  lng: lng.nullish(),
  budget_min_minor: money.nullish(),
  budget_max_minor: money.nullish(),
  currency: Currency,
  apply_by: when.nullish(),
  visibility: z.enum(["public", "invite_only"]),
};

type GigTimes = { starts_at?: Date; apply_by?: Date | null };
const applyByFirst = (g: GigTimes) => !g.apply_by || !g.starts_at || g.apply_by <= g.starts_at;
const APPLY_BY = {
  message: "The deadline to apply must not be after the start",
  path: ["apply_by"],
};
const budgetOrder = ordered<{ budget_min_minor?: number | null; budget_max_minor?: number | null }>(
  "budget_min_minor",
  "budget_max_minor",
  "The highest budget must not be below the lowest",
);

/** POST body: a new gig (a draft until published). */
export const GigInput = z.object({
  ...gigShape,
  description: gigShape.description.default(""),
  kind: gigShape.kind.default("live_show"),
  genres: gigShape.genres.default([]),
  instruments: gigShape.instruments.default([]),
  timezone: gigShape.timezone.default("UTC"),
  duration_minutes: gigShape.duration_minutes.default(120),
  remote: gigShape.remote.default(false),
  currency: gigShape.currency.default("EUR"),
  visibility: gigShape.visibility.default("public"),
}).refine(pairedCoordinates, COORDS)
  .refine(applyByFirst, APPLY_BY).refine(budgetOrder.check, budgetOrder.opts);
export type GigInput = z.infer<typeof GigInput>;

/** POST /api/gigs query string: `?publish=true` publishes the new gig at once. */
export const GigCreateQuery = z.object({
  publish: bool.default(false).describe("true: publish at once instead of saving a draft"),
});
export type GigCreateQuery = z.infer<typeof GigCreateQuery>;

/**
 * PATCH body: the fields to change. Drafts take any; a published gig keeps its terms (time, place,
 * budget, kind: the database answers 409 naming the field); later states are frozen.
 */
export const GigUpdate = z.object(gigShape).partial().refine(pairedCoordinates, COORDS)
  .refine(applyByFirst, APPLY_BY).refine(budgetOrder.check, budgetOrder.opts)
  .refine((g) => Object.values(g).some((v) => v !== undefined), { message: "Nothing to change" });
export type GigUpdate = z.infer<typeof GigUpdate>;

/** GET /api/gigs query string (every value arrives as text; lists are comma-separated). */
export const GigSearchQuery = z.object({
  q: z.string().trim().max(200, "At most 200 characters").optional()
    .describe('Words (web search syntax: "exact phrase", -exclude); typos are forgiven'),
  genres: tags(20, "genre").optional().describe("Any of these genres, comma-separated"),
  instruments: tags(20, "instrument").optional().describe("Any of these instruments"),
  from: when.optional().describe("Starting at or after (default: now)"),
  to: when.optional().describe("Starting before"),
  budget_min: money.optional().describe("Budget reaching at least this (minor units)"),
  budget_max: money.optional().describe("Budget starting at most at this (minor units)"),
  near_lat: lat.optional(),
  near_lng: lng.optional(),
  radius_km: z.coerce.number().int().min(1).max(20000).optional()
    .describe("Within this distance of near_lat/near_lng (remote gigs included)"),
  remote: bool.optional().describe("Only remote (true) or only in person (false)"),
  sort: z.enum(GIG_SORTS).default("starts_at"),
  cursor: CursorParam.optional().describe("nextCursor of the previous page"),
  limit: z.coerce.number().int().min(1).max(100).default(20),
})
  .refine((q) => (q.near_lat === undefined) === (q.near_lng === undefined), {
    message: "Give both near_lat and near_lng",
    path: ["near_lng"],
  })
  .refine((q) => q.radius_km === undefined || q.near_lat !== undefined, {
    message: "A radius needs near_lat and near_lng",
    path: ["radius_km"],
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, {
    message: "The end of the date range must be after its start",
    path: ["to"],
  })
  .refine(
    ordered<{ budget_min?: number; budget_max?: number }>("budget_min", "budget_max", "").check,
    {
      message: "The budget range ends before it starts",
      path: ["budget_max"],
    },
  );
export type GigSearchQuery = z.infer<typeof GigSearchQuery>;

/** Query of the caller's own gigs (as a client). */
export const OwnGigsQuery = z.object({
  status: z.enum(GIG_STATUSES).optional(),
  cursor: CursorParam.optional().describe("nextCursor of the previous page"),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type OwnGigsQuery = z.infer<typeof OwnGigsQuery>;

// applications, bookings, reviews ----------------------------------------------------------------------

export const SetlistEntry = z.object({
  title: z.string().trim().min(1).max(120),
  artist: z.string().trim().max(120).optional(),
  minutes: z.number().int().min(1).max(60).optional(),
  energy: z.number().int().min(1).max(10).optional(),
});

/** A setlist as the AI writer drafts it, or just the list of songs. */
export const Setlist = z.union([
  z.object({
    title: z.string().trim().max(120).optional(),
    songs: z.array(SetlistEntry).min(1).max(160),
    notes: z.string().trim().max(800).optional(),
  }),
  z.array(SetlistEntry).min(1).max(160),
]);

/** POST /api/gigs/:id/applications body. */
export const ApplicationInput = z.object({
  proposal: text(PROPOSAL_MAX_CHARS).min(
    PROPOSAL_MIN_CHARS,
    `Write at least ${PROPOSAL_MIN_CHARS} characters`,
  ),
  quoted_fee_minor: money,
  setlist: Setlist.nullish(),
  media_ids: z.array(Uuid("Not a media id")).max(10, "Attach at most 10 media files").default([]),
});
export type ApplicationInput = z.infer<typeof ApplicationInput>;

/** Cancelling a booking needs a reason, which the other party reads. */
export const CancelBookingInput = z.object({
  reason: text(CANCEL_REASON_MAX_CHARS).min(1, "Give a reason"),
});
export type CancelBookingInput = z.infer<typeof CancelBookingInput>;

/** POST body of a review: 1–5 stars and up to REVIEW_MAX_CHARS characters. */
export const ReviewInput = z.object({
  rating: z.coerce.number().int().min(1, "Give 1 to 5 stars").max(5, "Give 1 to 5 stars"),
  body: text(REVIEW_MAX_CHARS).default(""),
});
export type ReviewInput = z.infer<typeof ReviewInput>;
