/**
 * The one shape of a language's lyric words: default themes and line banks per mood group.
 * `{theme}` in a chorus line is the plan's lyrics theme; each language's choruses put it after
 * a word that takes any noun phrase unchanged (no contraction, no case change).
 *
 * @module
 */

export const GROUPS = ["calm", "happy", "sad", "love", "power", "dark"] as const;
export type Group = (typeof GROUPS)[number];

export interface Bank {
  /** A lyrics theme when the prompt gives none. */
  themes: Record<Group, string>;
  /** Rhyming couplets: lines 1–2, 3–4, … go together. */
  verse: Record<Group, string[]>;
  /** Four lines per group; the chorus repeats them. */
  chorus: Record<Group, string[]>;
  /** Any two of these, shuffled, so each line stands alone. */
  pre_chorus: string[];
  /** Shuffled, so each line stands alone. */
  bridge: string[];
}
