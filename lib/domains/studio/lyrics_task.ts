/**
 * Lyrics as an AI task, written to the plan's structure: one stanza per vocal section (verse,
 * pre-chorus, chorus, bridge) in the plan's order, every chorus the same. The offline writer
 * fills stanzas from the language's line banks (lyrics/<lang>.ts) about the plan's theme and mood,
 * deterministic for the plan and a seed. Instrumental plans get none.
 *
 * @module
 */
import { z } from "zod";
import type { AiPort } from "../../ports/ai/port.ts";
import { type RunOptions, runTask } from "../../ports/ai/run_task.ts";
import type { AiTask } from "../../ports/ai/task.ts";
import type { Lang } from "../dj/lexicon.ts";
import { seededRandom } from "../gigs/facts.ts";
import { stripArtists } from "./artists.ts";
import { BANKS, DEFAULT_THEMES, moodGroup } from "./lyrics_words.ts";
import { SECTION_NAMES, type SongPlan } from "./plan.ts";

export const OFFLINE_LYRICIST_MODEL = "offline-lyricist-v1";

/** Sections that are sung. */
export const VOCAL_SECTIONS = ["verse", "pre_chorus", "chorus", "bridge"] as const;
type VocalSection = (typeof VOCAL_SECTIONS)[number];
const isVocal = (name: string): name is VocalSection =>
  (VOCAL_SECTIONS as readonly string[]).includes(name);

export const Stanza = z.object({
  name: z.enum(SECTION_NAMES),
  lines: z.array(z.string().trim().min(1).max(120)).min(1).max(16),
});
export const Lyrics = z.object({ sections: z.array(Stanza).min(1).max(24) });
export type Lyrics = z.infer<typeof Lyrics>;

export interface LyricsInput {
  plan: SongPlan;
  seed: number;
  language: Lang;
}

/** The vocal sections of a plan, in order. */
export function vocalSections(plan: SongPlan): SongPlan["structure"] {
  return plan.structure.filter((s) => isVocal(s.name));
}

/** Lines for a section of `bars` bars: about one per two bars, in couplets, 2 to 8. */
export function linesFor(name: VocalSection, bars: number): number {
  if (name === "chorus") return bars < 4 ? 2 : 4;
  if (name === "pre_chorus") return 2;
  // Whole couplets: 2, 4, 6 or 8 lines.
  const n = Math.max(2, Math.min(8, 2 * Math.round(bars / 4)));
  return name === "bridge" ? Math.min(4, n) : n;
}

/** Lyrics that fit `plan`: its vocal sections in order, every chorus the same lines. */
export function lyricsSchema(plan: SongPlan): z.ZodType<Lyrics> {
  const want = vocalSections(plan).map((s) => s.name);
  return Lyrics.superRefine((l, ctx) => {
    const got = l.sections.map((s) => s.name);
    if (got.join() !== want.join()) {
      ctx.addIssue({
        code: "custom",
        path: ["sections"],
        message: `sections must be ${want.join(", ")} in this order; got ${got.join(", ")}`,
      });
    }
    const choruses = l.sections.filter((s) => s.name === "chorus").map((s) => s.lines.join("\n"));
    if (new Set(choruses).size > 1) {
      ctx.addIssue({
        code: "custom",
        path: ["sections"],
        message: "every chorus must be the same",
      });
    }
  });
}

