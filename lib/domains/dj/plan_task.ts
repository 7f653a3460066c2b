/**
 * The DJ's plan as an AI task: a prompt in any language becomes a `DjPlan`. The live model gets
 * the request; the offline interpreter reads it with the multilingual lexicon. `interpret`
 * (interpret.ts) runs it under the shared AI policy (lib/ports/ai/run_task.ts).
 *
 * @module
 */
import type { AiTask } from "../../ports/ai/task.ts";
import { type GenreProfile, GENRES } from "./catalogue_genres.ts";
import { analyse, fold, type Lang, type MoodKey, MOODS } from "./lexicon.ts";
import {
  ADJECTIVES,
  capitalise,
  joinList,
  musicPhrase,
  PURPOSES,
  SIGNATURE,
  WITH,
} from "./lexicon_labels.ts";
import { findDetails, isFiller } from "./details.ts";
import { DjPlan } from "./types.ts";

export const OFFLINE_DJ_MODEL = "offline-dj-lexicon-v1";

const LABELS: Record<string, string> = {
  "lo-fi": "Lo-fi",
  "r&b": "R&B",
  "k-pop": "K-pop",
  "j-pop": "J-pop",
  mpb: "MPB",
  edm: "EDM",
};

export function genreLabel(genre: string): string {
  return LABELS[genre] ?? capitalise(genre);
}

/** A genre inside a sentence: lower case but for names like R&B and MPB. */
function genreWord(genre: string): string {
  return genre === "lo-fi" ? genre : LABELS[genre] ?? genre;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The sound of a genre named without a mood: the middle of its catalogue profile. */
function genreSound(genre: string): GenreProfile | null {
  return Object.values(GENRES).find((g) => g.genres.includes(genre)) ?? null;
}

/** The plan the offline lexicon reads from `prompt` (deterministic). */
export function offlinePlan(prompt: string): DjPlan {
  const a = analyse(prompt);
  const lang: Lang = a.language;
  const moods = a.moods.slice(0, 4);
  const feelings = moods.filter((x) => !MOODS[x.key].activity).map((x) => x.key);
  const activity = moods.find((x) => MOODS[x.key].activity)?.key ?? null;

  // The sound: feelings weigh more than activities ("calm" modifies "study").
  let energy = 0.5, valence = 0.55, danceability = 0.55, tmin = 85, tmax = 125;
  if (moods.length) {
    let w = 0, e = 0, v = 0, d = 0, lo = 0, hi = 0;
    for (const { key, count } of moods) {
      const p = MOODS[key];
      const k = count * (p.activity ? 1 : 1.4);
      w += k;
      e += p.energy * k;
      v += p.valence * k;
      d += p.danceability * k;
      lo += p.tempo[0] * k;
      hi += p.tempo[1] * k;
    }
    [energy, valence, danceability, tmin, tmax] = [e / w, v / w, d / w, lo / w, hi / w];
  } else if (a.genres.length) {
    const g = genreSound(a.genres[0]);
    if (g) {
      const mid = (r: [number, number]) => (r[0] + r[1]) / 2;
      [energy, valence, danceability] = [mid(g.energy), mid(g.valence), mid(g.danceability)];
      [tmin, tmax] = g.tempo;
    }
  }

  const genres: string[] = [...a.genres];
  for (const { key } of moods) {
    for (const g of MOODS[key].genres) if (genres.length < 4 && !genres.includes(g)) genres.push(g);
  }

  const found = findDetails(prompt);
  if (found.instrumental && !genres.includes("instrumental")) genres.unshift("instrumental");
  const first = moods[0]?.key;
  const word = (k: MoodKey) => MOODS[k].words[0];
  const terms: string[] = [];
  // Unknown words are searched as they are, unless a detail's own search stands for them.
  const loose = a.rest.filter((w) => !found.covered.has(w) && !isFiller(w));
  if (loose.length) terms.push(loose.slice(0, 6).join(" "));
  for (const g of a.genres.slice(0, 2)) terms.push(first ? `${g} ${word(first)}` : g);
  if (feelings[0] && activity) terms.push(`${word(feelings[0])} ${word(activity)}`);
  const theme = activity ?? first;
  if (theme) {
    for (const g of genres.filter((g) => !a.genres.includes(g)).slice(0, 2)) {
      terms.push(`${g} ${word(theme)}`);
    }
    terms.push(`${MOODS[theme].words.join(" ")}`);
  }
  if (feelings[1]) terms.push(`${word(feelings[0])} ${word(feelings[1])}`);
  const search_terms = [...new Set(terms.map((t) => t.trim()).filter(Boolean))].slice(0, 6);
  if (!search_terms.length) search_terms.push(fold(prompt).slice(0, 80) || "popular");

  const adjectives = feelings.slice(0, 2).map((k) => ADJECTIVES[k]?.[lang]).filter(
    (x): x is string => Boolean(x),
  );
  const purpose = activity ? PURPOSES[activity]?.[lang] ?? null : null;
  const phrase = adjectives.length || purpose ? musicPhrase(lang, adjectives, purpose) : "";
  let name: string;
  if (phrase && a.genres.length) name = `${genreLabel(a.genres[0])} · ${capitalise(phrase)}`;
  else if (phrase) name = capitalise(phrase);
  else if (a.genres.length) name = capitalise(joinList(a.genres.slice(0, 3).map(genreLabel), lang));
  else name = capitalise(prompt.trim().replace(/\s+/g, " ").slice(0, 60));
  const core = capitalise(phrase || musicPhrase(lang, [], null));
  const withGenres = genres.length
    ? `, ${WITH[lang]} ${joinList(genres.slice(0, 3).map(genreWord), lang)}`
    : "";
  return DjPlan.parse({
    search_terms,
    genres,
    mood: moods.length ? moods.slice(0, 3).map((x) => x.key).join(" ") : "mixed",
    energy: round2(energy),
    danceability: round2(danceability),
    valence: round2(valence),
    tempo: { min: Math.round(tmin), max: Math.round(Math.max(tmin, tmax)) },
    playlist_name: name.slice(0, 100),
    description: `${core}${withGenres}. ${SIGNATURE[lang]}`.slice(0, 300),
    language: lang,
    details: found.details,
  });
}

const SYSTEM =
  "You are Soundcheck's AI DJ. Turn the user's request (in any language) into a plan for a " +
  "Spotify playlist. search_terms: 3-6 short Spotify search queries that find fitting TRACKS " +
  "(artist names, genres, moods, activities; most specific first). genres: up to 4 genre names " +
  "as Spotify spells them, lower case. mood: a few English words. energy, danceability and " +
  "valence from 0 to 1 (Spotify's old audio-feature scales); tempo in BPM. playlist_name and " +
  "description (one sentence) in the language of the request; language is its ISO 639-1 code. " +
  "details: EVERY part of the request the other fields do not capture (a sound in the " +
  "background such as rain, no vocals, an occasion or a time of day, a named artist, a decade, " +
  "a place), each copied in the request's own words and language, with an English Spotify " +
  "search query for it (null when none would find it); drop nothing the user asked for. " +
  "Answer with JSON that fits the schema.";

/** The prompt as the live model gets it. */
export function planPrompt(prompt: string): string {
  return `Request: ${prompt.trim()}`;
}

export const planTask: AiTask<string, DjPlan> = {
  name: "dj_plan",
  schemaName: "dj_plan",
  schema: DjPlan,
  system: SYSTEM,
  prompt: planPrompt,
  offline: offlinePlan,
  offlineModel: OFFLINE_DJ_MODEL,
};
