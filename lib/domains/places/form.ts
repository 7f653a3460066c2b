/**
 * A form's city, resolved on the server: what a person typed (or picked from the namesakes the
 * form offered) becomes the city, country, position and time zone the row stores. Works the same
 * with and without JavaScript: the search island only helps type a name this resolves.
 *
 * @module
 */
import { fold, type Place } from "./gazetteer.ts";
import { resolvePlace } from "./search.ts";

/** The columns a profile or gig stores for its place. */
export interface PlaceColumns {
  city: string | null;
  country: string | null;
  lat: number | null;
  lng: number | null;
  /** The place's zone; null without a place (or for a kept place the gazetteer does not know). */
  timezone: string | null;
}

export type FormPlace =
  /** `label`: the gazetteer's name for the place, for the form to show back (null: none or kept). */
  | { ok: true; columns: PlaceColumns; label: string | null }
  /** `choices`: the places the form offers to pick from (namesakes, or names that start alike). */
  | { ok: false; error: string; choices: Place[] };

const CITY_MAX_CHARS = 120;

/**
 * Resolves `values.city_choice` (a namesake picked on the form) or `values.city` in
 * `values.country`. A city left as it was stored (`previous`) is kept even when the gazetteer
 * does not know it, so older profiles still save; a blank city keeps only the country.
 */
export async function placeFromForm(
  values: Record<string, string | undefined>,
  previous?: {
    city: string | null;
    country: string | null;
    lat: number | null;
    lng: number | null;
  },
): Promise<FormPlace> {
  const text = (values.city_choice?.trim() || values.city?.trim() || "").slice(0, 1000);
  const country = values.country?.trim().toUpperCase() || null;
  if (!text) {
    return {
      ok: true,
      columns: { city: null, country, lat: null, lng: null, timezone: null },
      label: null,
    };
  }
  if (text.length > CITY_MAX_CHARS) {
    return { ok: false, error: `At most ${CITY_MAX_CHARS} characters`, choices: [] };
  }
  const r = await resolvePlace(text, country && /^[A-Z]{2}$/.test(country) ? country : undefined);
  if (r.status === "found") {
    const p = r.place;
    return {
      ok: true,
      columns: { city: p.city, country: p.country, lat: p.lat, lng: p.lng, timezone: p.timezone },
      label: p.label,
    };
  }
  if (previous?.city && fold(previous.city) === fold(text)) {
    return { ok: true, columns: { ...previous, timezone: null }, label: null };
  }
  if (r.status === "ambiguous") {
    return {
      ok: false,
      error: `There are several places called ${text}: pick the one you mean.`,
      choices: r.choices,
    };
  }
  return r.suggestions.length
    ? {
      ok: false,
      error: `We don't know ${text}. Did you mean one of these?`,
      choices: r.suggestions,
    }
    : {
      ok: false,
      error: `We don't know ${text}: check the spelling, or give the nearest larger city.`,
      choices: [],
    };
}
