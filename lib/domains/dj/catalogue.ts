/**
 * The offline catalogue: a few hundred well-known tracks across genres, moods and languages,
 * expanded deterministically from the entries in catalogue_tracks_*.ts and the genre profiles.
 * The same rows live in `public.tracks` (source 'catalogue'), inserted by the DJ migration from
 * `catalogueSql()`; catalogue_test.ts keeps the two in step.
 *
 * @module
 */
import { seededRandom } from "../gigs/facts.ts";
import { type GenreGroup, type GenreProfile, GENRES } from "./catalogue_genres.ts";
import { type Entry, TRACKS_A } from "./catalogue_tracks_a.ts";
import { TRACKS_B } from "./catalogue_tracks_b.ts";
import type { TrackRow } from "./types.ts";

/** A catalogue track before it has a database id. */
export type CatalogueTrack = Omit<TrackRow, "id" | "owner_id">;

const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;
const clamp01 = (n: number) => Math.min(1, Math.max(0, n));

/** `Gymnopédie No. 1` → `gymnopedie-no-1`. */
export function slug(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "x";
}

function within(rand: () => number, [lo, hi]: [number, number]): number {
  return lo + (hi - lo) * rand();
}

function expand(group: GenreGroup, entry: Entry): CatalogueTrack {
  const [title, artist, album, flags = ""] = entry;
  const profile: GenreProfile = GENRES[group];
  const rand = seededRandom(`catalogue|${group}|${artist}|${title}`);
  const genres = [...profile.genres];
  const moods = [...profile.moods];
  let language = profile.language;
  let explicit = false;
  let shift = 0;
  for (const flag of flags.split(" ").filter(Boolean)) {
    if (flag === "x") explicit = true;
    else if (flag === "^") shift += 0.18;
    else if (flag === "v") shift -= 0.2;
    else if (flag.startsWith("lang:")) language = flag === "lang:-" ? null : flag.slice(5);
    else if (flag.startsWith("+")) moods.unshift(flag.slice(1));
    else if (flag.startsWith("g:")) genres.push(flag.slice(2).replaceAll("_", " "));
    else throw new Error(`catalogue: unknown flag ${flag} on ${title}`);
  }
  const energy = clamp01(within(rand, profile.energy) + shift);
  const valence = clamp01(within(rand, profile.valence) + shift * 0.6);
  const danceability = clamp01(within(rand, profile.danceability) + shift * 0.3);
  const tempo = Math.round(within(rand, profile.tempo) + shift * 30);
  const seconds = Math.round(within(rand, profile.seconds));
  return {
    source: "catalogue",
    external_id: `${group}/${slug(artist)}/${slug(title)}`,
    uri: null,
    title,
    artist,
    album,
    genres: [...new Set(genres)],
    // A mood added by a flag that the group also has moves to the front, not twice.
    moods: [...new Set(moods)],
    energy: round(energy),
    valence: round(valence),
    danceability: round(danceability),
    tempo: Math.max(40, tempo),
    explicit,
    duration_ms: seconds * 1000,
    language,
    audio_path: null,
    image_url: null,
    preview_url: null,
  };
}

let cached: CatalogueTrack[] | null = null;

/** Every catalogue track, in a stable order. */
export function catalogue(): CatalogueTrack[] {
  if (cached) return cached;
  const out: CatalogueTrack[] = [];
  for (const source of [TRACKS_A, TRACKS_B]) {
    for (const [group, entries] of Object.entries(source) as [GenreGroup, Entry[]][]) {
      for (const e of entries) out.push(expand(group, e));
    }
  }
  cached = out;
  return out;
}
