/**
 * Prompt enhancement as an AI task: a musician's prompt in any language becomes a `SongPlan`.
 * The live model gets the request and asks for sound descriptors, never artists' names; the
 * offline enhancer reads the prompt with the studio lexicon (lexicon.ts) and fills the rest from
 * the genre templates (templates.ts). `enhancePrompt` runs it under the shared AI policy
 * (lib/ports/ai/run_task.ts) and removes any artist name from what comes back, on both paths.
 *
 * @module
 */
import type { z } from "zod";
import type { Logger } from "../../platform/log.ts";
import type { AiPort } from "../../ports/ai/port.ts";
import { type RunOptions, runTask } from "../../ports/ai/run_task.ts";
import type { AiTask } from "../../ports/ai/task.ts";
import { type Lang, LANGS, type MoodKey, MOODS } from "../dj/lexicon.ts";
import { ADJECTIVES, capitalise, PURPOSES } from "../dj/lexicon_labels.ts";
import { seededRandom } from "../gigs/facts.ts";
import { cleanPlan, findArtists, stripArtists } from "./artists.ts";
import { type Reading, readPrompt } from "./lexicon.ts";
import { DEFAULT_THEMES, moodGroup } from "./lyrics_words.ts";
import { planSeconds, SongPlan } from "./plan.ts";
import { familyOf } from "./synth/genres.ts";
import { DEFAULT_SECONDS, type GenreTemplate, structureFor, TEMPLATES } from "./templates.ts";

export const OFFLINE_ENHANCER_MODEL = "offline-studio-lexicon-v1";

export interface EnhanceInput {
  prompt: string;
  /** The language of the plan's title and lyrics theme. */
  language: Lang;
}

/** What a mood (the DJ's keys) is called in a plan, and the genre it suggests when none is named. */
const MOOD_PLAN: Record<MoodKey, [label: string, genre: string]> = {
  calm: ["calm", "ambient"],
  focus: ["focused", "lo-fi"],
  sleep: ["soothing", "ambient"],
  chill: ["chilled", "lo-fi"],
  happy: ["happy", "pop"],
  sad: ["sad", "pop"],
  melancholic: ["melancholic", "folk"],
  nostalgic: ["nostalgic", "folk"],
  energetic: ["energetic", "rock"],
  workout: ["driving", "electronic"],
  party: ["euphoric", "electronic"],
  romantic: ["romantic", "r&b"],
  angry: ["angry", "rock"],
  dreamy: ["dreamy", "ambient"],
  epic: ["epic", "ambient"],
  dinner: ["warm", "jazz"],
  driving: ["driving", "rock"],
  meditation: ["meditative", "ambient"],
  uplifting: ["uplifting", "pop"],
  groovy: ["groovy", "r&b"],
  dark: ["dark", "electronic"],
};

const NOUN: Record<Lang, string> = {
  en: "song",
  es: "canción",
  pt: "canção",
  fr: "chanson",
  de: "Melodie",
};
const ARTICLES = /^(?:a|an|the|un|una|um|uma|une|ein|eine)\s+/i;

/** The language a prompt is written in (English when it is none of the five). */
export function promptLanguage(prompt: string): Lang {
  return readPrompt(stripArtists(prompt)).language;
}

/** Seconds the plan should last: the ask (10 s to 10 min), else the default. */
export function askedSeconds(r: Reading): number {
  return r.seconds === null ? DEFAULT_SECONDS : Math.min(600, Math.max(10, r.seconds));
}

/** A BPM into 50–200 by octaves ("40 bpm" is 80, "240" is 120). */
function foldBpm(bpm: number): number {
  let b = bpm;
  while (b < 50) b *= 2;
  while (b > 200) b /= 2;
  return Math.round(b);
}

