/**
 * The arrangement: a plan and a style turned into timed events, in beats (the plan's beat: a
 * quarter in 4/4 and 3/4, an eighth in 6/8). Sections set the energy (intro sparse, chorus
 * fullest, breakdown bare); chords follow the family's progression for the section, one per bar;
 * bass plays the style's pattern on the chord roots (or walks, in jazz); drums play the style's
 * groove with a fill into each new section and a crash on its first beat.
 *
 * @module
 */
import { beatsPerBar, type SongPlan } from "../plan.ts";
import { rng } from "./rng.ts";
import type { Style } from "./styles.ts";
import { TRIPLE_METER } from "./styles.ts";
import {
  type Chord,
  diatonicChord,
  type Mode,
  noteAtOrAbove,
  octaveBase,
  parseProgression,
  pitchClass,
  type ProgressionSection,
} from "./theory.ts";

export type Part = "drums" | "bass" | "chords" | "lead";
export const PARTS: readonly Part[] = ["drums", "bass", "chords", "lead"];

export type DrumSound = "kick" | "snare" | "hat" | "open" | "perc" | "crash" | "tom_hi" | "tom_lo";

export interface NoteEvent {
  beat: number;
  beats: number;
  midi: number;
  /** 0..1 */
  velocity: number;
}

export interface DrumHit {
  beat: number;
  sound: DrumSound;
  velocity: number;
}

export interface SectionSpan {
  name: SongPlan["structure"][number]["name"];
  /** Index among the plan's sections. */
  index: number;
  startBeat: number;
  bars: number;
  /** 0 none … 3 full with crash and open hats. */
  drums: number;
  bass: boolean;
  /** 0 none, 1 sparse, 2 normal, 3 dense. */
  lead: number;
  /** Loudness factor of the section. */
  energy: number;
}

export interface BarChord {
  beat: number;
  beats: number;
  chord: Chord;
  section: number;
}

export interface Arrangement {
  beatsPerBar: number;
  /** Sixteenths per beat: 4 in x/4, 2 in 6/8. */
  stepsPerBeat: number;
  totalBeats: number;
  tonic: number;
  mode: Mode;
  sections: SectionSpan[];
  chords: BarChord[];
  bass: NoteEvent[];
  chordNotes: NoteEvent[];
  drums: DrumHit[];
}

const FEEL: Record<
  SectionSpan["name"],
  Omit<SectionSpan, "name" | "index" | "startBeat" | "bars">
> = {
  intro: { drums: 1, bass: false, lead: 0, energy: 0.7 },
  verse: { drums: 2, bass: true, lead: 2, energy: 0.85 },
  pre_chorus: { drums: 2, bass: true, lead: 2, energy: 0.92 },
  chorus: { drums: 3, bass: true, lead: 3, energy: 1 },
  bridge: { drums: 1, bass: true, lead: 1, energy: 0.85 },
  solo: { drums: 2, bass: true, lead: 3, energy: 0.95 },
  breakdown: { drums: 0, bass: false, lead: 1, energy: 0.7 },
  outro: { drums: 1, bass: true, lead: 0, energy: 0.8 },
};

const PROGRESSION_OF: Record<SectionSpan["name"], ProgressionSection> = {
  intro: "verse",
  verse: "verse",
  pre_chorus: "pre_chorus",
  chorus: "chorus",
  bridge: "bridge",
  solo: "chorus",
  breakdown: "verse",
  outro: "chorus",
};

const LEVEL: Record<string, number> = { x: 1, o: 0.75, g: 0.4 };

/** Hits of a pattern string: [step, velocity]. */
function hits(pattern: string): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < pattern.length; i++) {
    const v = LEVEL[pattern[i]];
    if (v) out.push([i, v]);
  }
  return out;
}

export function sectionsOf(plan: SongPlan): SectionSpan[] {
  const bpb = beatsPerBar(plan.time_signature);
  let beat = 0;
  return plan.structure.map((s, index) => {
    const span = { name: s.name, index, startBeat: beat, bars: s.bars, ...FEEL[s.name] };
    beat += s.bars * bpb;
    return span;
  });
}

/** One chord per bar; the song's last bar rests on the tonic. */
export function chordsOf(plan: SongPlan, style: Style, sections: SectionSpan[]): BarChord[] {
  const bpb = beatsPerBar(plan.time_signature);
  const tonic = pitchClass(plan.key);
  const out: BarChord[] = [];
  for (const s of sections) {
    const text = style.progressions[plan.mode][PROGRESSION_OF[s.name]];
    const prog = parseProgression(text, tonic, plan.mode, style.chords.seventh);
    for (let b = 0; b < s.bars; b++) {
      out.push({
        beat: s.startBeat + b * bpb,
        beats: bpb,
        chord: prog[b % prog.length],
        section: s.index,
      });
    }
  }
  const last = out[out.length - 1];
  last.chord = diatonicChord(tonic, plan.mode, 0, { seventh: style.chords.seventh });
  return out;
}

/** A close voicing of the chord's tones around `center` (smooth from chord to chord). */
export function voicing(chord: Chord, center: number): number[] {
  return chord.tones.map((pc) => noteAtOrAbove(pc, center - 5)).sort((a, b) => a - b);
}

function patternsFor(plan: SongPlan, style: Style) {
  const ts = plan.time_signature;
  if (ts === "4/4") {
    return { drums: style.drums, bass: style.bass.pattern, chords: style.chords.hits, steps: 16 };
  }
  const t = TRIPLE_METER[ts];
  const walking = style.bass.pattern === "walking";
  return {
    drums: style.drums ? t : null,
    bass: walking ? "walking" : t.bass,
    chords: t.chords,
    steps: 12,
  };
}