/** Deterministic lyrics for the plan and `seed`, in `language`. */
export function offlineLyrics({ plan, seed, language }: LyricsInput): Lyrics {
  const bank = BANKS[language];
  const group = moodGroup(plan.mood, plan.mode);
  const theme = plan.lyrics_theme ?? DEFAULT_THEMES[group][language];
  const fill = (line: string) => line.replaceAll("{theme}", theme);
  const rand = seededRandom(`lyrics|${seed}|${plan.title}|${plan.mood}`);
  const shuffled = <T>(items: T[]) => {
    const a = [...items];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  };
  // Verses draw the bank's rhyming couplets in a shuffled order, reshuffled when it runs out,
  // never twice in one verse.
  const couplets: [string, string][] = [];
  const v = bank.verse[group];
  for (let i = 0; i + 1 < v.length; i += 2) couplets.push([v[i], v[i + 1]]);
  let deck: [string, string][] = [];
  const verseLines = (n: number) => {
    const used: [string, string][] = [];
    while (used.length * 2 < n) {
      if (!deck.length) {
        const fresh = shuffled(couplets);
        deck = [
          ...fresh.filter((c) => !used.includes(c)),
          ...fresh.filter((c) => used.includes(c)),
        ];
      }
      used.push(deck.shift()!);
    }
    return used.flat().slice(0, n);
  };
  const chorus = bank.chorus[group].map(fill);
  const pre = shuffled(bank.pre_chorus).slice(0, 2);
  const bridge = shuffled(bank.bridge);
  return {
    sections: vocalSections(plan).map((s) => {
      const name = s.name as VocalSection;
      const n = linesFor(name, s.bars);
      const lines = name === "chorus"
        ? chorus.slice(0, n)
        : name === "pre_chorus"
        ? pre
        : name === "bridge"
        ? bridge.slice(0, n)
        : verseLines(n);
      return { name, lines: lines.map((l) => l.slice(0, 120)) };
    }),
  };
}

const SYSTEM = "You are Soundcheck's lyricist. Write original song lyrics to the plan you are " +
  "given: one stanza per listed section, in that order; every chorus has exactly the same lines; " +
  "about one line per two bars; singable lines of up to 12 words. Never name or quote a real " +
  "artist or song. Answer with JSON that fits the schema.";

const LANGUAGE_NAMES: Record<Lang, string> = {
  en: "English",
  es: "Spanish",
  pt: "Portuguese",
  fr: "French",
  de: "German",
};

/** The prompt as the live model gets it. */
export function lyricsPrompt({ plan, language }: LyricsInput): string {
  const sections = vocalSections(plan).map((s) =>
    `- ${s.name} (${s.bars} bars, ${linesFor(s.name as VocalSection, s.bars)} lines)`
  );
  return `Song: ${stripArtists(plan.title)}\nLanguage: ${LANGUAGE_NAMES[language]}\n` +
    `Theme: ${stripArtists(plan.lyrics_theme ?? plan.mood)}\nMood: ${plan.mood}\n` +
    `Genre: ${plan.genre}${plan.subgenre ? ` (${plan.subgenre})` : ""}, ${plan.tempo_bpm} BPM, ` +
    `${plan.key} ${plan.mode}\nSections:\n${sections.join("\n")}`;
}

export const lyricsTask: AiTask<LyricsInput, Lyrics> = {
  name: "studio_lyrics",
  schemaName: "song_lyrics",
  schema: (input) => lyricsSchema(input.plan),
  system: SYSTEM,
  prompt: lyricsPrompt,
  offline: offlineLyrics,
  offlineModel: OFFLINE_LYRICIST_MODEL,
};

export interface WrittenLyrics {
  lyrics: Lyrics;
  source: "live" | "offline";
  model: string;
  /** Why the offline writer answered although a live model is configured. */
  fallback?: string;
}

/** Lyrics for a plan with vocals (live, one retry, else offline); null for an instrumental. */
export async function writeLyrics(
  ai: AiPort,
  plan: SongPlan,
  opts: RunOptions & { seed: number; language: Lang },
): Promise<WrittenLyrics | null> {
  if (!plan.vocals || vocalSections(plan).length === 0) return null;
  const run = await runTask(ai, lyricsTask, { plan, seed: opts.seed, language: opts.language }, {
    log: opts.log,
    recordUsage: opts.recordUsage,
  });
  return {
    lyrics: run.value,
    source: run.source,
    model: run.model,
    ...(run.fallback ? { fallback: run.fallback } : {}),
  };
}