function tempoOf(t: GenreTemplate, r: Reading, mood: MoodKey | null): number {
  if (r.bpm !== null) return foldBpm(r.bpm);
  const [lo, hi] = t.tempo;
  const p = r.pace === "medium" ? 0.5 : 0.25 + 0.5 * (mood ? MOODS[mood].energy : 0.5);
  // "Slow" and "fast" reach a little past the family's range: it is what was asked.
  let bpm = r.pace === "slow" ? lo * 0.9 : r.pace === "fast" ? hi * 1.05 : lo + (hi - lo) * p;
  // 6/8 counts eighths: the felt pulse (a dotted quarter) sits near 0.6 of a 4/4 beat.
  if (r.timeSignature === "6/8") bpm *= 1.8;
  return Math.max(50, Math.min(200, Math.round(bpm)));
}

/** A title in `lang` from the prompt's words: its theme, its other words, or mood and genre. */
function titleOf(r: Reading, lang: Lang, mood: MoodKey | null, genreName: string): string {
  const from = r.theme ?? (r.rest.length ? r.rest.slice(0, 4).join(" ") : null);
  if (from) {
    const t = from.replace(ARTICLES, "").trim();
    const words = t.split(/\s+/).slice(0, 6);
    if (lang === "en") return words.map(capitalise).join(" ");
    return capitalise(words.join(" "));
  }
  const adj = mood ? ADJECTIVES[mood]?.[lang] : undefined;
  const purpose = mood ? PURPOSES[mood]?.[lang] : undefined;
  if (adj) {
    return lang === "en" || lang === "de"
      ? `${capitalise(adj)} ${capitalise(NOUN[lang])}`
      : `${capitalise(NOUN[lang])} ${adj}`;
  }
  if (purpose) return `${capitalise(NOUN[lang])} ${purpose}`;
  return lang === "en" || lang === "de"
    ? `${genreName} ${capitalise(NOUN[lang])}`
    : `${capitalise(NOUN[lang])} ${genreName.toLowerCase()}`;
}

/** The plan the offline enhancer reads from `prompt` (deterministic). */
export function offlineEnhance({ prompt, language }: EnhanceInput): SongPlan {
  // An artist is kept only as the genre it stands for.
  const artistGenre = findArtists(prompt)[0]?.genre ?? null;
  const r = readPrompt(stripArtists(prompt));
  const mood = r.moods[0] ?? null;
  const genre = r.genre ?? artistGenre ?? (mood ? MOOD_PLAN[mood][1] : "pop");
  const t = TEMPLATES[familyOf(genre, r.subgenre)];
  const rand = seededRandom(`studio|${prompt}`);
  const tempo = tempoOf(t, r, mood);
  const ts = r.timeSignature ?? "4/4";
  const valence = mood ? MOODS[mood].valence : 0.5;
  const mode = r.mode ?? (valence < 0.4 ? "minor" : valence >= 0.7 ? "major" : t.mode);
  const vocals = r.vocals ?? t.vocals;
  const voice = r.voice ? `${r.voice} vocals` : "lead vocals";
  const instrumentation = [...new Set([...r.instruments, ...t.instrumentation])].slice(0, 8);
  if (vocals) instrumentation.push(voice);
  const moodLabel = mood ? MOOD_PLAN[mood][0] : t.mood;
  const group = moodGroup(moodLabel, mode);
  const style = [moodLabel, ...(r.subgenre ? [r.subgenre] : []), ...t.style_words];
  if (r.pace === "slow") style.push("unhurried");
  if (r.pace === "fast") style.push("uptempo");
  if (r.voice && vocals) style.push(voice);
  const title = titleOf(r, language, mood, t.name).slice(0, 120);
  const plan = SongPlan.parse({
    title,
    genre: r.genre ? genre : t.genre,
    subgenre: r.subgenre,
    mood: moodLabel,
    tempo_bpm: tempo,
    key: r.key ?? t.keys[Math.floor(rand() * t.keys.length)],
    mode,
    time_signature: ts,
    instrumentation,
    structure: structureFor(t.form, askedSeconds(r), tempo, ts),
    vocals,
    lyrics_theme: vocals ? (r.theme ?? DEFAULT_THEMES[group][language]).slice(0, 200) : null,
    style_words: [...new Set(style)].slice(0, 8),
  });
  return cleanPlan(plan, titleOf({ ...r, theme: null, rest: [] }, language, mood, t.name));
}

