/**
 * What the offline lyric writer writes with: one bank per language (lyrics/<lang>.ts, all of
 * the shape in lyrics/shape.ts) and the mood group a plan's mood falls in.
 *
 * @module
 */
import { analyse, type Lang, type MoodKey } from "../dj/lexicon.ts";
import { DE } from "./lyrics/de.ts";
import { EN } from "./lyrics/en.ts";
import { ES } from "./lyrics/es.ts";
import { FR } from "./lyrics/fr.ts";
import { PT } from "./lyrics/pt.ts";
import { type Bank, type Group, GROUPS } from "./lyrics/shape.ts";

const GROUP_OF: Record<MoodKey, Group> = {
  calm: "calm",
  focus: "calm",
  sleep: "calm",
  chill: "calm",
  dreamy: "calm",
  meditation: "calm",
  happy: "happy",
  party: "happy",
  uplifting: "happy",
  groovy: "happy",
  driving: "happy",
  sad: "sad",
  melancholic: "sad",
  nostalgic: "sad",
  romantic: "love",
  dinner: "love",
  energetic: "power",
  workout: "power",
  epic: "power",
  angry: "power",
  dark: "dark",
};

/** The group of a mood word in any of the five languages; by mode when the word is unknown. */
export function moodGroup(mood: string, mode: "major" | "minor"): Group {
  const key = analyse(mood).moods[0]?.key;
  return key ? GROUP_OF[key] : mode === "minor" ? "sad" : "happy";
}

export const BANKS: Record<Lang, Bank> = { en: EN, es: ES, pt: PT, fr: FR, de: DE };

/** A lyrics theme when the prompt gives none, per group and language. */
export const DEFAULT_THEMES = Object.fromEntries(
  GROUPS.map((
    g,
  ) => [g, Object.fromEntries(Object.entries(BANKS).map(([l, b]) => [l, b.themes[g]]))]),
) as Record<Group, Record<Lang, string>>;
