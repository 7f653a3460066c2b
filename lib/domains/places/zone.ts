/**
 * The time zone of a stored place, found in the gazetteer: for profiles saved before zones were
 * stored (their city, country and position are all there is) and for the profile forms' "From
 * your city".
 *
 * @module
 */
import { type Entry, gazetteer } from "./gazetteer.ts";
import { placeOf } from "./search.ts";
import { knownZone } from "../../shared/zones.ts";

/** Further than this from every city of the gazetteer, a position says nothing about its zone. */
const NEAREST_MAX_KM = 300;

/** Great-circle distance in km. */
function km(aLat: number, aLng: number, bLat: number, bLng: number): number {
  const rad = Math.PI / 180;
  const dLat = (bLat - aLat) * rad;
  const dLng = (bLng - aLng) * rad;
  const h = Math.sin(dLat / 2) ** 2 +
    Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.sin(dLng / 2) ** 2;
  return 12_742 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The gazetteer city nearest to a position (within 300 km), or null. */
export async function nearestCity(lat: number, lng: number): Promise<Entry | null> {
  let best: Entry | null = null;
  let bestKm = NEAREST_MAX_KM;
  for (const e of await gazetteer()) {
    // A cheap box first: a degree of latitude is 111 km.
    if (Math.abs(e.lat - lat) * 111 > bestKm) continue;
    const d = km(lat, lng, e.lat, e.lng);
    if (d < bestKm) [best, bestKm] = [e, d];
  }
  return best;
}

let oneZone: Map<string, string | null> | null = null;

/** The country's zone when all its cities share one (Portugal's Azores do not), else null. */
async function countryZone(country: string): Promise<string | null> {
  if (!oneZone) {
    const zones = new Map<string, string | null>();
    for (const e of await gazetteer()) {
      const seen = zones.get(e.country);
      if (seen === undefined) zones.set(e.country, e.timezone);
      else if (seen !== e.timezone) zones.set(e.country, null);
    }
    oneZone = zones;
  }
  return oneZone.get(country) ?? null;
}

/**
 * A stored place's zone: the named city (the one nearest the position among namesakes), else the
 * city nearest the position, else the country's when it has only one; null when none says.
 */
export async function zoneOfPlace(stored: {
  city: string | null;
  country: string | null;
  lat: number | null;
  lng: number | null;
}): Promise<string | null> {
  const named = await placeOf(stored);
  if (named) return named.timezone;
  if (stored.lat != null && stored.lng != null) {
    const near = await nearestCity(stored.lat, stored.lng);
    if (near) return near.timezone;
  }
  return stored.country ? await countryZone(stored.country) : null;
}

let choices: Promise<readonly string[]> | null = null;

/** Every zone the gazetteer's cities are in, and UTC, sorted: what a person may pick. */
export function zoneChoices(): Promise<readonly string[]> {
  choices ??= gazetteer().then((all) => {
    const zones = new Set(all.map((e) => e.timezone));
    zones.add("UTC");
    return [...zones].filter((z) => knownZone(z) === z).sort();
  });
  return choices;
}
