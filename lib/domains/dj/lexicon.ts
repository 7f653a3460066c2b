/**
 * The offline DJ's lexicon: finds moods, activities, genres and the language in a prompt (or a
 * search query, or a track title) in English, Spanish, Portuguese, French and German, and knows
 * what each mood sounds like (energy, valence, danceability, tempo) and which genres suit it.
 *
 * @module
 */
import {
  GENRE_WORDS,
  type Lang,
  LANGS,
  MOOD_KEYS,
  MOOD_WORDS,
  type MoodKey,
  STOPWORDS,
} from "./lexicon_words.ts";

export { LANGS, MOOD_KEYS };
export type { Lang, MoodKey };

export interface MoodProfile {
  energy: number;
  valence: number;
  danceability: number;
  tempo: [number, number];
  /** Catalogue genre tags that suit the mood, best first. */
  genres: string[];
  /** English words for a search query about the mood. */
  words: [string, string];
  /** An activity (study, sleep, party…) rather than a feeling. */
  activity: boolean;
}

const m = (
  energy: number,
  valence: number,
  danceability: number,
  tempo: [number, number],
  genres: string[],
  words: [string, string],
  activity = false,
): MoodProfile => ({ energy, valence, danceability, tempo, genres, words, activity });

export const MOODS: Record<MoodKey, MoodProfile> = {
  calm: m(0.22, 0.45, 0.35, [60, 100], ["ambient", "piano", "acoustic"], ["calm", "relaxing"]),
  focus: m(0.3, 0.45, 0.45, [60, 110], ["lo-fi", "ambient", "classical"], ["study", "focus"], true),
  sleep: m(0.08, 0.3, 0.2, [50, 85], ["ambient", "piano"], ["sleep", "lullaby"], true),
  chill: m(0.4, 0.6, 0.6, [70, 110], ["lo-fi", "downtempo", "soul"], ["chill", "lazy sunday"]),
  happy: m(0.72, 0.88, 0.72, [100, 130], ["pop", "funk", "reggae"], ["happy", "feel good"]),
  sad: m(0.28, 0.18, 0.38, [60, 100], ["indie", "pop", "chanson"], ["sad", "heartbreak"]),
  melancholic: m(0.32, 0.25, 0.4, [60, 105], ["indie", "chanson", "piano"], [
    "melancholy",
    "rainy day",
  ]),
  nostalgic: m(0.55, 0.6, 0.6, [90, 130], ["funk", "rock", "pop"], ["throwback", "classic hits"]),
  energetic: m(0.85, 0.65, 0.68, [115, 150], ["rock", "electronic", "pop"], [
    "energetic",
    "upbeat",
  ]),
  workout: m(0.9, 0.6, 0.72, [120, 160], ["edm", "hip hop", "rock"], ["workout", "gym"], true),
  party: m(
    0.85,
    0.8,
    0.86,
    [100, 130],
    ["house", "reggaeton", "pop", "funk"],
    ["party", "dance"],
    true,
  ),
  romantic: m(0.38, 0.58, 0.55, [65, 110], ["soul", "r&b", "bossa nova", "jazz"], [
    "romantic",
    "love songs",
  ]),
  angry: m(0.95, 0.2, 0.45, [120, 180], ["metal", "rock", "punk"], ["rage", "aggressive"]),
  dreamy: m(0.3, 0.45, 0.4, [70, 110], ["ambient", "downtempo", "indie"], ["dreamy", "ethereal"]),
  epic: m(0.8, 0.45, 0.35, [90, 140], ["orchestral", "soundtrack"], ["epic", "cinematic"]),
  dinner: m(
    0.35,
    0.62,
    0.55,
    [80, 125],
    ["jazz", "bossa nova", "soul"],
    ["dinner", "jazz dinner"],
    true,
  ),
  driving: m(
    0.75,
    0.7,
    0.6,
    [100, 135],
    ["rock", "pop", "country"],
    ["road trip", "driving"],
    true,
  ),
  meditation: m(0.05, 0.35, 0.15, [50, 80], ["ambient"], ["meditation", "yoga"], true),
  uplifting: m(0.72, 0.8, 0.62, [100, 130], ["pop", "soul", "house"], ["uplifting", "motivation"]),
  groovy: m(0.7, 0.78, 0.84, [95, 120], ["funk", "soul", "disco"], ["groove", "funky"]),
  dark: m(0.6, 0.15, 0.5, [90, 140], ["techno", "metal"], ["dark", "gloomy"]),
};

/** Lower case, accents off, punctuation to spaces (keeps `&` and `-` inside words). */
export function fold(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/ß/g, "ss").replace(/[^a-z0-9&\- ]+/g, " ").replace(/\s+/g, " ").trim();
}

type Hit = { kind: "mood"; key: MoodKey; lang: Lang } | { kind: "genre"; key: string };

interface Compiled {
  exact: Map<string, Hit[]>;
  /** Prefix entries by their first three letters (every prefix has at least three). */
  prefixes: Map<string, [string, Hit][]>;
  phrases: [string, Hit][];
  stop: Map<string, Lang[]>;
}

