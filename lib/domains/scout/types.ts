/**
 * The gig scout's shared vocabulary: the kinds of source it reads and the external gig every
 * parser produces (normalised: UTC start plus its IANA zone, minor units, trimmed text).
 *
 * @module
 */
import { z } from "zod";

/** What a source is read as. `csv` sources are uploaded, the others fetched. */
export const SourceKind = z.enum(["ical", "jsonld", "rss", "atom", "csv", "eventbrite"]);
export type SourceKind = z.infer<typeof SourceKind>;

/** One event found in a source, normalised (genres are guessed later, through the AI port). */
export const ExternalGigDraft = z.object({
  /** Stable within its source (iCal UID + occurrence, JSON-LD @id or url, RSS guid…). */
  source_uid: z.string().min(1).max(500),
  title: z.string().min(1).max(200),
  description: z.string().max(4000),
  /** ISO 8601 in UTC. */
  starts_at: z.string(),
  ends_at: z.string().nullable(),
  /** IANA zone the event was given in ("UTC" when the source said nothing). */
  timezone: z.string(),
  venue_name: z.string().max(200).nullable(),
  city: z.string().max(120).nullable(),
  country: z.string().regex(/^[A-Z]{2}$/).nullable(),
  lat: z.number().min(-90).max(90).nullable(),
  lng: z.number().min(-180).max(180).nullable(),
  genres: z.array(z.string()),
  fee_minor: z.number().int().nonnegative().nullable(),
  currency: z.string().regex(/^[A-Z]{3}$/).nullable(),
  /** Where "apply" links out to (http or https). */
  url: z.string().url().nullable(),
});
export type ExternalGigDraft = z.infer<typeof ExternalGigDraft>;

/** A parser's answer: the events it could read and, per item it could not, why. */
export interface ParseResult {
  events: ExternalGigDraft[];
  errors: { item: string; message: string }[];
}
