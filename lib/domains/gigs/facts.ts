/**
 * The facts AI writing and matching work from (rows of `musician_profiles` and `gigs`), and the
 * small wording helpers both use: role nouns ("guitarist"), lists and distances (money and dates
 * are lib/shared/format.ts).
 *
 * @module
 */
import { terms } from "../../ports/ai/offline.ts";

export interface MusicianFacts {
  id?: string;
  stage_name: string;
  bio: string | null;
  instruments: string[];
  genres: string[];
  skills: string[];
  languages: string[];
  city: string | null;
  country: string | null;
  lat?: number | null;
  lng?: number | null;
  travel_radius_km: number | null;
  fee_min_minor: number | null;
  fee_max_minor: number | null;
  currency: string | null;
}

export interface GigFacts {
  id?: string;
  title: string;
  description: string | null;
  kind: string;
  genres: string[];
  instruments: string[];
  starts_at: Date | string;
  timezone: string | null;
  duration_minutes: number;
  remote: boolean;
  venue_name: string | null;
  city: string | null;
  country: string | null;
  lat?: number | null;
  lng?: number | null;
  budget_min_minor: number | null;
  budget_max_minor: number | null;
  currency: string | null;
  /** The posting client's organisation or display name, when known. */
  client_name?: string | null;
}

const ROLES: Record<string, string> = {
  guitar: "guitarist",
  drums: "drummer",
  bass: "bassist",
  doublebass: "double bassist",
  piano: "pianist",
  organ: "organist",
  vocals: "singer",
  saxophone: "saxophonist",
  violin: "violinist",
  viola: "violist",
  cello: "cellist",
  trumpet: "trumpeter",
  trombone: "trombonist",
  flute: "flautist",
  clarinet: "clarinettist",
  harp: "harpist",
  percussion: "percussionist",
  dj: "DJ",
  uke: "ukulele player",
  banjo: "banjo player",
  mandolin: "mandolin player",
  accordion: "accordionist",
  production: "producer",
  songwriter: "songwriter",
};

const GENRE_LABELS: Record<string, string> = {
  rnb: "R&B",
  hiphop: "hip-hop",
  dnb: "drum & bass",
  edm: "EDM",
  kpop: "K-pop",
  rocknroll: "rock 'n' roll",
  latin: "Latin",
};

/** Words that qualify a tag's head noun rather than name an instrument or genre. */
const GENERIC = new Set(["player", "band", "music", "musician", "trio", "duo", "quartet", "group"]);

/**
 * The canonical term for an instrument or genre as typed ("Guitarist" → "guitar"): the tag's
 * last meaningful word, as English puts the head noun last ("Alto sax" → saxophone, "gypsy
 * jazz" → jazz, "piano player" → piano).
 */
export function canonical(word: string): string {
  let c = canonicalCache.get(word);
  if (c === undefined) {
    const ts = terms(word);
    c = ts.filter((t) => !GENERIC.has(t)).at(-1) ?? ts[0] ?? word.trim().toLowerCase();
    if (canonicalCache.size > 5000) canonicalCache.clear();
    canonicalCache.set(word, c);
  }
  return c;
}
const canonicalCache = new Map<string, string>();

/** "guitar" → "guitarist"; an instrument without a noun → "<instrument> player". */
export function roleNoun(instrument: string): string {
  const raw = instrument.trim().toLowerCase();
  return AS_TYPED[raw] ?? ROLES[canonical(instrument)] ?? `${raw} player`;
}

/** Words whose canonical term would lose the nuance: "keys" matches piano but reads keyboardist. */
const AS_TYPED: Record<string, string> = {
  keys: "keyboardist",
  keyboard: "keyboardist",
  keyboards: "keyboardist",
  synth: "synth player",
  "double bass": "double bassist",
  "upright bass": "double bassist",
};

/** Display form of a genre: "rnb" → "R&B", "jazz" → "jazz". */
export function genreLabel(genre: string): string {
  const c = canonical(genre);
  return GENRE_LABELS[c] ?? genre.trim().toLowerCase();
}

export function capitalise(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/** "a", "a and b", "a, b and c". */
export function joinList(items: string[], conj = "and"): string {
  const xs = items.filter(Boolean);
  if (xs.length <= 1) return xs[0] ?? "";
  return `${xs.slice(0, -1).join(", ")} ${conj} ${xs.at(-1)}`;
}

/** "2 hours", "90 minutes", "1 hour". */
export function formatDuration(minutes: number): string {
  if (minutes % 60 === 0) return minutes === 60 ? "1 hour" : `${minutes / 60} hours`;
  if (minutes > 60 && minutes % 30 === 0) return `${minutes / 60} hours`;
  return `${minutes} minutes`;
}

/** "2-hour", "90-minute": before a noun. */
export function durationAdjective(minutes: number): string {
  if (minutes % 60 === 0) return `${minutes / 60}-hour`;
  if (minutes > 60 && minutes % 30 === 0) return `${minutes / 60}-hour`;
  return `${minutes}-minute`;
}

/** Great-circle distance in km (the same formula as `public.distance_km`). */
export function haversineKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 6371.0088 * 2 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** "PT" → "Portugal"; anything that is not an ISO 3166 code stays as it is. */
export function countryName(code: string | null | undefined): string | null {
  if (!code) return null;
  if (!/^[A-Z]{2}$/.test(code)) return code;
  try {
    return new Intl.DisplayNames(["en"], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** "Lisbon, Portugal". */
export function placeName(city: string | null | undefined, country: string | null | undefined) {
  return [city, countryName(country)].filter(Boolean).join(", ");
}

/** "live_show" → "live show". */
export function kindLabel(kind: string): string {
  return kind.replace(/[_-]+/g, " ").trim().toLowerCase() || "gig";
}

/** Deterministic pseudo-random numbers from a string seed (mulberry32 over FNV-1a). */
export function seededRandom(seed: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One of `options`, chosen by `rand`. */
export function pick<T>(rand: () => number, options: readonly T[]): T {
  return options[Math.floor(rand() * options.length) % options.length];
}