function compile(): Compiled {
  const c: Compiled = { exact: new Map(), prefixes: new Map(), phrases: [], stop: new Map() };
  const add = (word: string, hit: Hit) => {
    if (word.includes("_")) c.phrases.push([word.replaceAll("_", " "), hit]);
    else if (word.endsWith("*")) {
      const prefix = word.slice(0, -1);
      if (prefix.length < 3) throw new Error(`lexicon: prefix "${prefix}" is shorter than 3`);
      const key = prefix.slice(0, 3);
      c.prefixes.set(key, [...(c.prefixes.get(key) ?? []), [prefix, hit]]);
    } else c.exact.set(word, [...(c.exact.get(word) ?? []), hit]);
  };
  for (const key of MOOD_KEYS) {
    for (const lang of LANGS) {
      for (const w of MOOD_WORDS[key][lang].split(" ")) add(w, { kind: "mood", key, lang });
    }
  }
  for (const [key, words] of Object.entries(GENRE_WORDS)) {
    for (const w of words.split(" ")) add(w, { kind: "genre", key });
  }
  for (const lang of LANGS) {
    for (const w of STOPWORDS[lang].split(" ")) c.stop.set(w, [...(c.stop.get(w) ?? []), lang]);
  }
  return c;
}

let compiled: Compiled | null = null;

export interface Analysis {
  /** Moods and activities in order of first mention, with how often each was named. */
  moods: { key: MoodKey; count: number }[];
  /** Genres in order of first mention. */
  genres: string[];
  /** The most likely language, `en` when nothing gives it away. */
  language: Lang;
  /** Words that are neither function words nor in the lexicon (names, titles, places…). */
  rest: string[];
  /** Every folded token. */
  tokens: string[];
  /** What each token is, in step with `tokens` (short unknown tokens count as function words). */
  marks: TokenMark[];
}

export type TokenMark = "mood" | "genre" | "stop" | "rest";

const ACCENT_HINTS: [RegExp, Lang, number][] = [
  [/[ñ¿¡]/, "es", 3],
  [/[ãõ]|ção|ções/, "pt", 3],
  [/[ßäöü]/, "de", 3],
  [/[èêëàâîïûù]|œ/, "fr", 2],
];

/** Finds the moods, genres and language of `text`. */
export function analyse(text: string): Analysis {
  const c = compiled ??= compile();
  const folded = fold(text);
  const tokens = folded ? folded.split(" ") : [];
  const padded = ` ${folded} `;
  const moods = new Map<MoodKey, { count: number; at: number }>();
  const genres = new Map<string, number>();
  const lang: Record<Lang, number> = { en: 0, es: 0, pt: 0, fr: 0, de: 0 };
  const taken = new Set<number>();
  // One mention per mood and place, however many languages share the word (`relax`); each of
  // those languages gets the credit.
  const mention = (hits: Hit[], at: number) => {
    const keys = new Set<MoodKey>();
    const langs = new Set<Lang>();
    for (const hit of hits) {
      if (hit.kind === "genre") {
        if (!genres.has(hit.key)) genres.set(hit.key, at);
      } else {
        keys.add(hit.key);
        langs.add(hit.lang);
      }
    }
    for (const l of langs) lang[l] += 2;
    for (const key of keys) {
      const seen = moods.get(key);
      if (seen) seen.count++;
      else moods.set(key, { count: 1, at });
    }
  };
  const marks: TokenMark[] = tokens.map(() => "stop");
  for (const [phrase, hit] of c.phrases) {
    const i = padded.indexOf(` ${phrase} `);
    if (i < 0) continue;
    const at = i === 0 ? 0 : padded.slice(1, i).split(" ").length;
    phrase.split(" ").forEach((_, k) => {
      taken.add(at + k);
      marks[at + k] = hit.kind;
    });
    mention([hit], at);
  }
  const rest: string[] = [];
  tokens.forEach((tok, at) => {
    if (taken.has(at)) return;
    const hits = [...(c.exact.get(tok) ?? [])];
    for (const [prefix, hit] of c.prefixes.get(tok.slice(0, 3)) ?? []) {
      if (tok.startsWith(prefix)) hits.push(hit);
    }
    if (hits.length) {
      mention(hits, at);
      marks[at] = hits[0].kind;
    }
    const stop = c.stop.get(tok);
    for (const l of stop ?? []) lang[l] += 1;
    if (!hits.length && !stop && tok.length > 1) {
      rest.push(tok);
      marks[at] = "rest";
    }
  });
  const lower = text.toLowerCase();
  for (const [re, l, w] of ACCENT_HINTS) if (re.test(lower)) lang[l] += w;
  const language = (LANGS as readonly Lang[]).reduce((best, l) => lang[l] > lang[best] ? l : best);
  return {
    moods: [...moods.entries()].sort((a, b) => a[1].at - b[1].at).map(([key, v]) => ({
      key,
      count: v.count,
    })),
    genres: [...genres.entries()].sort((a, b) => a[1] - b[1]).map(([g]) => g),
    language,
    rest,
    tokens,
    marks,
  };
}
