/**
 * Music theory for the synthesiser: scales, diatonic chords and progressions (scale degrees per
 * genre family and section), MIDI numbers and frequencies.
 *
 * @module
 */
import { type Pitch, PITCHES } from "../plan.ts";

export type Mode = "major" | "minor";

export const SCALES: Record<Mode, readonly number[]> = {
  major: [0, 2, 4, 5, 7, 9, 11],
  /** Natural minor; progressions may ask for the harmonic minor's major V. */
  minor: [0, 2, 3, 5, 7, 8, 10],
};

export function pitchClass(key: Pitch): number {
  return PITCHES.indexOf(key);
}

export function midiToHz(midi: number): number {
  return 440 * 2 ** ((midi - 69) / 12);
}

export interface Chord {
  /** Scale degree 0..6 of the root. */
  degree: number;
  /** Pitch class of the root. */
  root: number;
  /** Pitch classes from the root up: triad, or with the seventh when asked. */
  tones: number[];
}

/**
 * The diatonic chord on `degree` (0-based) of the key, stacked in thirds from the scale.
 * `majorV`: in minor, raise the third of V (harmonic minor: the leading tone).
 */
export function diatonicChord(
  tonic: number,
  mode: Mode,
  degree: number,
  { seventh = false, majorV = false } = {},
): Chord {
  const scale = SCALES[mode];
  const tones: number[] = [];
  // The tonic stays a triad: a seventh on it (or on vi) blurs major against its relative minor.
  for (let k = 0; k < (seventh && degree !== 0 ? 4 : 3); k++) {
    const step = degree + 2 * k;
    let pc = (tonic + scale[step % 7]) % 12;
    if (majorV && mode === "minor" && degree === 4 && k === 1) pc = (pc + 1) % 12;
    tones.push(pc);
  }
  return { degree, root: tones[0], tones };
}

/**
 * A progression, one chord per bar, written as 1-based degrees ("1 5 6 4"); a trailing "M"
 * asks for a major V in minor ("5M").
 */
export function parseProgression(
  text: string,
  tonic: number,
  mode: Mode,
  seventh: boolean,
): Chord[] {
  return text.trim().split(/\s+/).map((t) => {
    const degree = parseInt(t, 10) - 1;
    return diatonicChord(tonic, mode, degree, { seventh, majorV: t.endsWith("M") });
  });
}

/** The scale's pitch classes in the key. */
export function scalePitchClasses(tonic: number, mode: Mode): number[] {
  return SCALES[mode].map((s) => (tonic + s) % 12);
}

/** The MIDI note of the C starting `octave` (scientific pitch: octave 4 → 60, middle C). */
export function octaveBase(octave: number): number {
  return 12 * (octave + 1);
}

/** The lowest MIDI note of pitch class `pc` at or above `floor`. */
export function noteAtOrAbove(pc: number, floor: number): number {
  return floor + ((pc - floor) % 12 + 12) % 12;
}

export type ProgressionSection = "verse" | "pre_chorus" | "chorus" | "bridge";

/** Progressions per section, major and minor. */
export type ProgressionSet = Record<Mode, Record<ProgressionSection, string>>;
