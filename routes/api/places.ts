/**
 * GET /api/places?q=lisb: cities of the built-in gazetteer whose name starts so (anyone: the place
 * fields of the profile and gig forms ask it as a person types).
 */
import { define } from "../../utils.ts";
import { readQuery } from "../../lib/web/api/http.ts";
import { PlacesQuery, searchPlaces } from "../../lib/domains/places/mod.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const query = readQuery(ctx.url, PlacesQuery);
    const places = await searchPlaces(query.q, { country: query.country, limit: query.limit });
    // The gazetteer ships with the app: an answer holds until the next release.
    return Response.json({ places }, { headers: { "cache-control": "public, max-age=3600" } });
  },
});
