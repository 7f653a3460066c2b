/**
 * What the hosted music model is asked for: a prompt of plain descriptors made from the song plan
 * (genre, mood, tempo, key, instrumentation, structure, style words), its length, the seed and,
 * for songs with vocals, the lyrics. Nothing free-form leaves: the title and the lyrics theme stay
 * home, and every descriptor is filtered again so that no artist's name reaches a provider.
 *
 * @module
 */
import type { SongPlan } from "../../domains/studio/plan.ts";

/** The hosted model's input (Replicate-style `input` object). */
export interface MusicInput {
  prompt: string;
  /** Whole seconds, as hosted models take it. */
  duration: number;
  seed: number;
  lyrics?: string;
}

/**
 * The plan's length in seconds. The same sum as planSeconds in lib/domains/studio/plan.ts, which a
 * port may not import as a value (tests/integration/import_graph_test.ts); http_input_test.ts
 * checks that the two agree.
 */
export function songSeconds(plan: Pick<SongPlan, "structure" | "tempo_bpm" | "time_signature">) {
  const bars = plan.structure.reduce((n, s) => n + s.bars, 0);
  const beats = plan.time_signature === "3/4" ? 3 : plan.time_signature === "6/8" ? 6 : 4;
  return (bars * beats * 60) / plan.tempo_bpm;
}

/** Phrases that point at a person or a record rather than at a sound. */
const REFERENCE =
  /\b(like|style of|styled after|inspired|influenced|similar|reminiscent|tribute|cover|a la|à la|feat|featuring|ft|by|vs|versus|sounds? of)\b|'s\b|’s\b/iu;

/**
 * A plain descriptor ("dusty", "tape-saturated", "upright bass"), or null. Lower case, letters,
 * digits, spaces, hyphens and "&" only, at most four words: a longer or referential phrase is
 * dropped whole rather than trimmed into something it did not mean.
 */
export function descriptor(text: string): string | null {
  if (REFERENCE.test(text)) return null;
  const plain = text.toLowerCase().replace(/[^\p{L}\p{N}&\- ]+/gu, " ").replace(/\s+/g, " ")
    .trim();
  if (!plain || plain.length > 40 || plain.split(" ").length > 4) return null;
  return plain;
}

/** Two or more capitalised words ("Daft Punk"): a name, not a sound. Genres are exempt. */
const PROPER_NAME = /^\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*)+$/u;

function descriptors(list: readonly string[], names = false): string[] {
  const kept = list.filter((t) => !(names && PROPER_NAME.test(t.trim()))).map(descriptor);
  return [...new Set(kept.filter((d): d is string => d !== null))];
}

const SECTION_WORDS: Record<string, string> = { pre_chorus: "pre-chorus" };

/** The prompt text: comma-separated descriptors, most defining first. */
export function promptFromPlan(plan: SongPlan): string {
  const genre = descriptors([plan.genre, plan.subgenre ?? ""]).join(", ");
  const mood = descriptor(plan.mood);
  const instruments = descriptors(plan.instrumentation, true);
  const style = descriptors(plan.style_words, true);
  const structure = plan.structure.map((s) =>
    `${SECTION_WORDS[s.name] ?? s.name} ${s.bars} bar${s.bars === 1 ? "" : "s"}`
  );
  const parts = [
    genre,
    mood ? `${mood} mood` : "",
    `${plan.tempo_bpm} bpm`,
    `${plan.key} ${plan.mode}`,
    `${plan.time_signature} time`,
    instruments.length ? `instrumentation: ${instruments.join(", ")}` : "",
    `structure: ${structure.join(", ")}`,
    style.length ? `style: ${style.join(", ")}` : "",
    plan.vocals ? "with vocals" : "instrumental",
  ];
  return parts.filter(Boolean).join("; ");
}

/**
 * Lyrics as text with `[section]` tags, the convention of hosted song models. The studio's
 * `Lyrics` type is written elsewhere; this reads the shapes it may take (text, lines, sections of
 * lines) so the adapter does not depend on its details.
 */
export function lyricsText(lyrics: unknown): string | null {
  if (typeof lyrics === "string") return lyrics.trim() || null;
  if (!lyrics || typeof lyrics !== "object") return null;
  const o = lyrics as Record<string, unknown>;
  if (typeof o.text === "string") return o.text.trim() || null;
  const lines = (v: unknown) =>
    Array.isArray(v) ? v.filter((l): l is string => typeof l === "string") : [];
  if (Array.isArray(o.sections)) {
    const blocks = o.sections.map((s) => {
      const sec = (s && typeof s === "object" ? s : {}) as Record<string, unknown>;
      const name = typeof sec.name === "string"
        ? sec.name
        : typeof sec.section === "string"
        ? sec.section
        : "";
      const body = lines(sec.lines).join("\n");
      return body ? (name ? `[${name.replace(/_/g, "-")}]\n${body}` : body) : "";
    }).filter(Boolean);
    return blocks.join("\n\n") || null;
  }
  return lines(o.lines).join("\n").trim() || null;
}

/** The model's input for a plan, a seed and (for songs with vocals) its lyrics. */
export function musicInput(plan: SongPlan, lyrics: unknown, seed: number): MusicInput {
  const input: MusicInput = {
    prompt: promptFromPlan(plan),
    duration: Math.max(1, Math.round(songSeconds(plan))),
    seed,
  };
  const text = plan.vocals ? lyricsText(lyrics) : null;
  if (text) input.lyrics = text;
  return input;
}
