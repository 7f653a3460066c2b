/**
 * How each genre family sounds: groove (drum pattern over a 4/4 bar of sixteenths, swing), bass
 * and chord rhythms and voices, lead voice, harmony, tempo range, space and levels.
 *
 * Patterns are 16 steps (one 4/4 bar of sixteenths): "x" accent, "o" hit, "g" ghost, "." rest.
 * Bass steps: "R" root, "5" fifth, "8" octave, "3" the chord's third. 3/4 and 6/8 bars use the
 * shared 12-step patterns at the end of this file.
 *
 * @module
 */
import type { Family } from "./genres.ts";
import type { ProgressionSet } from "./theory.ts";

export type ChordVoice = "piano" | "epiano" | "pad" | "organ" | "guitar" | "strings";
export type BassVoice = "synth" | "electric" | "upright" | "sub";
export type LeadVoice = "square" | "saw" | "flute" | "bell" | "pluck";

export interface DrumPattern {
  kick: string;
  snare: string;
  hat: string;
  open: string;
  /** A second percussion line: clave, shaker, rim or pedal hat. */
  perc: string;
}

export interface Style {
  family: Family;
  /** Tempo range a piece of the family sits in (restyle moves a tempo into it). */
  tempo: [number, number];
  /** Delay of off-beat eighths (or sixteenths for 16th swing) as a fraction of a sixteenth. */
  swing: number;
  swing16: boolean;
  drums: DrumPattern | null;
  kit: {
    kickHz: number;
    kickDecay: number;
    snare: "snare" | "clap" | "brush" | "rim";
    tone: number;
  };
  bass: { voice: BassVoice; pattern: string | "walking"; octave: number };
  chords: {
    voice: ChordVoice;
    /** Hits over a 16-step bar; each lasts until the next hit × `legato`. */
    hits: string;
    legato: number;
    arp: boolean;
    seventh: boolean;
    octave: number;
  };
  lead: { voice: LeadVoice; octave: number };
  progressions: ProgressionSet;
  /** Reverb send (0..1) and room size (0..1). */
  space: { send: number; room: number };
  /** Tape colour: a low-pass and a little hiss on the master. */
  lofi: boolean;
  levels: { drums: number; bass: number; chords: number; lead: number };
  /** What a restyled plan lists as its instrumentation and style words. */
  instrumentation: string[];
  words: string[];
}

/** Progressions as "verse | pre-chorus | chorus | bridge", in major and in minor. */
function P(major: string, minor: string): ProgressionSet {
  const sections = (text: string) => {
    const [verse, pre_chorus, chorus, bridge] = text.split("|").map((p) => p.trim());
    return { verse, pre_chorus, chorus, bridge };
  };
  return { major: sections(major), minor: sections(minor) };
}

const REST = "................";

/** A 16-step groove: a backbeat snare and no open hat or percussion unless given. */
const groove = (kick: string, hat: string, more: Partial<DrumPattern> = {}): DrumPattern => ({
  kick,
  snare: "....x.......x...",
  hat,
  open: REST,
  perc: REST,
  ...more,
});

const kit = (kickHz: number, kickDecay: number, snare: Style["kit"]["snare"], tone: number) => ({
  kickHz,
  kickDecay,
  snare,
  tone,
});

function ch(
  voice: ChordVoice,
  hits: string,
  legato: number,
  seventh: boolean,
  octave: number,
  arp = false,
): Style["chords"] {
  return { voice, hits, legato, arp, seventh, octave };
}

/** Each family's progressions, major then minor. */
const HARMONY: Record<Family, [major: string, minor: string]> = {
  pop: ["1 6 4 5 | 2 4 5 5 | 1 5 6 4 | 6 4 1 5", "1 6 7 1 | 4 6 5M 5M | 1 6 7 5M | 6 7 1 1"],
  rock: ["1 4 1 5 | 4 5 4 5 | 1 5 6 4 | 6 4 5 5", "1 6 7 1 | 4 6 7 7 | 1 4 7 1 | 6 7 4 5M"],
  hiphop: ["1 6 1 4 | 4 4 5 5 | 1 6 4 5 | 6 4 6 5", "1 6 1 6 | 4 4 6 6 | 1 6 4 5M | 6 7 1 1"],
  electronic: ["1 4 6 5 | 4 5 6 5 | 1 5 6 4 | 4 5 1 1", "1 6 1 7 | 6 7 1 1 | 1 6 4 5M | 4 6 5M 5M"],
  jazz: ["2 5 1 1 | 3 6 2 5 | 1 6 2 5 | 4 4 3 6", "2 5M 1 1 | 6 2 5M 1 | 1 4 2 5M | 4 7 3 6"],
  lofi: ["1 6 2 5 | 4 4 5 5 | 1 6 4 5 | 4 3 2 5", "1 4 1 4 | 6 6 7 7 | 1 6 4 5M | 6 7 1 1"],
  folk: ["1 4 1 5 | 6 4 5 5 | 4 1 5 1 | 6 5 4 5", "1 4 7 1 | 6 7 5M 5M | 4 1 5M 1 | 4 1 7 1"],
  rnb: ["1 6 4 5 | 2 3 4 5 | 4 5 1 6 | 2 5 1 1", "1 4 6 5M | 6 4 5M 5M | 1 6 4 5M | 4 5M 1 1"],
  latin: ["1 4 5 1 | 4 5 4 5 | 1 4 5 1 | 6 2 5 1", "1 4 1 5M | 4 6 5M 5M | 1 4 5M 1 | 6 7 5M 1"],
  ambient: ["1 1 4 4 | 6 6 4 4 | 1 4 6 4 | 4 4 5 5", "1 1 6 6 | 4 4 6 6 | 1 6 4 1 | 6 6 7 7"],
};

