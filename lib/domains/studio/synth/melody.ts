/**
 * The lead melody: seeded, shaped in phrases, fitted to the harmony.
 *
 * Each section name gets its own material (so a second verse sings the first verse's tune): a
 * two-bar motif (rhythm and a stepwise contour on the scale, rising then falling) and its answer
 * (the motif's rhythm, a new contour). Strong beats and phrase ends land on a tone of the chord
 * under them; a section's last phrase ends long, on the chord's root. The rhythm and contour
 * come from the seed and the section alone, not from the genre, so a restyled song keeps its
 * tune: only the landing notes move to the new chords' tones.
 *
 * @module
 */
import type { BarChord, NoteEvent, SectionSpan } from "./arrangement.ts";
import { type Rng, rng } from "./rng.ts";
import { type Mode, octaveBase, SCALES } from "./theory.ts";

/** Rhythm cells in sixteenths; negative = rest. Per density (1 sparse … 3 dense). */
const CELLS: Record<number, number[][]> = {
  1: [[8], [4, -4], [6, 2], [-4, 4], [12, -4]],
  2: [[4], [2, 2], [3, 1], [6, 2], [-2, 2], [4, 4], [2, -2]],
  3: [[2, 2], [1, 1, 2], [2, 1, 1], [4], [3, 3, 2], [2, 2, 2, 2]],
};

interface MotifNote {
  step: number;
  len: number;
  /** Scale step relative to the tonic (0 = tonic of the melody's octave). */
  degree: number;
  strong: boolean;
}

function barRhythm(r: Rng, steps: number, density: number, beatSteps: number): [number, number][] {
  const out: [number, number][] = [];
  let at = 0;
  while (at < steps) {
    const cell = r.pick(CELLS[density]);
    for (const c of cell) {
      const len = Math.min(Math.abs(c), steps - at);
      if (len <= 0) break;
      if (c > 0) out.push([at, len]);
      at += len;
    }
  }
  if (out.length === 0) out.push([0, beatSteps * 2]);
  return out;
}

/** A phrase of `bars` bars: rhythm per bar plus a contour that rises then falls. */
function phrase(
  r: Rng,
  bars: number,
  steps: number,
  density: number,
  beatSteps: number,
  start: number,
): MotifNote[] {
  const notes: MotifNote[] = [];
  for (let b = 0; b < bars; b++) {
    for (const [at, len] of barRhythm(r, steps, density, beatSteps)) {
      notes.push({ step: b * steps + at, len, degree: 0, strong: at % (beatSteps * 2) === 0 });
    }
  }
  let d = start;
  const peak = start + 2 + r.int(4);
  notes.forEach((n, i) => {
    const t = i / Math.max(1, notes.length - 1);
    const target = t < 0.6
      ? start + (peak - start) * (t / 0.6)
      : peak + (start - 1 - peak) * ((t - 0.6) / 0.4);
    const pull = Math.sign(Math.round(target - d));
    const move = r.weighted([1, 5, 3, 1]) *
      (r.chance(0.7) ? pull || (r.chance(0.5) ? 1 : -1) : -pull || 1);
    d = Math.max(-3, Math.min(10, i === 0 ? d : d + move));
    n.degree = d;
  });
  return notes;
}

/** The nearest MIDI note to `midi` whose pitch class is one of `tones` (ties go down). */
function nearestTone(midi: number, tones: number[]): number {
  for (let k = 0; k <= 6; k++) {
    if (tones.includes((((midi - k) % 12) + 12) % 12)) return midi - k;
    if (tones.includes(((midi + k) % 12 + 12) % 12)) return midi + k;
  }
  return midi;
}

export interface MelodyInput {
  seed: number;
  sections: SectionSpan[];
  chords: BarChord[];
  tonic: number;
  mode: Mode;
  beatsPerBar: number;
  stepsPerBeat: number;
}

export function melody(
  { seed, sections, chords, tonic, mode, beatsPerBar, stepsPerBeat }: MelodyInput,
): NoteEvent[] {
  const scale = SCALES[mode];
  const base = octaveBase(4) + (tonic > 7 ? tonic - 12 : tonic);
  const toMidi = (degree: number) => {
    const o = Math.floor(degree / 7);
    return base + 12 * o + scale[degree - 7 * o];
  };
  const steps = beatsPerBar * stepsPerBeat;
  const beatSteps = stepsPerBeat === 2 ? 3 : stepsPerBeat;
  const out: NoteEvent[] = [];
  const material = new Map<string, MotifNote[][]>();
  for (const s of sections) {
    if (s.lead === 0) continue;
    const key = `${s.name}:${s.lead}`;
    let units = material.get(key);
    if (!units) {
      const r = rng(seed, "melody", s.name, s.lead, beatsPerBar);
      const motifBars = Math.min(2, s.bars);
      const motif = phrase(r, motifBars, steps, s.lead, beatSteps, r.pick([0, 2, 4]));
      // The answer keeps the motif's rhythm with a contour of its own, ending lower.
      const answer = phrase(r, motifBars, steps, s.lead, beatSteps, r.pick([2, 4]))
        .slice(0, motif.length);
      units = [motif, motif.map((n, i) => ({ ...n, degree: answer[i]?.degree ?? n.degree - 1 }))];
      material.set(key, units);
    }
    const unitBars = Math.min(2, s.bars);
    for (let bar = 0, u = 0; bar < s.bars; bar += unitBars, u++) {
      const notes = units[u % 2].filter((n) => n.step < (s.bars - bar) * steps);
      const last = bar + unitBars >= s.bars;
      notes.forEach((n, i) => {
        const beat = s.startBeat + bar * beatsPerBar + n.step / stepsPerBeat;
        const chord = chords.find((c) => beat >= c.beat && beat < c.beat + c.beats) ?? chords[0];
        let midi = toMidi(n.degree);
        const end = i === notes.length - 1;
        if (end && last) midi = nearestTone(midi, [chord.chord.root]);
        else if (n.strong || end) midi = nearestTone(midi, chord.chord.tones);
        const beats = end
          ? Math.max(
            n.len / stepsPerBeat,
            (s.startBeat + (bar + unitBars) * beatsPerBar - beat) * 0.85,
          )
          : n.len / stepsPerBeat;
        const accent = n.step % steps === 0 ? 1 : n.strong ? 0.9 : 0.75;
        out.push({
          beat,
          beats: Math.min(beats, s.bars * beatsPerBar - (beat - s.startBeat)),
          midi,
          velocity: accent * s.energy * (s.lead === 1 ? 0.8 : 1),
        });
      });
    }
  }
  return out;
}
