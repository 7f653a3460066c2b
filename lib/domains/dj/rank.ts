/**
 * Ranking and picking: a candidate scores by how many queries found it (weighted by the query's
 * priority and its rank there) and by how close it is to the requested mood. Catalogue tracks
 * carry energy, valence, danceability and tempo; Spotify no longer serves those to new apps, so
 * a Spotify track's mood comes from what the API still returns: which queries found it (mood and
 * genre searches) and the mood words in its title and album. Then explicit tracks are dropped on
 * request, no artist gets more than a couple of slots, and each pick gets a one-line reason in
 * plain words and the prompt's language (reasons.ts).
 *
 * @module
 */
import { analyse, fold, MOOD_KEYS, type MoodKey, MOODS } from "./lexicon.ts";
import type { Candidate, Hit } from "./collect.ts";
import type { DjPlan, FoundTrack } from "./types.ts";
import { reasonText, type Relation } from "./reasons.ts";

export interface Ranked {
  track: FoundTrack;
  score: number;
  reason: string;
  hits: Hit[];
}

const clamp01 = (n: number) => Math.min(1, Math.max(0, n));

export function planMoods(plan: DjPlan): MoodKey[] {
  return plan.mood.toLowerCase().split(/\s+/).filter((w): w is MoodKey =>
    (MOOD_KEYS as readonly string[]).includes(w)
  );
}

/** 0..1: how near (energy, valence, danceability, tempo) is to the plan's. */
export function soundFit(
  s: { energy: number; valence: number; danceability: number | null; tempo: number | null },
  plan: DjPlan,
): number {
  const d = Math.abs(s.energy - plan.energy) * 1.2 + Math.abs(s.valence - plan.valence) * 0.8 +
    Math.abs((s.danceability ?? plan.danceability) - plan.danceability) * 0.5;
  let fit = 1 - d / 1.5;
  if (s.tempo != null && (s.tempo < plan.tempo.min - 10 || s.tempo > plan.tempo.max + 10)) {
    fit -= 0.1;
  }
  return clamp01(fit);
}

interface Fit {
  value: number;
  /** The requested feeling the reason speaks of, and how the track stands to it. */
  feel: MoodKey | null;
  relation: Relation | null;
}

/** The energy gap that makes a track "a little livelier/softer" than asked. */
const GAP = 0.15;

function moodFit(t: FoundTrack, c: Candidate, plan: DjPlan, wanted: MoodKey[]): Fit {
  const feelings = wanted.filter((k) => !MOODS[k].activity);
  if (t.energy != null && t.valence != null) {
    const tags = t.moods.filter((m) => wanted.includes(m as MoodKey)) as MoodKey[];
    const value = clamp01(soundFit({ ...t, energy: t.energy, valence: t.valence }, plan)) +
      Math.min(2, tags.length) * 0.12;
    const tagged = tags.find((k) => !MOODS[k].activity);
    const feel = tagged ?? feelings[0] ?? null;
    const gap = t.energy - plan.energy;
    const relation: Relation = tagged
      ? "has"
      : value < 0.75 && gap > GAP
      ? "livelier"
      : value < 0.75 && gap < -GAP
      ? "softer"
      : "close";
    return { value, feel, relation };
  }
  // No audio features: words in the title and album, and the kinds of searches that found it.
  const words = analyse(`${t.title} ${t.album ?? ""}`).moods.map((m) => m.key);
  let value = 0.5;
  let relation: Relation | null = null;
  let feel: MoodKey | null = feelings[0] ?? null;
  if (words.length) {
    const e = words.reduce((n, k) => n + MOODS[k].energy, 0) / words.length;
    const v = words.reduce((n, k) => n + MOODS[k].valence, 0) / words.length;
    value = soundFit({ energy: e, valence: v, danceability: null, tempo: null }, plan);
    const match = words.find((k) => feelings.includes(k));
    if (match) [feel, relation] = [match, "has"];
    else if (value >= 0.6) relation = "close";
  }
  if (c.hits.some((h) => h.query.kind === "mood")) {
    value += 0.15;
    relation ??= "for";
  }
  if (c.hits.some((h) => h.query.kind === "genre")) value += 0.05;
  return { value: clamp01(value), feel, relation };
}

