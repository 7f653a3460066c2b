/**
 * Genre templates: per genre family (the synthesiser's, synth/genres.ts) what a plan defaults to
 * when the prompt does not say: tempo range, mode, keys, vocals, mood, instrumentation, style
 * words and a song form. The offline enhancer fills plans from them; the UI offers them as
 * starting points (`GENRE_TEMPLATES`: name, example prompt, default plan).
 *
 * @module
 */
import { FAMILIES, type Family } from "./synth/genres.ts";
import { STYLES } from "./synth/styles.ts";
import { beatsPerBar, type Pitch, type Section, SongPlan, type TimeSignature } from "./plan.ts";

/** A section of a template's form; `level` 0 is kept in the shortest song, 3 only in long ones. */
export interface FormSection extends Section {
  level: 0 | 1 | 2 | 3;
}

export interface GenreTemplate {
  family: Family;
  /** What the UI shows ("Lo-fi"). */
  name: string;
  /** `genre` of the plans it makes (English, as familyOf reads it). */
  genre: string;
  example: string;
  tempo: [number, number];
  mode: "major" | "minor";
  keys: Pitch[];
  vocals: boolean;
  mood: string;
  instrumentation: string[];
  style_words: string[];
  form: FormSection[];
}

const f = (spec: string): FormSection[] =>
  spec.split(" ").map((s) => {
    const [name, bars, level] = s.split(":");
    return { name, bars: Number(bars), level: Number(level ?? 0) } as FormSection;
  });

/** Verse–chorus forms: `name:bars:level`. */
const FORMS: Record<Family, string> = {
  pop:
    "intro:4:2 verse:8 pre_chorus:4:3 chorus:8 verse:8:1 pre_chorus:4:3 chorus:8:1 bridge:8:2 chorus:8:2 outro:4:2",
  rock: "intro:4:2 verse:8 chorus:8 verse:8:1 chorus:8:1 solo:8:2 chorus:8:2 outro:4:2",
  hiphop: "intro:4:2 verse:16 chorus:8 verse:16:1 chorus:8:1 outro:4:2",
  electronic: "intro:8:2 verse:16 breakdown:8:1 chorus:16 breakdown:8:3 chorus:16:2 outro:8:2",
  jazz: "intro:4:2 verse:8 chorus:8 solo:16:1 solo:16:3 verse:8:2 chorus:8:2 outro:4:2",
  lofi: "intro:4:2 verse:8 chorus:8 verse:8:1 chorus:8:1 breakdown:4:3 chorus:8:2 outro:4:2",
  folk: "intro:4:2 verse:8 chorus:8 verse:8:1 chorus:8:1 bridge:8:2 chorus:8:2 outro:4:2",
  rnb:
    "intro:4:2 verse:8 pre_chorus:4:3 chorus:8 verse:8:1 pre_chorus:4:3 chorus:8:1 bridge:8:2 chorus:8:2 outro:4:2",
  latin: "intro:4:2 verse:8 chorus:8 verse:8:1 chorus:8:1 breakdown:8:2 chorus:8:2 outro:4:2",
  ambient: "intro:8:2 verse:16 chorus:16 breakdown:8:1 chorus:16:3 outro:8:2",
};

type Own = Pick<GenreTemplate, "name" | "genre" | "example" | "mode" | "keys" | "vocals" | "mood">;

const OWN: Record<Family, Own> = {
  pop: {
    name: "Pop",
    genre: "pop",
    example: "an upbeat pop song about a summer road trip",
    mode: "major",
    keys: ["C", "G", "D", "A", "F", "E"],
    vocals: true,
    mood: "happy",
  },
  rock: {
    name: "Rock",
    genre: "rock",
    example: "an energetic rock anthem with loud guitars about never giving up",
    mode: "major",
    keys: ["E", "A", "D", "G"],
    vocals: true,
    mood: "energetic",
  },
  hiphop: {
    name: "Hip hop",
    genre: "hip hop",
    example: "a head-nodding boom bap beat about the city at night, 90 bpm",
    mode: "minor",
    keys: ["C", "D", "F", "G", "A"],
    vocals: true,
    mood: "confident",
  },
  electronic: {
    name: "Electronic",
    genre: "electronic",
    example: "a hypnotic deep house track, instrumental, 124 bpm",
    mode: "minor",
    keys: ["A", "F", "G", "C", "D"],
    vocals: false,
    mood: "euphoric",
  },
  jazz: {
    name: "Jazz",
    genre: "jazz",
    example: "a smoky late-night jazz trio piece with brushes and upright bass",
    mode: "major",
    keys: ["F", "Bb", "Eb", "C", "G"],
    vocals: false,
    mood: "relaxed",
  },
  lofi: {
    name: "Lo-fi",
    genre: "lo-fi",
    example: "a calm lo-fi beat for studying, 2 minutes",
    mode: "major",
    keys: ["F", "C", "Eb", "Ab", "D"],
    vocals: false,
    mood: "calm",
  },
  folk: {
    name: "Folk",
    genre: "folk",
    example: "a gentle acoustic folk song about leaving home, in 3/4",
    mode: "major",
    keys: ["G", "D", "C", "A"],
    vocals: true,
    mood: "nostalgic",
  },
  rnb: {
    name: "R&B / soul",
    genre: "r&b",
    example: "a smooth, romantic R&B slow jam with rhodes and female vocals",
    mode: "minor",
    keys: ["Eb", "Ab", "Bb", "F", "C"],
    vocals: true,
    mood: "romantic",
  },
  latin: {
    name: "Latin",
    genre: "latin",
    example: "una bachata romántica sobre un amor de verano",
    mode: "minor",
    keys: ["A", "D", "E", "G"],
    vocals: true,
    mood: "sunny",
  },
  ambient: {
    name: "Ambient",
    genre: "ambient",
    example: "a slow, dreamy ambient piece for meditation, instrumental, 3 minutes",
    mode: "major",
    keys: ["D", "C", "E", "F"],
    vocals: false,
    mood: "dreamy",
  },
};

