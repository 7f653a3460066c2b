/**
 * The offline enhancer's reader: what a prompt in English, Spanish, Portuguese, French or German
 * says about the song. Patterns read numbers and keys (BPM, duration, key and mode, 3/4); word
 * tables (lexicon_words.ts) read genres, instruments, vocals, tempo feel and metre; the DJ's
 * lexicon reads moods and the language. What no rule claims is left for a title.
 *
 * @module
 */
import { analyse, type Lang, LANGS, type MoodKey } from "../dj/lexicon.ts";
import { STOPWORDS } from "../dj/lexicon_words.ts";
import { type Pitch, PITCHES, type TimeSignature } from "./plan.ts";
import {
  GENRE_WORDS,
  INSTRUMENT_WORDS,
  LANGUAGE_HINTS,
  METRE_WORDS,
  PACE_WORDS,
  THEME_CUES,
  THEME_STOPS,
  TITLE_SKIP,
  VOICE_WORDS,
} from "./lexicon_words.ts";

export interface Reading {
  language: Lang;
  /** Moods and activities, in order of mention (the DJ's keys). */
  moods: MoodKey[];
  genre: string | null;
  subgenre: string | null;
  bpm: number | null;
  pace: "slow" | "medium" | "fast" | null;
  key: Pitch | null;
  mode: "major" | "minor" | null;
  timeSignature: TimeSignature | null;
  instruments: string[];
  vocals: boolean | null;
  voice: "female" | "male" | null;
  seconds: number | null;
  /** What the lyrics are about, as the prompt words it. */
  theme: string | null;
  /** Words no rule claimed (names, places, images), as written. */
  rest: string[];
}

interface Token {
  text: string;
  /** Folded: lower case, no accents, no apostrophes. */
  w: string;
  start: number;
  end: number;
  used: boolean;
}

/** Accents off, keeping the string's length so positions map back to the original text. */
function plainOf(text: string): { orig: string; plain: string } {
  const orig = text.normalize("NFC");
  const plain = orig.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  return plain.length === orig.length ? { orig, plain } : { orig: plain, plain };
}

