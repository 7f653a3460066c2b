/**
 * Real artists' names, kept out of song plans: a plan goes to a music-generation provider, and
 * a prompt like "sounds like Taylor Swift" must reach it as a sound, not a name. The names are
 * the DJ catalogue's artists plus a short list of very famous ones; the catalogue also says what
 * an artist sounds like (its genres), which the offline enhancer uses instead of the name.
 *
 * @module
 */
import { catalogue } from "../dj/catalogue.ts";
import type { SongPlan } from "./plan.ts";

/** Very famous artists the DJ catalogue does not list, with the genre they stand for. */
const FAMOUS: [string, string][] = [
  ["Beyoncé", "r&b"],
  ["Rihanna", "pop"],
  ["Ariana Grande", "pop"],
  ["Lady Gaga", "pop"],
  ["Madonna", "pop"],
  ["Britney Spears", "pop"],
  ["Justin Bieber", "pop"],
  ["Elton John", "pop"],
  ["ABBA", "pop"],
  ["Whitney Houston", "r&b"],
  ["Mariah Carey", "r&b"],
  ["The Beatles", "rock"],
  ["Beatles", "rock"],
  ["Elvis Presley", "rock"],
  ["Elvis", "rock"],
  ["David Bowie", "rock"],
  ["Bob Dylan", "folk"],
  ["Coldplay", "rock"],
  ["U2", "rock"],
  ["Bruce Springsteen", "rock"],
  ["Imagine Dragons", "rock"],
  ["Post Malone", "hip hop"],
  ["Jay-Z", "hip hop"],
  ["Tupac", "hip hop"],
  ["2Pac", "hip hop"],
  ["Frank Sinatra", "jazz"],
  ["Louis Armstrong", "jazz"],
  ["Bruno Mars", "pop"],
  ["Maroon 5", "pop"],
  ["Lana Del Rey", "pop"],
  ["Ed Sheeran", "pop"],
  ["Billie Eilish", "pop"],
  ["Skrillex", "electronic"],
  ["Tiësto", "electronic"],
];

/**
 * Names that are also ordinary words or phrases: removed only after a cue ("like Queen", "by
 * Air"), so "a chic, airy song" keeps its words.
 */
const AMBIGUOUS = new Set([
  "air",
  "queen",
  "prince",
  "chic",
  "survivor",
  "stardust",
  "idealism",
  "underworld",
  "twice",
  "phoenix",
  "nirvana",
  "cro",
  "iu",
  "iam",
  "wys",
  "saib",
  "falco",
  "psy",
  "moderat",
  "the gang",
  "double trouble",
  "global communication",
]);

/** Words that introduce a name; removed with it. */
const CUES = [
  "sounds like",
  "sound like",
  "in the style of",
  "style of",
  "inspired by",
  "like",
  "by",
  "a la",
  "suena como",
  "al estilo de",
  "estilo de",
  "inspirado en",
  "inspirada en",
  "como",
  "tipo",
  "soa como",
  "no estilo de",
  "dans le style de",
  "a la maniere de",
  "facon",
  "comme",
  "im stil von",
  "stil von",
  "wie",
  "von",
  "de",
].map((c) => c.split(" "));

const DANGLING = new Set(
  "about of by with and like de sobre con com avec sur von wie mit und y e et".split(" "),
);

/** Lower case, accents off, split into words (`Swift's` → swift s, `AC/DC` → ac dc). */
export function words(text: string): string[] {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/ß/g, "ss").replace(/œ/g, "oe").replace(/['’]s\b/g, " s").replace(/['’.]/g, "").split(
      /[^a-z0-9&]+/,
    )
    .filter(Boolean);
}

interface Known {
  words: string[];
  name: string;
  genre: string;
  ambiguous: boolean;
}

let known: Known[] | null = null;

