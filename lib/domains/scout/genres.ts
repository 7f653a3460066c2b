/**
 * Genres for scouted events, as an AI task (lib/ports/ai/task.ts): `guessGenres` fills `genres`
 * where a source gave none, one call per batch of at most 50 events. The live model picks from
 * the project's genre vocabulary (the AI DJ's lexicon, lib/domains/dj/lexicon_words.ts, minus
 * its language and instrument words); the offline producer reads the same lexicon over each
 * event's title, description and venue. An event the live answer leaves out gets the offline
 * guess; an event neither can place keeps an empty list.
 *
 * @module
 */
import { z } from "zod";
import type { AiPort } from "../../ports/ai/port.ts";
import type { AiTask } from "../../ports/ai/task.ts";
import { type RunOptions, runTask } from "../../ports/ai/run_task.ts";
import { analyse } from "../dj/lexicon.ts";
import { GENRE_WORDS } from "../dj/lexicon_words.ts";
import type { ExternalGigDraft } from "./types.ts";

export const OFFLINE_GENRE_MODEL = "offline-genre-lexicon-v1";
export const GENRE_BATCH = 50;
const MAX_GENRES = 4;

/** The DJ lexicon's words that name a language, an instrument or a use rather than a genre. */
const NOT_GENRES = new Set(["piano", "french", "german", "italian", "instrumental", "soundtrack"]);
export const SCOUT_GENRES = Object.keys(GENRE_WORDS).filter((g) => !NOT_GENRES.has(g)) as [
  string,
  ...string[],
];

export const GenreGuesses = z.object({
  items: z.array(z.object({
    index: z.number().int().min(0),
    genres: z.array(z.enum(SCOUT_GENRES)).max(MAX_GENRES),
  })),
});
export type GenreGuesses = z.infer<typeof GenreGuesses>;

/** One event as the task sees it: its position in the batch and its words. */
export interface GenreInput {
  index: number;
  title: string;
  description: string;
  venue: string | null;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The lexicon's genres for one event's words, in order of mention. */
export function lexiconGenres(e: Omit<GenreInput, "index">): string[] {
  const text = `${e.title}. ${e.venue ?? ""}. ${clip(e.description, 1500)}`
    // The DJ lexicon knows "hip hop" and "hiphop"; listings write "hip-hop" as often.
    .replace(/\bhip-hop\b/gi, "hip hop");
  const found = analyse(text).genres;
  return found.filter((g) => !NOT_GENRES.has(g)).slice(0, MAX_GENRES);
}

export const genreTask: AiTask<GenreInput[], GenreGuesses> = {
  name: "scout_genres",
  schemaName: "scout_genres",
  schema: GenreGuesses,
  system: "You are Soundcheck's gig scout. You tag music events found on venue websites and " +
    "feeds with the genres a musician would need to play there. Use only genres from the " +
    "schema's list, at most four per event, the most certain first; give an empty list when " +
    "the text does not say what music it is. Answer with JSON that fits the schema.",
  prompt: (batch) =>
    [
      "Tag each event with its genres. Answer one item per event, with its index.",
      "",
      ...batch.map((e) =>
        `[${e.index}] ${clip(e.title, 200)}${e.venue ? ` @ ${clip(e.venue, 80)}` : ""}\n` +
        `    ${clip(e.description.replace(/\s+/g, " "), 300)}`
      ),
    ].join("\n"),
  offline: (batch) => ({ items: batch.map((e) => ({ index: e.index, genres: lexiconGenres(e) })) }),
  offlineModel: OFFLINE_GENRE_MODEL,
};

/**
 * `drafts` with `genres` filled where it was empty (the others as they were, same order). One
 * AI call per ≤ 50 drafts that need it; provider trouble falls back to the lexicon (runTask).
 */
export async function guessGenres(
  ai: AiPort,
  drafts: ExternalGigDraft[],
  opts: RunOptions = {},
): Promise<ExternalGigDraft[]> {
  const out = drafts.slice();
  const todo = drafts.flatMap((d, i) => (d.genres.length ? [] : [i]));
  for (let at = 0; at < todo.length; at += GENRE_BATCH) {
    const slice = todo.slice(at, at + GENRE_BATCH);
    const batch: GenreInput[] = slice.map((i, k) => ({
      index: k,
      title: drafts[i].title,
      description: drafts[i].description,
      venue: drafts[i].venue_name,
    }));
    const run = await runTask(ai, genreTask, batch, opts);
    const answered = new Map<number, string[]>();
    for (const item of run.value.items) {
      if (item.index < batch.length && !answered.has(item.index)) {
        answered.set(item.index, [...new Set(item.genres)]);
      }
    }
    slice.forEach((i, k) => {
      const genres = answered.get(k) ?? lexiconGenres(batch[k]);
      out[i] = { ...drafts[i], genres };
    });
  }
  return out;
}