export function arrange(plan: SongPlan, style: Style, seed: number): Arrangement {
  const bpb = beatsPerBar(plan.time_signature);
  const spb = plan.time_signature === "6/8" ? 2 : 4;
  const sections = sectionsOf(plan);
  const chords = chordsOf(plan, style, sections);
  const pat = patternsFor(plan, style);
  const stepBeats = 1 / spb;
  const bass: NoteEvent[] = [];
  const chordNotes: NoteEvent[] = [];
  const drums: DrumHit[] = [];
  const bassBase = octaveBase(style.bass.octave);
  const chordCenter = octaveBase(style.chords.octave) + 7;
  const walk = rng(seed, "walking-bass");
  const chordHits = hits(pat.chords.replace(/x/g, "o"));
  const bassHits = pat.bass === "walking"
    ? []
    : [...pat.bass].flatMap((c, i) => (c === "." ? [] : [[i, c] as const]));

  for (let i = 0; i < chords.length; i++) {
    const { beat, chord, section } = chords[i];
    const s = sections[section];
    const barInSection = Math.round((beat - s.startBeat) / bpb);
    const lastBar = barInSection === s.bars - 1;
    const e = s.energy;
    // Chords: the style's hits; sparse sections hold the bar instead.
    const notes = voicing(chord, chordCenter);
    const rhythm = s.drums <= 1 && !style.chords.arp ? [[0, 0.75] as [number, number]] : chordHits;
    rhythm.forEach(([step, v], k) => {
      const next = k + 1 < rhythm.length ? rhythm[k + 1][0] : pat.steps;
      const len = ((next - step) * stepBeats) * (rhythm.length === 1 ? 1 : style.chords.legato);
      if (style.chords.arp) {
        const n = notes[k % notes.length] + (k % (notes.length * 2) >= notes.length ? 12 : 0);
        chordNotes.push({
          beat: beat + step * stepBeats,
          beats: len * 1.5,
          midi: n,
          velocity: v * e,
        });
      } else {
        for (const n of notes) {
          chordNotes.push({ beat: beat + step * stepBeats, beats: len, midi: n, velocity: v * e });
        }
        if (style.chords.voice === "guitar") {
          chordNotes.push({
            beat: beat + step * stepBeats,
            beats: len,
            midi: noteAtOrAbove(chord.root, chordCenter - 19),
            velocity: v * e,
          });
        }
      }
    });
    // Bass.
    if (s.bass) {
      const root = noteAtOrAbove(chord.root, bassBase);
      if (pat.bass === "walking") {
        const nextRoot = noteAtOrAbove(chords[i + 1]?.chord.root ?? chord.root, bassBase);
        for (let b = 0; b < bpb; b++) {
          let n = root;
          if (b === bpb - 1) n = nextRoot + (walk.chance(0.5) ? 1 : -1);
          else if (b > 0) n = noteAtOrAbove(walk.pick(chord.tones.slice(1)), bassBase);
          bass.push({ beat: beat + b, beats: 0.9, midi: n, velocity: (b === 0 ? 0.9 : 0.75) * e });
        }
      } else {
        bassHits.forEach(([step, c], k) => {
          const next = k + 1 < bassHits.length ? bassHits[k + 1][0] : pat.steps;
          const n = c === "5"
            ? root + 7
            : c === "8"
            ? root + 12
            : c === "3"
            ? noteAtOrAbove(chord.tones[1], root)
            : root;
          bass.push({
            beat: beat + step * stepBeats,
            beats: (next - step) * stepBeats * 0.92,
            midi: n,
            velocity: 0.85 * e,
          });
        });
      }
    }
    // Drums.
    const groove = pat.drums;
    if (!groove || s.drums === 0) continue;
    const nextSection = sections[section + 1];
    const fill = lastBar && nextSection !== undefined && nextSection.drums > 0;
    const fillFrom = fill ? pat.steps - (nextSection.drums >= 3 ? 2 * spb : spb) : pat.steps;
    const lines: [DrumSound, string][] = [["kick", groove.kick], ["hat", groove.hat], [
      "perc",
      groove.perc,
    ]];
    if (s.drums >= 2) lines.push(["snare", groove.snare]);
    if (s.drums >= 3) lines.push(["open", groove.open]);
    for (const [sound, line] of lines) {
      for (const [step, v] of hits(line)) {
        if (step >= fillFrom && sound !== "kick") continue;
        const quiet = s.drums === 1 && sound !== "kick" ? 0.6 : 1;
        drums.push({ beat: beat + step * stepBeats, sound, velocity: v * quiet * e });
      }
    }
    if (barInSection === 0 && s.drums >= 2 && section > 0) {
      drums.push({ beat, sound: "crash", velocity: 0.8 * e });
    }
    for (let step = fillFrom; step < pat.steps; step++) {
      const t = (step - fillFrom) / Math.max(1, pat.steps - fillFrom);
      const sound: DrumSound = t < 0.34 ? "snare" : t < 0.67 ? "tom_hi" : "tom_lo";
      drums.push({ beat: beat + step * stepBeats, sound, velocity: (0.55 + 0.4 * t) * e });
    }
  }
  const totalBeats = sections.reduce((n, s) => n + s.bars * bpb, 0);
  return {
    beatsPerBar: bpb,
    stepsPerBeat: spb,
    totalBeats,
    tonic: pitchClass(plan.key),
    mode: plan.mode,
    sections,
    chords,
    bass,
    chordNotes,
    drums,
  };
}
