/**
 * The built-in city gazetteer: the 7,300 cities of the `city-timezones` package (name, province,
 * country, position, population, IANA time zone), read once on first use and kept in memory with
 * folded search keys.
 *
 * @module
 */

/** A city as the forms and the API hand it on. */
export interface Place {
  /** What a person reads and types back: "Lisbon, Portugal", "Springfield, Illinois, United States". */
  label: string;
  city: string;
  province: string | null;
  /** ISO 3166 alpha-2. */
  country: string;
  lat: number;
  lng: number;
  /** IANA zone, e.g. Europe/Lisbon. */
  timezone: string;
}

/** A gazetteer row with what search needs. */
export interface Entry extends Place {
  population: number;
  /** Folded spellings of the city's name (as written and in ASCII). */
  keys: string[];
  provinceKey: string;
  countryKey: string;
}

interface RawCity {
  city: string;
  city_ascii: string;
  lat: number;
  lng: number;
  pop: number;
  country: string;
  iso2: string | number;
  province: string;
  timezone: string | null;
}

/** Letters NFD does not split into a base letter and a mark. */
const LETTERS: Record<string, string> = {
  ø: "o",
  ł: "l",
  đ: "d",
  ð: "d",
  ß: "ss",
  æ: "ae",
  œ: "oe",
  þ: "th",
  ı: "i",
};

/** Case-, accent- and punctuation-blind form of a name: "São Paulo" and "sao-paulo" → "sao paulo". */
export function fold(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase()
    .replace(/[øłđðßæœþı]/g, (c) => LETTERS[c])
    .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

// The package leaves these without a code: Kosovo has its user-assigned one, Somaliland is
// Somalia's in ISO 3166.
const CODE_BY_NAME: Record<string, string> = { Kosovo: "XK", Somaliland: "SO" };

const regionNames = (() => {
  try {
    return new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });
  } catch {
    return null;
  }
})();

/** A country's English name ("PT" → "Portugal"), or `fallback` when the runtime has none. */
export function countryName(iso2: string, fallback = iso2): string {
  try {
    return regionNames?.of(iso2) ?? fallback;
  } catch {
    return fallback;
  }
}

const isAscii = (s: string) => [...s].every((ch) => ch.charCodeAt(0) < 128);

/**
 * The name to show: the package lost the accents of some names its province still has
 * ("Sao Paulo" in "São Paulo", "Durres" in "Durrës"), so those take the province's spelling.
 */
function displayName(c: RawCity): string {
  const province = c.province ?? "";
  return isAscii(c.city) && !isAscii(province) && fold(province) === fold(c.city)
    ? province
    : c.city;
}

function build(rows: RawCity[]): Entry[] {
  const out: Entry[] = [];
  for (const c of rows) {
    const iso2 = /^[A-Z]{2}$/.test(String(c.iso2)) ? String(c.iso2) : CODE_BY_NAME[c.country];
    // Research stations have no zone, and a place without a country cannot be picked.
    if (!iso2 || !c.timezone) continue;
    const city = displayName(c);
    const name = countryName(iso2, c.country);
    out.push({
      label: "",
      city,
      province: c.province?.trim() || null,
      country: iso2,
      lat: c.lat,
      lng: c.lng,
      timezone: c.timezone,
      population: Math.round(c.pop),
      keys: [...new Set([fold(city), fold(c.city), fold(c.city_ascii)])],
      provinceKey: fold(c.province ?? ""),
      countryKey: fold(name),
    });
  }
  // The province is named only where a country has two places of that name.
  const seen = new Map<string, number>();
  const same = (e: Entry) => `${fold(e.city)}|${e.country}`;
  for (const e of out) seen.set(same(e), (seen.get(same(e)) ?? 0) + 1);
  for (const e of out) {
    const parts = [e.city];
    if ((seen.get(same(e)) ?? 0) > 1 && e.province) parts.push(e.province);
    parts.push(countryName(e.country));
    e.label = parts.join(", ");
  }
  // Largest first: every search keeps this order within a rank.
  return out.sort((a, b) => b.population - a.population);
}

let loading: Promise<readonly Entry[]> | null = null;

/** Every city, largest first; the data (1.9 MB of JSON) is read on the first call only. */
export function gazetteer(): Promise<readonly Entry[]> {
  loading ??= import("city-timezones/data/cityMap.json", { with: { type: "json" } })
    .then((m) => build(m.default as RawCity[]));
  return loading;
}

/** The fields of an entry a caller gets (no search keys). */
export function toPlace(e: Entry): Place {
  return {
    label: e.label,
    city: e.city,
    province: e.province,
    country: e.country,
    lat: e.lat,
    lng: e.lng,
    timezone: e.timezone,
  };
}
