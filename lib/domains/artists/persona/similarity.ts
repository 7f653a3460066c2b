/**
 * How close a persona's name is to a real artist's. Names are compared normalised (lower case,
 * accents and punctuation off, a leading "the" dropped), so "Beyonce" is "Beyoncé" and "The
 * Beatless" is one letter from "The Beatles". Two names are close when their words are the same
 * (in any order) or when the whole names score at least `NAME_SIMILARITY` by Jaro–Winkler or by
 * normalised Levenshtein.
 *
 * Jaro–Winkler rewards a shared prefix, so on its own it calls "Queen Bee" a copy of "Queen":
 * it is only used between names of similar length (the shorter at least `JW_LENGTH_RATIO` of the
 * longer); Levenshtein covers the rest. Between names of as many words, every pair of words
 * must also be loosely alike (`WORD_SIMILARITY`), so two similar first names do not make a copy.
 *
 * @module
 */
import { findArtists, knownArtistNames, words } from "../../studio/artists.ts";

export const NAME_SIMILARITY = 0.88;
export const JW_LENGTH_RATIO = 0.8;
/** Between names of as many words, each pair must be at least this alike. */
export const WORD_SIMILARITY = 0.75;

/** The comparable form of a name: its words, a leading article off ("the beatles" → beatles). */
export function nameKey(name: string): string {
  const w = words(name);
  if (w.length > 1 && (w[0] === "the" || w[0] === "a")) w.shift();
  return w.join(" ");
}

/** Jaro–Winkler similarity, 0 … 1 (prefix scale 0.1 over at most 4 characters). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (!a.length || !b.length) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aHit = new Array<boolean>(a.length).fill(false);
  const bHit = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(b.length - 1, i + window);
    for (let j = lo; j <= hi; j++) {
      if (bHit[j] || a[i] !== b[j]) continue;
      aHit[i] = bHit[j] = true;
      matches++;
      break;
    }
  }
  if (!matches) return 0;
  let k = 0;
  let halfTranspositions = 0;
  for (let i = 0; i < a.length; i++) {
    if (!aHit[i]) continue;
    while (!bHit[k]) k++;
    if (a[i] !== b[k]) halfTranspositions++;
    k++;
  }
  const m = matches;
  const jaro = (m / a.length + m / b.length + (m - halfTranspositions / 2) / m) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** 1 − edit distance ÷ the longer length, 0 … 1. */
export function levenshteinSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const longest = Math.max(a.length, b.length);
  if (!longest) return 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return 1 - prev[b.length] / longest;
}

interface Key {
  /** Words in order, one space apart. */
  words: string;
  /** The same words sorted, for any order. */
  sorted: string;
  /** Letters and digits only. */
  flat: string;
}

function keyOf(name: string): Key {
  const words = nameKey(name);
  return {
    words,
    sorted: words.split(" ").sort().join(" "),
    flat: words.replace(/ /g, ""),
  };
}

/** Jaro–Winkler (between similar lengths) or Levenshtein, whichever is higher. */
function stringSimilarity(a: string, b: string): number {
  const lev = levenshteinSimilarity(a, b);
  const ratio = Math.min(a.length, b.length) / Math.max(a.length, b.length);
  return ratio >= JW_LENGTH_RATIO ? Math.max(lev, jaroWinkler(a, b)) : lev;
}

function similarityOfKeys(a: Key, b: Key): number {
  if (!a.words || !b.words) return 0;
  // Spaces are not letters: "Taylor  Swift" and "TaylorSwift" are the same name.
  if (a.sorted === b.sorted || a.flat === b.flat) return 1;
  const whole = stringSimilarity(a.flat, b.flat);
  const aw = a.words.split(" ");
  const bw = b.words.split(" ");
  if (whole < NAME_SIMILARITY || aw.length !== bw.length || aw.length < 2) return whole;
  // Word by word, the least alike pair caps the score: "Carmela Ruiz" is not "Carla Bruni".
  const least = Math.min(...aw.map((w, i) => stringSimilarity(w, bw[i])));
  return least >= WORD_SIMILARITY ? whole : least;
}

/** How alike two names are, 0 … 1, by the rules in the module doc (1: the same words). */
export function nameSimilarity(a: string, b: string): number {
  return similarityOfKeys(keyOf(a), keyOf(b));
}

/** The first of `candidates` `name` is close to (see the module doc), or null. */
export function closeName(name: string, candidates: Iterable<string>): string | null {
  const key = keyOf(name);
  for (const c of candidates) {
    if (similarityOfKeys(key, keyOf(c)) >= NAME_SIMILARITY) return c;
  }
  return null;
}

let known: { name: string; key: Key }[] | null = null;

/**
 * The real artist a name is, contains or is close to (the catalogue and the famous names), or
 * null: the check an invented name must pass and the guardrails' offline name check.
 */
export function realArtistFor(name: string): string | null {
  const named = findArtists(name)[0];
  if (named) return named.name;
  known ??= knownArtistNames().map((n) => ({ name: n, key: keyOf(n) }));
  const key = keyOf(name);
  return known.find((k) => similarityOfKeys(key, k.key) >= NAME_SIMILARITY)?.name ?? null;
}
