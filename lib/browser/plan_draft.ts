/**
 * A song plan as its edit form holds it: every field a string (so a wrong value is shown back as
 * typed), the structure as rows. The page turns a posted form into a draft and a draft into the
 * input SongPlan parses; the plan editor island adds, removes and moves sections in a draft.
 * Field names here are the form's `name`s and the keys of its error messages.
 *
 * Browser-safe and import-free (types only): islands bundle it.
 *
 * @module
 */
import type { SongPlan } from "../domains/studio/plan.ts";

export interface SectionDraft {
  name: string;
  bars: string;
}

export interface PlanDraft {
  title: string;
  genre: string;
  subgenre: string;
  mood: string;
  tempo_bpm: string;
  key: string;
  mode: string;
  time_signature: string;
  /** Comma-separated. */
  instrumentation: string;
  structure: SectionDraft[];
  vocals: boolean;
  lyrics_theme: string;
  /** Comma-separated. */
  style_words: string;
}

/** What each field is called on the form, for messages that name it. */
export const FIELD_LABELS: Record<string, string> = {
  title: "Title",
  genre: "Genre",
  subgenre: "Subgenre",
  mood: "Mood",
  tempo_bpm: "Tempo",
  key: "Key",
  mode: "Mode",
  time_signature: "Time signature",
  instrumentation: "Instrumentation",
  structure: "Structure",
  vocals: "Vocals",
  lyrics_theme: "Lyrics theme",
  style_words: "Style words",
};

/** plan.ts's lists, repeated so that islands need not bundle zod (plan_draft_test.ts compares). */
export const KEYS = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"] as const;
export const TIME_SIGNATURES = ["4/4", "3/4", "6/8"] as const;

export const SECTION_LABELS: Record<string, string> = {
  intro: "Intro",
  verse: "Verse",
  pre_chorus: "Pre-chorus",
  chorus: "Chorus",
  bridge: "Bridge",
  solo: "Solo",
  breakdown: "Breakdown",
  outro: "Outro",
};

/** The edit form's values for a stored plan. */
export function draftOf(plan: SongPlan): PlanDraft {
  return {
    title: plan.title,
    genre: plan.genre,
    subgenre: plan.subgenre ?? "",
    mood: plan.mood,
    tempo_bpm: String(plan.tempo_bpm),
    key: plan.key,
    mode: plan.mode,
    time_signature: plan.time_signature,
    instrumentation: plan.instrumentation.join(", "),
    structure: plan.structure.map((s) => ({ name: s.name, bars: String(s.bars) })),
    vocals: plan.vocals,
    lyrics_theme: plan.lyrics_theme ?? "",
    style_words: plan.style_words.join(", "),
  };
}

const list = (s: string) => s.split(",").map((w) => w.trim()).filter((w) => w !== "");
/** A number when the text is one, else the text (so the schema names the field, not a NaN). */
const num = (s: string) => (/^\s*-?\d+(\.\d+)?\s*$/.test(s) ? Number(s) : s);
const orNull = (s: string) => (s.trim() === "" ? null : s);

/** The input SongPlan parses, from a draft: numbers, lists and blanks as the schema wants them. */
export function planInputOf(d: PlanDraft): Record<string, unknown> {
  return {
    title: d.title,
    genre: d.genre,
    subgenre: orNull(d.subgenre),
    mood: d.mood,
    tempo_bpm: num(d.tempo_bpm),
    key: d.key,
    mode: d.mode,
    time_signature: d.time_signature,
    instrumentation: list(d.instrumentation),
    structure: d.structure.map((s) => ({ name: s.name, bars: num(s.bars) })),
    vocals: d.vocals,
    lyrics_theme: orNull(d.lyrics_theme),
    style_words: list(d.style_words),
  };
}