const SYSTEM = "You are Soundcheck's song producer. Turn a musician's request (in any language) " +
  "into the plan of one original song. genre and subgenre in English, lower case (subgenre null " +
  "when none). mood: one or two English words. tempo_bpm from 50 to 200 (in 6/8 it counts " +
  "eighth notes). key: a pitch class; mode: major or minor. structure: the sections in order " +
  "(intro, verse, pre_chorus, chorus, bridge, solo, breakdown, outro) with their bars, adding up " +
  "to the asked length. vocals: false for an instrumental request; lyrics_theme null without " +
  "vocals. instrumentation: up to 8 instruments. style_words: up to 8 descriptors of the sound " +
  "(timbre, production, era, feel). Never name a real artist, band or song anywhere in the " +
  "plan: when the request mentions one, describe that sound with style words instead. Answer " +
  "with JSON that fits the schema.";

const LANGUAGE_NAMES: Record<Lang, string> = {
  en: "English",
  es: "Spanish",
  pt: "Portuguese",
  fr: "French",
  de: "German",
};

/** The prompt as the live model gets it. */
export function enhancePromptText({ prompt, language }: EnhanceInput): string {
  const seconds = askedSeconds(readPrompt(prompt));
  return `Request: ${prompt.trim()}\n` +
    `Write title and lyrics_theme in ${LANGUAGE_NAMES[language]}.\n` +
    `Length: about ${seconds} seconds in all (bars × beats per bar × 60 ÷ tempo_bpm; ` +
    `4 beats per bar in 4/4, 3 in 3/4, 6 in 6/8).`;
}

/** A plan whose length is near the ask: within a fifth, or 10 s for short songs. */
export function enhanceSchema({ prompt }: EnhanceInput): z.ZodType<SongPlan> {
  const seconds = askedSeconds(readPrompt(prompt));
  const tolerance = Math.max(10, seconds * 0.2);
  return SongPlan.superRefine((p, ctx) => {
    const got = planSeconds(p);
    if (Math.abs(got - seconds) > tolerance) {
      ctx.addIssue({
        code: "custom",
        path: ["structure"],
        message: `the sections last ${Math.round(got)} s at the tempo; about ${seconds} s asked`,
      });
    }
    if (!p.vocals && p.lyrics_theme !== null) {
      ctx.addIssue({ code: "custom", path: ["lyrics_theme"], message: "null when instrumental" });
    }
  });
}

export const enhanceTask: AiTask<EnhanceInput, SongPlan> = {
  name: "studio_enhance",
  schemaName: "song_plan",
  schema: enhanceSchema,
  system: SYSTEM,
  prompt: enhancePromptText,
  offline: offlineEnhance,
  offlineModel: OFFLINE_ENHANCER_MODEL,
};

export interface Enhanced {
  plan: SongPlan;
  language: Lang;
  source: "live" | "offline";
  model: string;
  /** Why the offline enhancer answered although a live model is configured. */
  fallback?: string;
}

export interface EnhanceOptions extends RunOptions {
  /** The plan's language; by default the prompt's (English when it is none of the five). */
  language?: Lang;
  log?: Logger;
}

/** Live (one retry on invalid output), else offline; artists' names removed either way. */
export async function enhancePrompt(
  ai: AiPort,
  prompt: string,
  opts: EnhanceOptions = {},
): Promise<Enhanced> {
  const language = opts.language && LANGS.includes(opts.language)
    ? opts.language
    : promptLanguage(prompt);
  const run = await runTask(ai, enhanceTask, { prompt, language }, opts);
  const fallbackTitle = capitalise(`${run.value.mood} ${run.value.genre}`).slice(0, 120);
  return {
    plan: SongPlan.parse(cleanPlan(run.value, fallbackTitle)),
    language,
    source: run.source,
    model: run.model,
    ...(run.fallback ? { fallback: run.fallback } : {}),
  };
}