/** Every family's template; sound (tempo, instruments, words) as the synthesiser plays it. */
export const TEMPLATES: Record<Family, GenreTemplate> = Object.fromEntries(
  FAMILIES.map((family) => [family, {
    family,
    ...OWN[family],
    tempo: STYLES[family].tempo,
    instrumentation: [...STYLES[family].instrumentation],
    style_words: [...STYLES[family].words],
    form: f(FORMS[family]),
  }]),
) as Record<Family, GenreTemplate>;

/** The plan's length when a prompt does not give one: two and a half minutes. */
export const DEFAULT_SECONDS = 150;

/**
 * Sections from `form` lasting `seconds` at `bpm` to the nearest bar: the longest form whose
 * bars are not far beyond the target, scaled, the rounding settled on the sections around the
 * choruses (choruses keep equal lengths where they can).
 */
export function structureFor(
  form: FormSection[],
  seconds: number,
  bpm: number,
  ts: TimeSignature,
): Section[] {
  const target = Math.max(2, Math.round((seconds * bpm) / (60 * beatsPerBar(ts))));
  let pick = form.filter((s) => s.level === 0);
  for (const level of [3, 2, 1] as const) {
    const candidate = form.filter((s) => s.level <= level);
    if (sum(candidate) <= target * 1.35) {
      pick = candidate;
      break;
    }
  }
  // A long song at a fast tempo: repeat the core (verse, chorus) before the last section.
  const core = form.filter((s) => s.level === 0);
  while (target / pick.length > 48 && pick.length + core.length <= 24) {
    pick = [...pick.slice(0, -1), ...core, ...pick.slice(-1)];
  }
  const scale = target / sum(pick);
  const out: Section[] = pick.map((s) => ({
    name: s.name,
    bars: clampBars(Math.round(s.bars * scale)),
  }));
  let diff = target - sum(out);
  // Settle the rounding on non-chorus sections from the end, then on any.
  const order = [
    ...out.map((_, i) => i).reverse().filter((i) => out[i].name !== "chorus"),
    ...out.map((_, i) => i).reverse(),
  ];
  for (let guard = 0; diff !== 0 && guard < 2000; guard++) {
    const i = order[guard % order.length];
    const next = out[i].bars + Math.sign(diff);
    if (next < 1 || next > 64) continue;
    out[i].bars = next;
    diff -= Math.sign(diff);
  }
  return out;
}

const sum = (s: Section[]) => s.reduce((n, x) => n + x.bars, 0);
const clampBars = (n: number) => Math.max(1, Math.min(64, n));

/** A family's plan with nothing asked: what the UI shows for a template. */
export function templatePlan(family: Family): SongPlan {
  const t = TEMPLATES[family];
  const tempo = Math.round((t.tempo[0] + t.tempo[1]) / 2);
  return SongPlan.parse({
    title: `${t.name} sketch`,
    genre: t.genre,
    subgenre: null,
    mood: t.mood,
    tempo_bpm: tempo,
    key: t.keys[0],
    mode: t.mode,
    time_signature: "4/4",
    instrumentation: t.vocals ? [...t.instrumentation, "lead vocals"] : t.instrumentation,
    structure: structureFor(t.form, DEFAULT_SECONDS, tempo, "4/4"),
    vocals: t.vocals,
    lyrics_theme: null,
    style_words: t.style_words,
  });
}

/** The templates as the UI lists them: name, an example prompt, and the default plan. */
export const GENRE_TEMPLATES: { family: Family; name: string; example: string; plan: SongPlan }[] =
  FAMILIES.map((family) => ({
    family,
    name: TEMPLATES[family].name,
    example: TEMPLATES[family].example,
    plan: templatePlan(family),
  }));