function relevance(hits: Hit[]): number {
  return hits.reduce((n, h) => n + h.query.weight * (1 - Math.min(h.position, 50) / 100), 0);
}

/** The genre a track is named by: one the prompt asked for, else its own first. */
function genreOf(
  t: FoundTrack,
  hits: Hit[],
  plan: DjPlan,
): { genre: string | null; asked: boolean } {
  const asked = plan.genres.map((g) => g.toLowerCase());
  const own = t.genres.map((g) => g.toLowerCase());
  const both = own.find((g) => asked.includes(g));
  if (both) return { genre: both, asked: true };
  // Spotify tracks carry no genres: the genre search that found one names it.
  const searched = hits.find((h) => h.query.kind === "genre")?.query.text;
  if (searched) return { genre: searched, asked: true };
  return { genre: own[0] ?? null, asked: false };
}

/**
 * Whether the track says it has what `text` searched for: every word of it in its title, artist,
 * album or tags ("rain" in "Rain on the Window", "instrumental" in its genres).
 */
function mentions(t: FoundTrack, text: string): boolean {
  const words = new Set(
    fold([t.title, t.artist, t.album ?? "", ...t.genres, ...t.moods].join(" ")).split(" "),
  );
  const wanted = fold(text).split(" ").filter((w) => w.length > 2);
  return wanted.length > 0 && wanted.every((w) => words.has(w));
}

function reasonOf(t: FoundTrack, hits: Hit[], fit: Fit, plan: DjPlan, wanted: MoodKey[]): string {
  const { genre, asked } = genreOf(t, hits, plan);
  const activity = wanted.find((k) => MOODS[k].activity) ?? null;
  // Spotify's own search for a detail ("rain") is evidence enough; a local track must name it.
  const detail = [...hits].sort((a, b) => a.query.id - b.query.id)
    .find((h) => h.query.detail && (t.source === "spotify" || mentions(t, h.query.text)))
    ?.query.detail ?? null;
  return reasonText({
    language: plan.language,
    genre,
    genreAsked: asked,
    feel: fit.feel,
    // A poor fit says nothing about the feeling rather than something untrue.
    relation: fit.value >= 0.35 ? fit.relation : null,
    activity: activity && (fit.value >= 0.5 || t.moods.includes(activity)) ? activity : null,
    detail,
    platform: t.source === "studio" || t.source === "artist",
  });
}

/**
 * The best `length` candidates, best first. `noExplicit` drops explicit tracks; an artist gets
 * at most two slots (three in playlists over 30) unless too few tracks were found.
 */
export function pick(
  candidates: Candidate[],
  plan: DjPlan,
  opts: { length: number; noExplicit: boolean },
): Ranked[] {
  const wanted = planMoods(plan);
  const scored: Ranked[] = [];
  for (const c of candidates) {
    if (opts.noExplicit && c.track.explicit) continue;
    const fit = moodFit(c.track, c, plan, wanted);
    const lang = c.track.language != null && c.track.language === plan.language ? 0.1 : 0;
    const score = relevance(c.hits) + 1.2 * fit.value + lang;
    const reason = reasonOf(c.track, c.hits, fit, plan, wanted);
    scored.push({ track: c.track, score, reason, hits: c.hits });
  }
  scored.sort((a, b) =>
    b.score - a.score || a.track.title.localeCompare(b.track.title) ||
    a.track.artist.localeCompare(b.track.artist)
  );
  const cap = opts.length > 30 ? 3 : 2;
  const perArtist = new Map<string, number>();
  const chosen: Ranked[] = [];
  const rest: Ranked[] = [];
  for (const r of scored) {
    const artist = r.track.artist.toLowerCase();
    const n = perArtist.get(artist) ?? 0;
    if (chosen.length < opts.length && n < cap) {
      chosen.push(r);
      perArtist.set(artist, n + 1);
    } else rest.push(r);
  }
  // Too few artists: fill up with the best of the rest rather than a short playlist.
  for (const r of rest) if (chosen.length < opts.length) chosen.push(r);
  chosen.sort((a, b) => b.score - a.score);
  return chosen.map((r) => ({ ...r, score: Math.round(r.score * 1000) / 1000 }));
}
