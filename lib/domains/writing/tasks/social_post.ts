/**
 * A venue's social media post about a gig: at most 240 characters and a few hashtags.
 *
 * @module
 */
import { z } from "zod";
import { genreLabel } from "../../gigs/facts.ts";
import { OFFLINE_WRITER_MODEL } from "../../../ports/ai/offline.ts";
import type { WriteLang } from "../language.ts";
import { cityIn } from "../lexicon.ts";
import { PHRASEBOOKS, seedFor, venueFacts } from "../phrases/mod.ts";
import type { GigInput } from "./announcement.ts";
import { clip, type DraftTask, gigSheet, languageLine, SYSTEM_BASE } from "./writing.ts";

export const SocialPostDraft = z.object({
  text: z.string().trim().min(20).max(280),
  hashtags: z.array(z.string().regex(/^#[A-Za-z0-9_]{2,30}$/)).min(1).max(6),
});
export type SocialPostDraft = z.infer<typeof SocialPostDraft>;

export function socialPostSchema(
  input: GigInput,
): z.ZodType<SocialPostDraft & { language: WriteLang }> {
  return SocialPostDraft.extend({
    language: z.enum([input.language]).describe("The language the post is written in"),
  });
}

export function socialPostPrompt({ gig: g, language }: GigInput): string {
  return `Write a social media post announcing this event: at most 240 characters of text (no ` +
    `hashtags in the text), plus 2–5 hashtags (each "#" followed by letters, digits or "_"). No ` +
    `budget.\n${languageLine(language)}\n\n${gigSheet(g)}`;
}

function hashtag(word: string): string | null {
  const t = word.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^A-Za-z0-9]+/g, "");
  return t.length >= 2 ? `#${t.slice(0, 30)}` : null;
}

export function offlineSocialPost(
  { gig: g, language }: GigInput,
): SocialPostDraft & { language: WriteLang } {
  const rand = seedFor("social", language, g.title, g.starts_at);
  const book = PHRASEBOOKS[language];
  const text = clip(book.social(venueFacts(g, language), rand), 240);
  const tags: string[] = [];
  for (const w of [...g.genres.map(genreLabel), cityIn(g.city, language) ?? "", book.liveMusic]) {
    const h = hashtag(w);
    if (h && !tags.includes(h)) tags.push(h);
  }
  return { text, hashtags: tags.slice(0, 5), language };
}

export const socialPostTask: DraftTask<GigInput, SocialPostDraft & { language: WriteLang }> = {
  name: "social_post",
  schemaName: "social_post",
  schema: socialPostSchema,
  system: SYSTEM_BASE,
  prompt: socialPostPrompt,
  offline: offlineSocialPost,
  offlineModel: OFFLINE_WRITER_MODEL,
  render: (d) => `${d.text}\n\n${d.hashtags.join(" ")}`,
};