function tokenise(plain: string): Token[] {
  return [...plain.matchAll(/[\p{L}\p{N}&]+(?:['’-][\p{L}\p{N}&]+)*/gu)].map((m) => ({
    text: m[0],
    w: m[0].toLowerCase().replace(/ß/g, "ss").replace(/œ/g, "oe").replace(/['’]/g, ""),
    start: m.index,
    end: m.index + m[0].length,
    used: false,
  }));
}

type Table<T> = { seq: string[]; value: T }[];

/** Word lists to match entries: phrases before single words, the list's order on ties. */
function table<T>(rows: [T, string][]): Table<T> {
  const out: Table<T> = [];
  for (const [value, words] of rows) {
    for (const w of words.split(" ")) out.push({ seq: w.split("_"), value });
  }
  return out.sort((a, b) => b.seq.length - a.seq.length);
}

const wordIs = (pattern: string, w: string) =>
  pattern.endsWith("*") ? w.startsWith(pattern.slice(0, -1)) : w === pattern;

/** Every match of `t` among the tokens not yet used, marking them used. */
function claim<T>(tokens: Token[], t: Table<T>): { value: T; at: number; end: number }[] {
  const hits: { value: T; at: number; end: number }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const e = t.find(({ seq }) =>
      seq.every((p, k) => tokens[i + k] && !tokens[i + k].used && wordIs(p, tokens[i + k].w))
    );
    if (!e) continue;
    for (let k = 0; k < e.seq.length; k++) tokens[i + k].used = true;
    hits.push({ value: e.value, at: i, end: i + e.seq.length });
    i += e.seq.length - 1;
  }
  return hits;
}

const GENRES = table(GENRE_WORDS.map(([g, s, w]) => [[g, s] as const, w]));
const INSTRUMENTS = table(INSTRUMENT_WORDS);
const VOICES = table(VOICE_WORDS);
const PACES = table(PACE_WORDS);
const METRES = table(METRE_WORDS);
const CUES = table(THEME_CUES.split(" ").map((w) => [true, w] as [boolean, string]));

const NUM = "\\d+(?:[.,]\\d+)?|one|two|three|four|five|six|ten|an?|un|uno|una|um|uma|une|" +
  "eine?r?|dos|dois|duas|deux|zwei|tres|trois|drei|cuatro|quatro|quatre|vier|cinco|cinq|funf";
// deno-fmt-ignore
const NUMS: Record<string, number> = {
  one: 1, a: 1, an: 1, un: 1, uno: 1, una: 1, um: 1, uma: 1, une: 1, ein: 1, eine: 1, einer: 1,
  two: 2, dos: 2, dois: 2, duas: 2, deux: 2, zwei: 2, three: 3, tres: 3, trois: 3, drei: 3,
  four: 4, cuatro: 4, quatro: 4, quatre: 4, vier: 4, five: 5, cinco: 5, cinq: 5, funf: 5,
  six: 6, ten: 10,
};
const MIN = "minutos?|minuten?|minutes?|mins?|min\\.?";
const SEC = "seconds?|secs?|segundos?|secondes?|sekunden?|sek|seg|s";
const num = (s: string) => NUMS[s.toLowerCase()] ?? Number(s.replace(",", "."));

/** Number patterns; each marks the text it read so no word rule reads it again. */
function readPatterns(plain: string, mark: (m: RegExpExecArray) => void) {
  let bpm: number | null = null, seconds: number | null = null, ts: TimeSignature | null = null;
  const find = (re: RegExp, ok: (m: RegExpExecArray) => boolean = () => true) => {
    for (const m of plain.matchAll(re)) {
      if (ok(m)) {
        mark(m);
        return m;
      }
    }
    return null;
  };
  const b = find(
    /(?:\b(?:at|a|em|bei|mit|con|com|avec|en)\s+)?\b(\d{2,3})\s*-?\s*(?:bpm|b\.p\.m\.?|beats per minute|ppm|lpm|spm|pulsaciones)(?![a-z])/gi,
  ) ?? find(/\btempo\s*(?:of|de|von|:|=)?\s*(\d{2,3})\b/gi);
  if (b) bpm = Number(b[1]);
  const t = find(/(?<![\d/])(3\/4|6\/8|12\/8|4\/4|2\/4)(?![\d/])/g);
  if (t) ts = t[1] === "3/4" ? "3/4" : t[1] === "6/8" || t[1] === "12/8" ? "6/8" : "4/4";
  const half = find(
    /\b(?:half a minute|medio minuto|meio minuto|(?:une )?demi-minute|(?:eine )?halbe minute)\b/gi,
  );
  const clock = half ? null : find(/\b(\d{1,2}):([0-5]\d)\b/g);
  const mins = half || clock ? null : find(
    new RegExp(
      `\\b(${NUM})\\s*-?\\s*(?:${MIN})(?![a-z])(?:\\s*(?:and|y|e|et|und)?\\s*(\\d+)\\s*(?:${SEC})(?![a-z]))?`,
      "gi",
    ),
  );
  // "90 s" and "30s" are seconds; "80s"/"90s" glued are decades.
  const secs = half || clock || mins ? null : find(
    new RegExp(`\\b(\\d+)(\\s*-?\\s*)(${SEC})(?![a-z])`, "gi"),
    (m) => !(m[3].toLowerCase() === "s" && !m[2] && (Number(m[1]) % 10 === 0 && +m[1] >= 50)),
  );
  if (half) seconds = 30;
  else if (clock) seconds = Number(clock[1]) * 60 + Number(clock[2]);
  else if (mins) seconds = num(mins[1]) * 60 + Number(mins[2] ?? 0);
  else if (secs) seconds = Number(secs[1]);
  return { bpm, seconds, ts };
}

const LETTER: Record<string, number> = { c: 0, d: 2, e: 4, f: 5, g: 7, a: 9, b: 11, h: 11 };
const SOLFEGE: Record<string, number> = { do: 0, re: 2, mi: 4, fa: 5, sol: 7, la: 9, si: 11 };
const pitch = (base: number, shift: number): Pitch => PITCHES[(base + shift + 12) % 12];
const accidental = (a = "") =>
  /#|♯|sharp|sostenido|sustenido|diese/i.test(a) ? 1 : /♭|flat|bemol|^\s*b$/i.test(a) ? -1 : 0;
const modeOf = (w: string): "major" | "minor" =>
  /^(min|menor|mineur|minore|moll|m$)/i.test(w) ? "minor" : "major";

/** Key and mode: "in D minor", "F# major", "en re menor", "em lá menor", "in d-moll", "Es-Dur". */
function readKey(plain: string, mark: (m: RegExpExecArray) => void) {
  const MODE = "major|minor|maj|min";
  for (
    const m of plain.matchAll(
      new RegExp(
        `(?:\\b(in|key of|key)\\s+(?:the key of\\s+)?)?\\b([a-g])(\\s*(?:#|♯|♭|-?\\s?sharp|-?\\s?flat)|b(?=\\s*-?\\s*(?:${MODE})\\b))?\\s*-?\\s*(${MODE})\\b(?!\\s+key)`,
        "gi",
      ),
    )
  ) {
    // "a minor hit" is not A minor: a bare lower-case letter needs "in" or an accidental.
    if (!m[1] && !m[3] && m[2] === m[2].toLowerCase()) continue;
    mark(m);
    return { key: pitch(LETTER[m[2].toLowerCase()], accidental(m[3])), mode: modeOf(m[4]) };
  }
  const romance = plain.match(
    /(?:\b(?:en|em|in)\s+)?\b(do|re|mi|fa|sol|la|si)(\s*(?:#|♯|♭|sostenido|sustenido|diese|bemol))?\s+(mayor|menor|maior|majeur|mineur|maggiore|minore)\b/i,
  );
  const german = plain.match(/(?:\bin\s+)?\b([a-h])(is|es|s)?(?:\s*-\s*|\s+)(dur|moll)\b/i);
  const symbol = plain.match(/\b(?:in|en|em|im)\s+([A-G])(#|b|♯|♭)?(m)?(?![\w#♯♭])/);
  const found = (m: RegExpMatchArray, key: Pitch, mode: "major" | "minor" | null) => {
    mark(m as RegExpExecArray);
    return { key, mode };
  };
  if (romance) {
    return found(
      romance,
      pitch(SOLFEGE[romance[1].toLowerCase()], accidental(romance[2])),
      modeOf(romance[3]),
    );
  }
  if (german) {
    const l = german[1].toLowerCase(), s = (german[2] ?? "").toLowerCase();
    const base = l === "b" ? 10 : LETTER[l];
    return found(german, pitch(base, s === "is" ? 1 : s ? -1 : 0), modeOf(german[3]));
  }
  if (symbol) {
    return found(
      symbol,
      pitch(LETTER[symbol[1].toLowerCase()], accidental(symbol[2])),
      symbol[3] ? "minor" : null,
    );
  }
  const only = plain.match(
    /\b(minor|major)\s+key\b|\b(?:tonalidad|tono|tom|tonalidade|tonalite|mode|modo)\s+(menor|mayor|maior|mineure?|majeure?|minor|major)\b|\bin\s+(moll|dur)\b/i,
  );
  if (only) {
    mark(only as RegExpExecArray);
    return { key: null, mode: modeOf(only[1] ?? only[2] ?? only[3]) };
  }
  return { key: null, mode: null };
}

/** What `prompt` says about the song it asks for. */
export function readPrompt(prompt: string): Reading {
  const { orig, plain } = plainOf(prompt);
  const tokens = tokenise(plain);
  const mark = (m: RegExpExecArray) => {
    for (const t of tokens) if (t.start < m.index + m[0].length && t.end > m.index) t.used = true;
  };
  const { bpm, seconds, ts } = readPatterns(plain, mark);
  const { key, mode } = readKey(plain, mark);
  // The first genre named, with the first subgenre of it ("90s hip hop, boom bap").
  const genres = claim(tokens, GENRES).map((h) => h.value);
  const genre = genres[0]
    ? [genres[0][0], genres.find((g) => g[0] === genres[0][0] && g[1])?.[1] ?? null] as const
    : null;
  // Moods from the words left after genres ("balada" is a genre here, a night out to the DJ).
  const moodText = tokens.filter((t) => !t.used).map((t) => t.text).join(" ");
  const voices = claim(tokens, VOICES).map((h) => h.value);
  const instruments = [...new Set(claim(tokens, INSTRUMENTS).map((h) => h.value))];
  const pace = claim(tokens, PACES)[0]?.value ?? null;
  const metre = claim(tokens, METRES)[0]?.value ?? null;
  const cue = claim(tokens, CUES)[0];

  // The theme runs from its cue to a punctuation mark, a word some rule read, or "with".
  let theme: string | null = null;
  const inTheme = new Set<number>();
  if (cue) {
    let last = -1;
    for (let i = cue.end; i < tokens.length; i++) {
      const gap = plain.slice(tokens[i - 1].end, tokens[i].start);
      if (/[,.;:!?()|]/.test(gap) || tokens[i].used || THEME_STOPS.has(tokens[i].w)) break;
      inTheme.add(i);
      last = i;
    }
    if (last >= cue.end) theme = orig.slice(tokens[cue.end].start, tokens[last].end);
  }

  const a = analyse(orig);
  // The DJ's guess counts once, each word only one language uses twice.
  const score = (l: Lang) =>
    (l === a.language ? 1 : 0) +
    2 * tokens.filter((t) => LANGUAGE_HINTS[l].split(" ").includes(t.w)).length;
  const language = LANGS.reduce((best, l) => score(l) > score(best) ? l : best, a.language);
  const stop = new Set(Object.values(STOPWORDS).flatMap((s) => s.split(" ")));
  const rest = tokens.filter((t, i) => {
    if (t.used || inTheme.has(i) || t.w.length < 3 || stop.has(t.w) || TITLE_SKIP.has(t.w)) {
      return false;
    }
    const one = analyse(t.w);
    return one.moods.length === 0 && one.genres.length === 0;
  }).map((t) => orig.slice(t.start, t.end));

  const vocals = voices.includes("none") ? false : voices.length || theme !== null ? true : null;
  return {
    language,
    moods: analyse(moodText).moods.map((m) => m.key),
    genre: genre?.[0] ?? null,
    subgenre: genre?.[1] ?? null,
    bpm,
    pace,
    key,
    mode,
    timeSignature: ts ?? metre,
    instruments,
    vocals,
    voice: voices.includes("female") ? "female" : voices.includes("male") ? "male" : null,
    seconds,
    theme,
    rest,
  };
}