/** A draft from the posted form (repeated `section_name`/`section_bars` fields are the rows). */
export function draftFromForm(form: { get(k: string): unknown; getAll(k: string): unknown[] }) {
  const text = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v.slice(0, 500) : "";
  };
  const names = form.getAll("section_name").map((v) => (typeof v === "string" ? v : ""));
  const bars = form.getAll("section_bars").map((v) => (typeof v === "string" ? v : ""));
  const structure: SectionDraft[] = [];
  // Capped: a form with thousands of rows is not a plan; the schema refuses more than 24.
  for (let i = 0; i < Math.min(Math.max(names.length, bars.length), 40); i++) {
    structure.push({ name: names[i] ?? "", bars: (bars[i] ?? "").slice(0, 10) });
  }
  const draft: PlanDraft = {
    title: text("title"),
    genre: text("genre"),
    subgenre: text("subgenre"),
    mood: text("mood"),
    tempo_bpm: text("tempo_bpm"),
    key: text("key"),
    mode: text("mode"),
    time_signature: text("time_signature"),
    instrumentation: text("instrumentation"),
    structure,
    vocals: form.get("vocals") === "on",
    lyrics_theme: text("lyrics_theme"),
    style_words: text("style_words"),
  };
  return draft;
}

/** A change to the structure the form asks for: `add`, `remove:<i>`, `up:<i>`, `down:<i>`. */
export function applySectionOp(rows: SectionDraft[], op: string): SectionDraft[] | null {
  const m = op.match(/^(add|remove|up|down)(?::(\d{1,2}))?$/);
  if (!m) return null;
  const i = Number(m[2] ?? -1);
  const out = rows.slice();
  if (m[1] === "add") {
    if (out.length >= 24) return out;
    out.push({ name: out.length ? "verse" : "intro", bars: "8" });
    return out;
  }
  if (i < 0 || i >= out.length) return null;
  if (m[1] === "remove") {
    if (out.length > 1) out.splice(i, 1);
    return out;
  }
  const j = m[1] === "up" ? i - 1 : i + 1;
  if (j < 0 || j >= out.length) return out;
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

/** One message per field from the schema's issues, each starting with the field's name. */
export function fieldErrors(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const [head, index, leaf] = issue.path.map(String);
    const key = issue.path.map(String).join(".") || "_form";
    if (out[key]) continue;
    const label = head === "structure" && index !== undefined
      ? `Section ${Number(index) + 1}${leaf ? ` (${leaf === "bars" ? "bars" : "part"})` : ""}`
      : FIELD_LABELS[head] ?? head;
    out[key] = `${label}: ${humanIssue(head, leaf, issue.message)}`;
  }
  return out;
}

function humanIssue(field: string | undefined, leaf: string | undefined, message: string): string {
  if (field === "tempo_bpm") return "a whole number of beats per minute from 50 to 200";
  if (leaf === "bars") return "a whole number of bars from 1 to 64";
  if (leaf === "name") return "pick a section";
  if (field === "structure") return "from 1 to 24 sections";
  if (field === "instrumentation") return "name at least one instrument (up to 12, commas between)";
  if (field === "style_words") return "up to 12 words of up to 40 letters, commas between";
  if (field === "key" || field === "mode" || field === "time_signature") {
    return "pick one of the list";
  }
  if (/too_small|>=1|at least 1/i.test(message) || /expected string/i.test(message)) {
    return "fill this in";
  }
  if (/too_big|<=|at most/i.test(message)) return "too long";
  return message;
}

/** The draft's length in seconds (as plan.ts `planSeconds`), or null while a number is wrong. */
export function draftSeconds(d: PlanDraft): number | null {
  const tempo = Number(d.tempo_bpm);
  const bars = d.structure.reduce((n, s) => n + Number(s.bars), 0);
  if (!(tempo >= 50 && tempo <= 200) || !Number.isFinite(bars) || bars <= 0) return null;
  const beats = d.time_signature === "3/4" ? 3 : d.time_signature === "6/8" ? 6 : 4;
  return (bars * beats * 60) / tempo;
}
