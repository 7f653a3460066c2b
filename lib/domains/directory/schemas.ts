/**
 * The musician directory's query and result shapes (`GET /api/musicians`, the /musicians page).
 * Money is integer minor units; a city is placed from the profiles and gigs that name it
 * (`public.city_coordinates`) until a gazetteer exists.
 *
 * @module
 */
import { z } from "zod";
import { Currency, CursorParam } from "../gigs/schemas.ts";

export const DIRECTORY_SORTS = ["rating", "name", "distance"] as const;
/** The radius a city search uses when none is given. */
export const DEFAULT_RADIUS_KM = 25;

const tag = z.string().trim().toLowerCase().max(40, "At most 40 characters");
const lat = z.coerce.number().min(-90, "A latitude is between -90 and 90")
  .max(90, "A latitude is between -90 and 90");
const lng = z.coerce.number().min(-180, "A longitude is between -180 and 180")
  .max(180, "A longitude is between -180 and 180");

/** GET /api/musicians query string (every value arrives as text). */
export const MusicianSearchQuery = z.object({
  instrument: tag.optional().describe("Plays this instrument"),
  genre: tag.optional().describe("Plays this genre"),
  city: z.string().trim().min(1).max(120, "At most 120 characters").optional()
    .describe(
      `Near this city (placed from the profiles and gigs that name it); radius default ${DEFAULT_RADIUS_KM} km`,
    ),
  near_lat: lat.optional(),
  near_lng: lng.optional(),
  radius_km: z.coerce.number().int("Use whole kilometres").min(1, "At least 1 km")
    .max(20000, "At most 20000 km").optional()
    .describe("Within this distance of the city or of near_lat/near_lng"),
  fee_max: z.coerce.number().int("Use whole minor units (cents)").min(0, "Must be zero or more")
    .max(2_000_000_000).optional()
    .describe(
      "The most the hirer can pay (minor units): the musician's lowest fee is at or under it",
    ),
  currency: Currency.optional().describe("Only musicians quoting in this currency"),
  min_rating: z.coerce.number().min(0, "Between 0 and 5").max(5, "Between 0 and 5").optional(),
  sort: z.enum(DIRECTORY_SORTS).default("rating")
    .describe("rating (best first), name (A to Z) or distance (needs a place; else rating)"),
  cursor: CursorParam.optional().describe("nextCursor of the previous page"),
  limit: z.coerce.number().int().min(1).max(100).default(24),
})
  .refine((q) => (q.near_lat === undefined) === (q.near_lng === undefined), {
    message: "Give both near_lat and near_lng",
    path: ["near_lng"],
  })
  .refine((q) => q.radius_km === undefined || q.near_lat !== undefined || q.city !== undefined, {
    message: "A radius needs a city or near_lat and near_lng",
    path: ["radius_km"],
  });
export type MusicianSearchQuery = z.infer<typeof MusicianSearchQuery>;

/** A musician as the directory shows them: public facts only (no exact coordinates). */
export const DirectoryMusician = z.object({
  id: z.string(),
  stage_name: z.string(),
  display_name: z.string(),
  avatar_path: z.string().nullable(),
  bio: z.string(),
  instruments: z.array(z.string()),
  genres: z.array(z.string()),
  city: z.string().nullable(),
  country: z.string().nullable(),
  travel_radius_km: z.number().int(),
  fee_min_minor: z.number().int().nullable(),
  fee_max_minor: z.number().int().nullable(),
  currency: z.string(),
  rating_avg: z.number().nullable(),
  rating_count: z.number().int(),
  distance_km: z.number().nullable().describe("From the searched place, when one was given"),
});
export type DirectoryMusician = z.output<typeof DirectoryMusician>;

/** Where a search was centred: the city's estimated position, or the given point. */
export const SearchPlace = z.object({
  city: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  radius_km: z.number().int().nullable(),
  known: z.boolean().describe("false: no profile or gig names this city yet, so nothing matches"),
});
export type SearchPlace = z.output<typeof SearchPlace>;

export const MusicianSearchPage = z.object({
  items: z.array(DirectoryMusician),
  nextCursor: z.string().nullable(),
  place: SearchPlace.nullable(),
});
export type MusicianSearchPage = z.output<typeof MusicianSearchPage>;