function names(): Known[] {
  if (known) return known;
  const out = new Map<string, Known>();
  const add = (name: string, genre: string) => {
    const w = words(name);
    const key = w.join(" ");
    if (w.length && !out.has(key)) {
      out.set(key, { words: w, name, genre, ambiguous: AMBIGUOUS.has(key) });
    }
  };
  for (const t of catalogue()) {
    add(t.artist, t.genres[0] ?? "pop");
    // "Carlos Vives & Shakira": each of several names, but not a lone word of a band's name
    // ("Earth, Wind & Fire"); a one-word artist is listed on its own anyway.
    for (const part of t.artist.split(/\s*(?:&|,)\s*/)) {
      if (part !== t.artist && part.includes(" ")) add(part, t.genres[0] ?? "pop");
    }
  }
  for (const [name, genre] of FAMOUS) add(name, genre);
  // Longest first, so "Daft Punk & Pharrell Williams" goes before "Daft Punk".
  known = [...out.values()].sort((a, b) => b.words.length - a.words.length);
  return known;
}

/** Every known real artist's name (the catalogue's and the famous ones), longest first. */
export function knownArtistNames(): string[] {
  return names().map((k) => k.name);
}

interface Token {
  text: string;
  /** Its words, as `words()` makes them. */
  parts: string[];
}

/** The artists named in `text`, with the genre each stands for, in order of mention. */
export function findArtists(text: string): { name: string; genre: string }[] {
  return scan(text).found.map((k) => ({ name: k.name, genre: k.genre }));
}

/** `text` without artists' names and the cue words that introduced them. */
export function stripArtists(text: string): string {
  const { tokens, drop } = scan(text);
  const kept = tokens.filter((_, i) => !drop.has(i)).map((t) => t.text);
  // A preposition left hanging at the end ("a daydream about") goes too.
  while (kept.length && DANGLING.has(words(kept.at(-1)!).join(" "))) kept.pop();
  return kept.join(" ").replace(/\s+([,.;:!?])/g, "$1").replace(/([,;:]\s*)+$/, "")
    .replace(/^[\s,;:]+|[\s,;:&]+$/g, "").replace(/\s{2,}/g, " ").trim();
}

function scan(text: string): { tokens: Token[]; drop: Set<number>; found: Known[] } {
  const tokens: Token[] = text.split(/\s+/).filter(Boolean).map((t) => ({
    text: t,
    parts: words(t),
  }));
  // Flat word list, each word pointing back at its token.
  const flat: { w: string; tok: number }[] = [];
  tokens.forEach((t, i) => t.parts.forEach((w) => flat.push({ w, tok: i })));
  const drop = new Set<number>();
  const found: Known[] = [];
  const at = (i: number, seq: string[]) => seq.every((w, k) => flat[i + k]?.w === w);
  for (let i = 0; i < flat.length; i++) {
    if (drop.has(flat[i].tok)) continue;
    const k = names().find((n) => at(i, n.words));
    if (!k) continue;
    const cue = CUES.find((c) => i - c.length >= 0 && at(i - c.length, c));
    if (k.ambiguous && !cue) continue;
    found.push(k);
    const end = i + k.words.length - 1;
    // Whole tokens go, with what is glued to the name ("Swift's", "Swift-esque").
    for (let j = i; j <= end; j++) drop.add(flat[j].tok);
    if (cue) { for (let j = i - cue.length; j < i; j++) drop.add(flat[j].tok); }
    i = end;
  }
  return { tokens, drop, found: found.filter((k, i) => found.indexOf(k) === i) };
}

/** True when `text` still names an artist (ambiguous names count only after a cue). */
export function namesArtist(text: string): boolean {
  return scan(text).found.length > 0;
}

/**
 * The plan without artists' names in its free text: style words naming one are dropped, the
 * title and lyrics theme lose the name (a title left empty becomes `fallbackTitle`).
 */
export function cleanPlan(plan: SongPlan, fallbackTitle: string): SongPlan {
  const title = stripArtists(plan.title);
  const theme = plan.lyrics_theme === null ? null : stripArtists(plan.lyrics_theme);
  return {
    ...plan,
    title: title.length > 1 ? title : fallbackTitle,
    lyrics_theme: theme ? theme : null,
    style_words: plan.style_words.filter((w) => !namesArtist(w)),
  };
}
