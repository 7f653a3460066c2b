/**
 * A venue's social media post about a gig: at most 240 characters and a few hashtags.
 *
 * @module
 */
import { z } from "zod";
import {
  capitalise,
  formatDay,
  formatTime,
  genreLabel,
  type GigFacts,
  joinList,
  pick,
} from "../../gigs/facts.ts";
import { OFFLINE_WRITER_MODEL } from "../../../ports/ai/offline.ts";
import { clip, type DraftTask, gigSheet, seedOf, SYSTEM_BASE } from "./writing.ts";

export const SocialPostDraft = z.object({
  text: z.string().trim().min(20).max(280),
  hashtags: z.array(z.string().regex(/^#[A-Za-z0-9_]{2,30}$/)).min(1).max(6),
});
export type SocialPostDraft = z.infer<typeof SocialPostDraft>;

export function socialPostPrompt(g: GigFacts): string {
  return `Write a social media post announcing this event: at most 240 characters of text (no ` +
    `hashtags in the text), plus 2–5 hashtags (each "#" followed by letters, digits or "_"). No ` +
    `budget.\n\n${gigSheet(g)}`;
}

function hashtag(word: string): string | null {
  const t = word.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^A-Za-z0-9]+/g, "");
  return t.length >= 2 ? `#${t.slice(0, 30)}` : null;
}

export function offlineSocialPost(g: GigFacts): SocialPostDraft {
  const rand = seedOf("social", g.title, g.starts_at);
  const day = formatDay(g.starts_at, g.timezone);
  const time = formatTime(g.starts_at, g.timezone);
  const genres = joinList(g.genres.slice(0, 2).map(genreLabel));
  const place = g.venue_name ?? g.city ?? "the venue";
  const at = g.remote
    ? "live online"
    : g.title.toLowerCase().includes(place.toLowerCase())
    ? (g.city && g.city !== place ? `in ${g.city}` : "")
    : `at ${place}`;
  const text = clip(
    pick(rand, [
      `${g.title}${at ? ` ${at}` : ""}, ${day} from ${time}.${
        genres ? ` ${capitalise(genres)} all night.` : ""
      } Don't miss it!`,
      `This ${day.split(" ")[0]}: ${g.title}${at ? ` ${at}` : ""}, ${time}.${
        genres ? ` Come for the ${genres}, stay for the vibe.` : ""
      }`,
      `Save the date: ${day}, ${time}. ${g.title}${at ? ` ${at}` : ""}.${
        genres ? ` Live ${genres}.` : ""
      }`,
    ]),
    240,
  );
  const tags: string[] = [];
  for (const w of [...g.genres.map(genreLabel), g.city ?? "", "live music"]) {
    const h = hashtag(w);
    if (h && !tags.includes(h)) tags.push(h);
  }
  return { text, hashtags: tags.slice(0, 5) };
}

export const socialPostTask: DraftTask<GigFacts, SocialPostDraft> = {
  name: "social_post",
  schemaName: "social_post",
  schema: SocialPostDraft,
  system: SYSTEM_BASE,
  prompt: socialPostPrompt,
  offline: offlineSocialPost,
  offlineModel: OFFLINE_WRITER_MODEL,
  render: (d) => `${d.text}\n\n${d.hashtags.join(" ")}`,
};
