/** The place search API's query and answer, parsed and documented from one schema each. */
import { z } from "zod";
import { PLACE_LIMIT_MAX, PLACE_QUERY_MAX_CHARS } from "./search.ts";

/** GET /api/places query string. */
export const PlacesQuery = z.object({
  q: z.string().trim().min(1, "Type the start of a city's name")
    .max(PLACE_QUERY_MAX_CHARS, `At most ${PLACE_QUERY_MAX_CHARS} characters`)
    .describe(
      "The start of a city's name, accents and case ignored; ', province' or ', country' narrows it",
    ),
  country: z.string().trim().toUpperCase()
    .regex(/^[A-Z]{2}$/, "Use a 2-letter ISO 3166 code such as PT").optional()
    .describe("Only places in this country (ISO 3166 alpha-2)"),
  limit: z.coerce.number().int().min(1).max(PLACE_LIMIT_MAX).default(8),
});
export type PlacesQuery = z.infer<typeof PlacesQuery>;

export const PlaceOut = z.object({
  label: z.string().describe('What to show and type back, e.g. "Lisbon, Portugal"'),
  city: z.string(),
  province: z.string().nullable(),
  country: z.string().describe("ISO 3166 alpha-2"),
  lat: z.number(),
  lng: z.number(),
  timezone: z.string().describe("IANA time zone, e.g. Europe/Lisbon"),
});

export const PlacesResponse = z.object({ places: z.array(PlaceOut) });
export type PlacesResponse = z.infer<typeof PlacesResponse>;
