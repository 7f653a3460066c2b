/**
 * The offline synthesiser's entry points: `renderSong` turns a song plan into 44.1 kHz stereo
 * audio (the mix and four stems) and a MIDI file, the same for the same plan and seed;
 * `renderSongSteps` is the same render in steps, yielding the percent done after each part and
 * mix phase (the offline generator reports it and lets other work run between steps);
 * `restyle` moves a plan into another genre (same structure, key and tune; the new family's
 * groove, sounds and tempo feel). Pure: no I/O.
 *
 * @module
 */
import { planSeconds, type SongPlan, SongPlan as SongPlanSchema } from "../plan.ts";
import { arrange, type Part } from "./arrangement.ts";
import { drumKit } from "./drums.ts";
import { familyOf } from "./genres.ts";
import { melody } from "./melody.ts";
import { mixdownSteps, renderDrums, renderNotes, type Stereo, stereo, type Timing } from "./mix.ts";
import { songMidi } from "./song_midi.ts";
import { type Style, STYLES } from "./styles.ts";

/** Seconds of audio after the plan's last bar (the reverb's and notes' ring-out). */
export const TAIL_SECONDS = 1.5;

export interface RenderOptions {
  /** Any integer; the same plan and seed give the same audio, sample for sample. */
  seed: number;
  sampleRate?: number;
  /** renderSong only: the percent done (0–100, rising) after each step of the render. */
  onProgress?: (percent: number) => void;
}

export interface RenderedSong {
  sampleRate: number;
  /** The plan's length in seconds (the audio runs TAIL_SECONDS longer). */
  planSeconds: number;
  left: Float32Array;
  right: Float32Array;
  stems: Record<Part, Stereo>;
  /** A standard MIDI file, format 1: a conductor track, then drums, bass, chords, lead. */
  midi: Uint8Array;
}

/** The family's style, nudged by the plan's style words (tape → lo-fi colour; space → reverb). */
export function styleFor(plan: SongPlan): Style {
  const base = STYLES[familyOf(plan.genre, plan.subgenre)];
  const words = plan.style_words.join(" ").toLowerCase();
  const space = { ...base.space };
  if (/spacious|dreamy|ethereal|lush|cavernous|washed/.test(words)) {
    space.send = Math.min(0.6, space.send * 1.6);
  }
  if (/\bdry\b|tight|intimate|close/.test(words)) space.send *= 0.6;
  return { ...base, space, lofi: base.lofi || /tape|vinyl|lo-?fi|dusty|cassette/.test(words) };
}

export function renderSong(plan: SongPlan, opts: RenderOptions): RenderedSong {
  const steps = renderSongSteps(plan, opts);
  for (let r = steps.next();; r = steps.next()) {
    if (r.done) return r.value;
    opts.onProgress?.(r.value);
  }
}

/** A step's share of the percent: measured costs (the chords and the mix's reverb dominate). */
const STEP_END = { drums: 10, bass: 14, chords: 34, lead: 38, mix: 98 };

/**
 * `renderSong` in steps: yields the percent done (rising, ending at 100) after each part and
 * mix phase; returns the song. Draining it is the whole render, no slower.
 */
export function* renderSongSteps(
  plan: SongPlan,
  { seed, sampleRate = 44100 }: Omit<RenderOptions, "onProgress">,
): Generator<number, RenderedSong, void> {
  plan = SongPlanSchema.parse(plan);
  if (!Number.isInteger(seed)) {
    throw new RangeError(`renderSong: seed must be an integer, got ${seed}`);
  }
  if (!Number.isInteger(sampleRate) || sampleRate < 8000 || sampleRate > 192000) {
    throw new RangeError(`renderSong: sample rate ${sampleRate}`);
  }
  const style = styleFor(plan);
  const seconds = planSeconds(plan);
  const length = Math.ceil((seconds + TAIL_SECONDS) * sampleRate);
  const a = arrange(plan, style, seed);
  const lead = melody({ seed, ...a });
  const t: Timing = {
    sampleRate,
    secondsPerBeat: 60 / plan.tempo_bpm,
    stepsPerBeat: a.stepsPerBeat,
    swing: style.swing,
    swing16: style.swing16,
  };
  const stems: Record<Part, Stereo> = {
    drums: stereo(length),
    bass: stereo(length),
    chords: stereo(length),
    lead: stereo(length),
  };
  const { levels } = style;
  if (style.drums) {
    renderDrums(stems.drums, a.drums, drumKit(style, sampleRate, seed), levels.drums, t);
  }
  yield STEP_END.drums;
  renderNotes(stems.bass, a.bass, style.bass.voice, levels.bass, () => 0, t);
  yield STEP_END.bass;
  renderNotes(
    stems.chords,
    a.chordNotes,
    style.chords.voice,
    levels.chords,
    (e) => ((e.midi % 7) / 6 - 0.5) * 0.7,
    t,
  );
  yield STEP_END.chords;
  renderNotes(stems.lead, lead, style.lead.voice, levels.lead, () => 0.1, t);
  yield STEP_END.lead;
  // The fade: over the outro's second half (at most 8 s), else the last 3 s, into the tail.
  const last = a.sections[a.sections.length - 1];
  const lastSeconds = last.bars * a.beatsPerBar * t.secondsPerBeat;
  const fadeLen = last.name === "outro" ? Math.min(8, lastSeconds / 2) : Math.min(3, lastSeconds);
  const mix = mixdownSteps(stems, {
    style,
    sampleRate,
    fadeFrom: seconds - fadeLen,
    fadeTo: seconds + TAIL_SECONDS,
    seed,
  });
  let r = mix.next();
  for (; !r.done; r = mix.next()) yield STEP_END.lead + (STEP_END.mix - STEP_END.lead) * r.value;
  const master = r.value;
  yield STEP_END.mix;
  const midi = songMidi(plan, style, a, lead, t);
  yield 100;
  return { sampleRate, planSeconds: seconds, left: master.left, right: master.right, stems, midi };
}

/** A tempo moved into the family's range: kept, halved or doubled if that fits, else clamped. */
function tempoFeel(bpm: number, [lo, hi]: [number, number]): number {
  for (const t of [bpm, bpm / 2, bpm * 2]) if (t >= lo && t <= hi) return Math.round(t);
  return Math.round(Math.min(hi, Math.max(lo, bpm)));
}

/**
 * The plan in another genre: structure, key, mode, time signature, title and mood stay (render
 * it with the same seed for the same tune); the tempo moves into the new family's feel and the
 * instrumentation and style words become the family's.
 */
export function restyle(plan: SongPlan, genre: string): SongPlan {
  const family = familyOf(genre);
  const style = STYLES[family];
  return SongPlanSchema.parse({
    ...plan,
    genre: genre.trim().slice(0, 40),
    subgenre: null,
    tempo_bpm: Math.max(50, Math.min(200, tempoFeel(plan.tempo_bpm, style.tempo))),
    instrumentation: [...style.instrumentation],
    style_words: [...style.words],
  });
}
