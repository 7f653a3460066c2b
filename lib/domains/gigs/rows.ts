/**
 * The marketplace's output shapes: rows as the lib functions return them and the JSON API sends
 * them. Parsing a database row through these turns timestamps into ISO strings (the wire format,
 * and what OpenAPI documents) whichever driver produced them.
 *
 * @module
 */
import { z } from "zod";

/** A timestamp: a Date (or text) from the driver, an ISO 8601 string out. */
export const Timestamp = z.codec(z.union([z.date(), z.string()]), z.iso.datetime(), {
  decode: (v) => (v instanceof Date ? v : new Date(v)).toISOString(),
  encode: (s) => new Date(s),
});

const uuid = z.string();
const minor = z.number().int().describe("Integer minor units of `currency`");

export const MusicianProfile = z.object({
  id: uuid,
  display_name: z.string(),
  avatar_path: z.string().nullable(),
  stage_name: z.string(),
  bio: z.string(),
  instruments: z.array(z.string()),
  genres: z.array(z.string()),
  skills: z.array(z.string()),
  languages: z.array(z.string()),
  city: z.string().nullable(),
  country: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  travel_radius_km: z.number().int(),
  fee_min_minor: minor.nullable(),
  fee_max_minor: minor.nullable(),
  currency: z.string(),
  blocked_dates: z.array(z.string()).describe("YYYY-MM-DD"),
  links: z.array(z.object({ label: z.string().optional(), url: z.string() })),
  published: z.boolean(),
  rating_avg: z.number().nullable().describe("Average of the visible reviews as a musician"),
  rating_count: z.number().int(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type MusicianProfile = z.output<typeof MusicianProfile>;

export const ClientProfile = z.object({
  id: uuid,
  display_name: z.string(),
  avatar_path: z.string().nullable(),
  organisation: z.string(),
  venue_type: z.string().nullable(),
  capacity: z.number().int().nullable(),
  city: z.string().nullable(),
  country: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  published: z.boolean(),
  rating_avg: z.number().nullable().describe("Average of the visible reviews as a client"),
  rating_count: z.number().int(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type ClientProfile = z.output<typeof ClientProfile>;

export const Gig = z.object({
  id: uuid,
  client_id: uuid,
  title: z.string(),
  description: z.string(),
  kind: z.enum(["live_show", "session", "teaching", "other"]),
  genres: z.array(z.string()),
  instruments: z.array(z.string()),
  starts_at: Timestamp,
  timezone: z.string().describe("IANA zone for showing local times"),
  duration_minutes: z.number().int(),
  remote: z.boolean(),
  venue_name: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  budget_min_minor: minor.nullable(),
  budget_max_minor: minor.nullable(),
  currency: z.string(),
  apply_by: Timestamp.nullable(),
  visibility: z.enum(["public", "invite_only"]),
  status: z.enum(["draft", "published", "filled", "closed", "cancelled"]),
  created_at: Timestamp,
  updated_at: Timestamp,
  published_at: Timestamp.nullable(),
});
export type Gig = z.output<typeof Gig>;

/** A search result: the gig, its distance from the searched point and its text rank. */
export const GigSearchHit = Gig.extend({
  distance_km: z.number().nullable(),
  rank: z.number().nullable(),
});
export type GigSearchHit = z.output<typeof GigSearchHit>;

export const Application = z.object({
  id: uuid,
  gig_id: uuid,
  musician_id: uuid,
  proposal: z.string(),
  quoted_fee_minor: minor,
  currency: z.string(),
  setlist: z.unknown().nullable(),
  media_ids: z.array(uuid),
  status: z.enum(["submitted", "shortlisted", "accepted", "declined", "withdrawn"]),
  created_at: Timestamp,
  updated_at: Timestamp,
  decided_at: Timestamp.nullable(),
});
export type Application = z.output<typeof Application>;

/** An application as the gig's owner sees it, with the applicant's public facts. */
export const ApplicationForGig = Application.extend({
  musician: z.object({
    display_name: z.string(),
    avatar_path: z.string().nullable(),
    stage_name: z.string().nullable(),
    genres: z.array(z.string()),
    instruments: z.array(z.string()),
    city: z.string().nullable(),
    country: z.string().nullable(),
    rating_avg: z.number().nullable(),
    rating_count: z.number().int(),
  }),
});
export type ApplicationForGig = z.output<typeof ApplicationForGig>;

/** An application as its musician sees it, with the gig's headline. */
export const OwnApplication = Application.extend({
  gig: z.object({
    title: z.string(),
    starts_at: Timestamp,
    timezone: z.string(),
    status: z.string(),
    city: z.string().nullable(),
    remote: z.boolean(),
  }),
});
export type OwnApplication = z.output<typeof OwnApplication>;

export const Booking = z.object({
  id: uuid,
  gig_id: uuid,
  application_id: uuid,
  client_id: uuid,
  musician_id: uuid,
  fee_minor: minor,
  currency: z.string(),
  starts_at: Timestamp,
  ends_at: Timestamp,
  timezone: z.string(),
  place: z.string(),
  remote: z.boolean(),
  cancellation_terms: z.string(),
  status: z.enum(["confirmed", "completed", "cancelled"]),
  created_at: Timestamp,
  completed_at: Timestamp.nullable(),
  cancelled_at: Timestamp.nullable(),
  cancel_reason: z.string().nullable(),
});
export type Booking = z.output<typeof Booking>;

/** A booking with the names both parties show each other. */
export const BookingWithParties = Booking.extend({
  gig_title: z.string(),
  client_name: z.string(),
  musician_name: z.string(),
  reviewed: z.boolean().describe("Whether the caller has reviewed it"),
});
export type BookingWithParties = z.output<typeof BookingWithParties>;

export const Review = z.object({
  id: uuid,
  booking_id: uuid,
  author_id: uuid,
  subject_id: uuid,
  rating: z.number().int().min(1).max(5),
  body: z.string(),
  created_at: Timestamp,
  visible_at: Timestamp.describe("Hidden from all but the author before this"),
});
export type Review = z.output<typeof Review>;

export const ReviewWithAuthor = Review.extend({ author_name: z.string() });
export type ReviewWithAuthor = z.output<typeof ReviewWithAuthor>;

/** A keyset page: `nextCursor` is null on the last page. */
export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
