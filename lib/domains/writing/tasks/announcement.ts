/**
 * A venue's public announcement of a gig, for its website and newsletter: a headline, 80–200
 * words for the audience (never the budget) and a call to action.
 *
 * @module
 */
import { z } from "zod";
import type { GigFacts } from "../../gigs/facts.ts";
import { OFFLINE_WRITER_MODEL } from "../../../ports/ai/offline.ts";
import type { WriteLang } from "../language.ts";
import { tidy } from "../grammar.ts";
import { PHRASEBOOKS, seedFor, venueFacts } from "../phrases/mod.ts";
import { clip, type DraftTask, gigSheet, languageLine, SYSTEM_BASE } from "./writing.ts";

/** A venue's gig and the language to announce it in. */
export interface GigInput {
  gig: GigFacts;
  language: WriteLang;
}

export const AnnouncementDraft = z.object({
  headline: z.string().trim().min(5).max(120),
  body: z.string().trim().min(100).max(2000),
  call_to_action: z.string().trim().min(3).max(160),
});
export type AnnouncementDraft = z.infer<typeof AnnouncementDraft>;

export function announcementSchema(
  input: GigInput,
): z.ZodType<AnnouncementDraft & { language: WriteLang }> {
  return AnnouncementDraft.extend({
    language: z.enum([input.language]).describe("The language the draft is written in"),
  });
}

export function announcementPrompt({ gig: g, language }: GigInput): string {
  return `Write a public announcement of this event for the venue's website and newsletter: a ` +
    `headline, a body of 80–200 words for the audience (not for musicians: no budget), and a short ` +
    `call to action. If the title reads like a job listing ("jazz trio wanted"), name the event ` +
    `instead.\n${languageLine(language)}\n\n${gigSheet(g)}`;
}

export function offlineAnnouncement(
  { gig: g, language }: GigInput,
): AnnouncementDraft & { language: WriteLang } {
  const rand = seedFor("announcement", language, g.title, g.starts_at, g.venue_name);
  const book = PHRASEBOOKS[language];
  const a = book.announcement(venueFacts(g, language), rand);
  let body = tidy(a.sentences);
  if (body.length < 100) body += " " + BRING_FRIENDS[language];
  return {
    headline: clip(a.headline, 120),
    body: clip(body, 2000),
    call_to_action: clip(a.call_to_action, 160),
    language,
  };
}

const BRING_FRIENDS: Record<WriteLang, string> = {
  en: "Bring your friends and make a night of it.",
  es: "Trae a tus amigos y disfruta de la noche.",
  fr: "Venez entre amis et profitez de la soirée.",
  de: "Bringt eure Freunde mit und genießt den Abend.",
  pt: "Traga os amigos e aproveite a noite.",
};

export const announcementTask: DraftTask<GigInput, AnnouncementDraft & { language: WriteLang }> = {
  name: "announcement",
  schemaName: "gig_announcement",
  schema: announcementSchema,
  system: SYSTEM_BASE,
  prompt: announcementPrompt,
  offline: offlineAnnouncement,
  offlineModel: OFFLINE_WRITER_MODEL,
  render: (d) => `${d.headline}\n\n${d.body}\n\n${d.call_to_action}`,
};
