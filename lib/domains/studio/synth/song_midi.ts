/**
 * The song's MIDI file: the arrangement's events as a format-1 standard MIDI file (General
 * MIDI programs and drum keys), with the swing the audio has.
 *
 * @module
 */
import { encodeMidi, type MidiNote } from "../../../audio/midi.ts";
import type { SongPlan } from "../plan.ts";
import type { Arrangement, DrumHit, NoteEvent } from "./arrangement.ts";
import { timeOf, type Timing } from "./mix.ts";
import type { Style } from "./styles.ts";

const PPQ = 480;

const PROGRAMS: Record<string, number> = {
  piano: 0,
  epiano: 4,
  pad: 89,
  organ: 16,
  guitar: 25,
  strings: 48,
  synth: 38,
  electric: 33,
  upright: 32,
  sub: 38,
  square: 80,
  saw: 81,
  flute: 73,
  bell: 11,
  pluck: 24,
};

const DRUM_KEYS: Record<DrumHit["sound"], number> = {
  kick: 36,
  snare: 38,
  hat: 42,
  open: 46,
  perc: 44,
  crash: 49,
  tom_hi: 48,
  tom_lo: 45,
};

export function songMidi(
  plan: SongPlan,
  style: Style,
  a: Arrangement,
  lead: NoteEvent[],
  t: Timing,
): Uint8Array {
  // Ticks from seconds at the written tempo, so swung notes land where they sound.
  const quarterBpm = plan.time_signature === "6/8" ? plan.tempo_bpm / 2 : plan.tempo_bpm;
  const tick = (beat: number) => Math.round((timeOf(beat, t) * quarterBpm * PPQ) / 60);
  const ticksPerBeat = plan.time_signature === "6/8" ? PPQ / 2 : PPQ;
  const notes = (events: NoteEvent[]): MidiNote[] =>
    events.map((e) => ({
      tick: tick(e.beat),
      duration: Math.max(1, Math.round(e.beats * ticksPerBeat)),
      key: e.midi,
      velocity: Math.round(30 + 97 * Math.min(1, e.velocity)),
    }));
  const snareKey = { snare: 38, clap: 39, brush: 40, rim: 37 }[style.kit.snare];
  const percKey = style.family === "latin" ? 75 : style.family === "folk" ? 70 : 44;
  const drums: MidiNote[] = a.drums.map((h) => ({
    tick: tick(h.beat),
    duration: ticksPerBeat / 4,
    key: h.sound === "snare" ? snareKey : h.sound === "perc" ? percKey : DRUM_KEYS[h.sound],
    velocity: Math.round(30 + 97 * Math.min(1, h.velocity)),
  }));
  const [num, den] = plan.time_signature.split("/").map(Number);
  return encodeMidi({
    name: plan.title,
    ppq: PPQ,
    bpm: quarterBpm,
    timeSignature: [num, den],
    tracks: [
      { name: "Drums", channel: 9, program: 0, notes: drums },
      { name: "Bass", channel: 0, program: PROGRAMS[style.bass.voice], notes: notes(a.bass) },
      {
        name: "Chords",
        channel: 1,
        program: PROGRAMS[style.chords.voice],
        notes: notes(a.chordNotes),
      },
      { name: "Lead", channel: 2, program: PROGRAMS[style.lead.voice], notes: notes(lead) },
    ],
  });
}