/** A family's sound as written below, less what `expand` fills in. */
type Spec =
  & Omit<Style, "family" | "swing" | "swing16" | "lofi" | "bass" | "lead" | "progressions">
  & Partial<Pick<Style, "swing" | "swing16" | "lofi">>
  & { bass: Omit<Style["bass"], "octave">; lead: LeadVoice };

/** Straight time, no tape, bass in octave 2 and lead in octave 5 unless a family says otherwise. */
const expand = (
  family: Family,
  { swing = 0, swing16 = false, lofi = false, bass, lead, ...s }: Spec,
): Style => ({
  ...s,
  family,
  swing,
  swing16,
  lofi,
  bass: { ...bass, octave: 2 },
  lead: { voice: lead, octave: 5 },
  progressions: P(...HARMONY[family]),
});

const SPECS: Record<Family, Spec> = {
  pop: {
    tempo: [92, 128],
    drums: groove("x.......x.x.....", "o.o.o.o.o.o.o.o.", { open: "..............o." }),
    kit: kit(55, 0.35, "snare", 0.5),
    bass: { voice: "synth", pattern: "R.....R.R...5..." },
    chords: ch("piano", "x.....x...x.....", 0.95, false, 4),
    lead: "square",
    space: { send: 0.22, room: 0.7 },
    levels: { drums: 0.9, bass: 0.75, chords: 0.45, lead: 0.8 },
    instrumentation: ["drums", "bass synth", "piano", "synth lead"],
    words: ["bright", "catchy", "polished"],
  },
  rock: {
    tempo: [100, 160],
    drums: groove("x.....x.x.......", "x.o.x.o.x.o.x.o."),
    kit: kit(60, 0.3, "snare", 0.8),
    bass: { voice: "electric", pattern: "R.R.R.R.R.R.R.R." },
    chords: ch("guitar", "x.x.x.x.x.x.x.x.", 0.8, false, 3),
    lead: "saw",
    space: { send: 0.15, room: 0.55 },
    levels: { drums: 1, bass: 0.8, chords: 0.5, lead: 0.75 },
    instrumentation: ["drums", "bass guitar", "electric guitar", "lead guitar"],
    words: ["driving", "gritty", "live"],
  },
  hiphop: {
    tempo: [78, 98],
    swing: 0.22,
    swing16: true,
    drums: groove("x......x..x.....", "o.o.o.o.o.o.oooo"),
    kit: kit(48, 0.6, "clap", 0.4),
    bass: { voice: "sub", pattern: "R......R..R....." },
    chords: ch("epiano", "x...............", 0.9, true, 4),
    lead: "bell",
    space: { send: 0.12, room: 0.5 },
    levels: { drums: 1, bass: 0.9, chords: 0.4, lead: 0.7 },
    instrumentation: ["drum machine", "808 bass", "electric piano", "bell lead"],
    words: ["hard-hitting", "head-nodding", "punchy"],
  },
  electronic: {
    tempo: [118, 132],
    drums: groove("x...x...x...x...", "g.g.g.g.g.g.g.g.", { open: "..o...o...o...o." }),
    kit: kit(50, 0.3, "clap", 0.5),
    bass: { voice: "synth", pattern: "..R...R...R...R." },
    chords: ch("pad", "..x...x...x...x.", 0.4, true, 4),
    lead: "pluck",
    space: { send: 0.25, room: 0.8 },
    levels: { drums: 1, bass: 0.7, chords: 0.4, lead: 0.8 },
    instrumentation: ["drum machine", "synth bass", "synth stabs", "pluck lead"],
    words: ["four-on-the-floor", "clubby", "hypnotic"],
  },
  jazz: {
    tempo: [96, 176],
    swing: 0.66,
    drums: groove("g.......g.......", "x...x.o.x...x.o.", {
      snare: "..........g.....",
      perc: "....o.......o...",
    }),
    kit: kit(65, 0.25, "brush", 0.6),
    bass: { voice: "upright", pattern: "walking" },
    chords: ch("piano", "x.....x.....x...", 0.5, true, 4),
    lead: "flute",
    space: { send: 0.2, room: 0.6 },
    levels: { drums: 0.7, bass: 0.85, chords: 0.45, lead: 0.55 },
    instrumentation: ["brushed drums", "upright bass", "piano", "flute"],
    words: ["swinging", "smoky", "warm"],
  },
  lofi: {
    tempo: [68, 90],
    swing: 0.3,
    swing16: true,
    drums: groove("x......x..x.....", "o.g.o.g.o.g.o.g."),
    kit: kit(52, 0.4, "rim", 0.3),
    bass: { voice: "electric", pattern: "R.......R..5...." },
    chords: ch("epiano", "x.......x.......", 0.95, true, 4),
    lead: "bell",
    space: { send: 0.2, room: 0.6 },
    lofi: true,
    levels: { drums: 0.85, bass: 0.75, chords: 0.5, lead: 0.6 },
    instrumentation: ["dusty drums", "bass", "electric piano", "music box"],
    words: ["warm", "tape-saturated", "mellow"],
  },
  folk: {
    tempo: [84, 124],
    drums: groove("x.......x.......", REST, {
      snare: "....o.......o...",
      perc: "gogogogogogogogo",
    }),
    kit: kit(62, 0.3, "rim", 0.7),
    bass: { voice: "upright", pattern: "R.......5......." },
    chords: ch("guitar", "x.x.x.x.x.x.x.x.", 1, false, 3, true),
    lead: "flute",
    space: { send: 0.18, room: 0.6 },
    levels: { drums: 0.6, bass: 0.7, chords: 0.6, lead: 0.5 },
    instrumentation: ["acoustic guitar", "upright bass", "shaker", "whistle"],
    words: ["acoustic", "earthy", "intimate"],
  },
  rnb: {
    tempo: [64, 100],
    swing: 0.15,
    swing16: true,
    drums: groove("x..x......x.....", "o.o.o.o.o.ogo.o."),
    kit: kit(52, 0.4, "snare", 0.4),
    bass: { voice: "electric", pattern: "R..R......R..8.." },
    chords: ch("epiano", "x.......x.....x.", 0.9, true, 4),
    lead: "square",
    space: { send: 0.2, room: 0.65 },
    levels: { drums: 0.9, bass: 0.8, chords: 0.45, lead: 0.8 },
    instrumentation: ["drums", "bass", "rhodes", "synth lead"],
    words: ["smooth", "soulful", "silky"],
  },
  latin: {
    tempo: [88, 110],
    drums: groove("x...x...x...x...", "o.o.o.o.o.o.o.o.", {
      snare: "...x..x....x..x.",
      perc: "x..x..x...x.x...",
    }),
    kit: kit(55, 0.3, "rim", 0.6),
    bass: { voice: "electric", pattern: "R..R..5.R..R..5." },
    chords: ch("guitar", "x..x..x...x.x...", 0.6, false, 4),
    lead: "pluck",
    space: { send: 0.15, room: 0.55 },
    levels: { drums: 0.95, bass: 0.8, chords: 0.7, lead: 0.9 },
    instrumentation: ["percussion", "bass", "nylon guitar", "marimba"],
    words: ["rhythmic", "sunny", "danceable"],
  },
  ambient: {
    tempo: [60, 90],
    drums: null,
    kit: kit(50, 0.5, "rim", 0.3),
    bass: { voice: "sub", pattern: "R..............." },
    chords: ch("pad", "x...............", 1, true, 4),
    lead: "bell",
    space: { send: 0.45, room: 0.92 },
    levels: { drums: 0, bass: 0.55, chords: 0.6, lead: 0.5 },
    instrumentation: ["pads", "sub bass", "bells"],
    words: ["spacious", "drifting", "ethereal"],
  },
};

export const STYLES = Object.fromEntries(
  Object.entries(SPECS).map(([family, spec]) => [family, expand(family as Family, spec)]),
) as Record<Family, Style>;

/** Shared 12-step grooves (sixteenths of a 3/4 bar, or of a 6/8 bar's six eighths). */
export const TRIPLE_METER: Record<"3/4" | "6/8", DrumPattern & { bass: string; chords: string }> = {
  "3/4": {
    kick: "x...........",
    snare: "....o...o...",
    hat: "o.o.o.o.o.o.",
    open: "............",
    perc: "............",
    bass: "R.......5...",
    chords: "x...x...x...",
  },
  "6/8": {
    kick: "x.........g.",
    snare: "......x.....",
    hat: "o.o.o.o.o.o.",
    open: "............",
    perc: "............",
    bass: "R.....5.....",
    chords: "x.x.x.x.x.x.",
  },
};
