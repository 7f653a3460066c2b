/**
 * Ranking and picking: a candidate scores by how many queries found it (weighted by the query's
 * priority and its rank there) and by how close it is to the requested mood. Catalogue tracks
 * carry energy, valence, danceability and tempo; Spotify no longer serves those to new apps, so
 * a Spotify track's mood comes from what the API still returns: which queries found it (mood and
 * genre searches) and the mood words in its title and album. Then explicit tracks are dropped on
 * request, no artist gets more than a couple of slots, and each pick gets a one-line reason.
 *
 * @module
 */
import { analyse, MOOD_KEYS, type MoodKey, MOODS } from "./lexicon.ts";
import type { Candidate, Hit } from "./collect.ts";
import type { DjPlan, FoundTrack } from "./types.ts";

export interface Ranked {
  track: FoundTrack;
  score: number;
  reason: string;
  hits: Hit[];
}

const clamp01 = (n: number) => Math.min(1, Math.max(0, n));
const r2 = (n: number) => n.toFixed(2);

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
  /** What the fit is based on, for the reason. */
  why: string;
}

function moodFit(t: FoundTrack, c: Candidate, plan: DjPlan, wanted: MoodKey[]): Fit {
  if (t.energy != null && t.valence != null) {
    const tags = t.moods.filter((m) => wanted.includes(m as MoodKey));
    const value = clamp01(soundFit({ ...t, energy: t.energy, valence: t.valence }, plan)) +
      Math.min(2, tags.length) * 0.12;
    const tagged = tags.length ? `tagged ${tags.join(", ")}, ` : "";
    return { value, why: `${tagged}energy ${r2(t.energy)} (target ${r2(plan.energy)})` };
  }
  // No audio features: words in the title and album, and the kinds of searches that found it.
  const words = analyse(`${t.title} ${t.album ?? ""}`).moods.map((m) => m.key);
  let value = 0.5;
  let why = "";
  if (words.length) {
    const e = words.reduce((n, k) => n + MOODS[k].energy, 0) / words.length;
    const v = words.reduce((n, k) => n + MOODS[k].valence, 0) / words.length;
    value = soundFit({ energy: e, valence: v, danceability: null, tempo: null }, plan);
    const match = words.find((k) => wanted.includes(k));
    why = value >= 0.6
      ? `the title suggests a ${match ?? words[0]} mood`
      : `the title sounds ${words[0]}`;
  }
  if (c.hits.some((h) => h.query.kind === "mood")) {
    value += 0.15;
    why ||= "it turns up in mood searches";
  }
  if (c.hits.some((h) => h.query.kind === "genre")) value += 0.05;
  return { value: clamp01(value), why };
}

function relevance(hits: Hit[]): number {
  return hits.reduce((n, h) => n + h.query.weight * (1 - Math.min(h.position, 50) / 100), 0);
}

function reasonOf(hits: Hit[], fit: Fit): string {
  const labels = [...hits].sort((a, b) => a.query.id - b.query.id).map((h) => h.query.label);
  let found: string;
  if (labels.length === 1) found = `Found by ${labels[0]}`;
  else if (labels.length === 2) found = `Found by ${labels[0]} and ${labels[1]}`;
  else {
    const more = labels.length > 3 ? ` and ${labels.length - 3} more` : "";
    const list = more
      ? `${labels.slice(0, 3).join(", ")}${more}`
      : `${labels[0]}, ${labels[1]} and ${labels[2]}`;
    found = `Found by ${labels.length} searches: ${list}`;
  }
  return `${found}${fit.why ? `; ${fit.why}` : ""}.`.slice(0, 300);
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
    scored.push({ track: c.track, score, reason: reasonOf(c.hits, fit), hits: c.hits });
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
