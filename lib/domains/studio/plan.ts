/**
 * A song plan: what the studio makes a song from. The prompt enhancer (AI port or offline lexicon)
 * writes one, the user edits it, the generator (the offline synthesiser or a hosted model)
 * renders it. One schema for all of them; its length follows from its structure and tempo.
 *
 * @module
 */
import { z } from "zod";

/** Pitch classes, spelled as musicians read keys (flats where a key signature has them). */
export const PITCHES = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"] as const;
export type Pitch = (typeof PITCHES)[number];

export const SECTION_NAMES = [
  "intro",
  "verse",
  "pre_chorus",
  "chorus",
  "bridge",
  "solo",
  "breakdown",
  "outro",
] as const;

export const TIME_SIGNATURES = ["4/4", "3/4", "6/8"] as const;
export type TimeSignature = (typeof TIME_SIGNATURES)[number];

export const Section = z.object({
  name: z.enum(SECTION_NAMES),
  bars: z.number().int().min(1).max(64),
});
export type Section = z.infer<typeof Section>;

const words = (max: number) => z.array(z.string().trim().min(1).max(40)).max(max);

export const SongPlan = z.object({
  title: z.string().trim().min(1).max(120),
  genre: z.string().trim().min(1).max(40),
  subgenre: z.string().trim().min(1).max(40).nullable(),
  mood: z.string().trim().min(1).max(40),
  tempo_bpm: z.number().int().min(50).max(200),
  key: z.enum(PITCHES),
  mode: z.enum(["major", "minor"]),
  time_signature: z.enum(TIME_SIGNATURES),
  instrumentation: words(12).min(1),
  structure: z.array(Section).min(1).max(24),
  vocals: z.boolean(),
  lyrics_theme: z.string().trim().min(1).max(200).nullable(),
  /** Descriptors of the sound ("warm", "tape-saturated"): never a real artist's name. */
  style_words: words(12),
});
export type SongPlan = z.infer<typeof SongPlan>;

/** Beats in a bar, counted in the note the tempo is given in (6/8: six eighths). */
export function beatsPerBar(ts: TimeSignature): number {
  return ts === "3/4" ? 3 : ts === "6/8" ? 6 : 4;
}

/** The plan's length in seconds: its bars at its tempo. */
export function planSeconds(plan: Pick<SongPlan, "structure" | "tempo_bpm" | "time_signature">) {
  const bars = plan.structure.reduce((n, s) => n + s.bars, 0);
  return (bars * beatsPerBar(plan.time_signature) * 60) / plan.tempo_bpm;
}
