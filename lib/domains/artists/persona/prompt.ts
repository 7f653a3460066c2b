/**
 * The studio prompt for a song made for a persona: the idea plus the persona's style (genres,
 * moods, a tempo from its range, vocal style, influences as sound descriptors, the lyrics'
 * language), in the words the studio's prompt reader understands ("… at 117 bpm"). A change to
 * the persona (a faster tempo range, a new mood) changes the next prompt. Real artists' names
 * never reach the studio: they are stripped from the idea and the whole prompt.
 *
 * @module
 */
import { type Lang, LANGS } from "../../dj/lexicon.ts";
import { stripArtists } from "../../studio/artists.ts";
import { clip } from "../../writing/tasks/writing.ts";
import type { Persona } from "../types.ts";
import { languageName } from "./market.ts";

export const STUDIO_PROMPT_MAX = 1000;

/** The tempo a new song aims for: the middle of the persona's range. */
export function personaTempo(p: Pick<Persona, "tempo_range">): number {
  return Math.round((p.tempo_range.min + p.tempo_range.max) / 2);
}

/** The studio's lyrics language for the persona (English when the studio does not write it). */
export function studioLanguage(p: Pick<Persona, "language">): Lang {
  return (LANGS as readonly string[]).includes(p.language) ? p.language as Lang : "en";
}

const instrumental = (p: Persona) => /^instrumental\b/i.test(p.vocal_style.trim());

/** The prompt for a studio song made for `persona` from `idea` (≤ 1000 characters, no names). */
export function studioPrompt(persona: Persona, idea: string): string {
  const what = clip(stripArtists(idea.replace(/\s+/g, " ").trim()).replace(/[.!?]+$/, ""), 400);
  const style = [
    `A ${persona.moods.slice(0, 3).join(", ")} ${persona.genres.slice(0, 3).join(" / ")} song ` +
    `at ${personaTempo(persona)} bpm.`,
    instrumental(persona) ? "Instrumental." : `Vocals: ${persona.vocal_style.replace(/\.$/, "")}.`,
    `Sound: ${persona.influences.slice(0, 6).join(", ")}.`,
  ];
  if (!instrumental(persona)) style.push(`Lyrics in ${languageName(persona.language)}.`);
  const text = [what ? `${what}.` : "", ...style].filter(Boolean).join(" ");
  return clip(stripArtists(text), STUDIO_PROMPT_MAX);
}
