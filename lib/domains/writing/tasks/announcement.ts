/**
 * A venue's public announcement of a gig, for its website and newsletter: a headline, 80–200
 * words for the audience (never the budget) and a call to action.
 *
 * @module
 */
import { z } from "zod";
import {
  formatDay,
  formatDuration,
  formatTime,
  genreLabel,
  type GigFacts,
  joinList,
  kindLabel,
  pick,
  placeName,
} from "../../gigs/facts.ts";
import { OFFLINE_WRITER_MODEL } from "../../../ports/ai/offline.ts";
import { clip, type DraftTask, firstSentences, gigSheet, seedOf, SYSTEM_BASE } from "./writing.ts";

export const AnnouncementDraft = z.object({
  headline: z.string().trim().min(5).max(120),
  body: z.string().trim().min(100).max(2000),
  call_to_action: z.string().trim().min(3).max(160),
});
export type AnnouncementDraft = z.infer<typeof AnnouncementDraft>;

export function announcementPrompt(g: GigFacts): string {
  return `Write a public announcement of this event for the venue's website and newsletter: a ` +
    `headline, a body of 80–200 words for the audience (not for musicians: no budget), and a short ` +
    `call to action.\n\n${gigSheet(g)}`;
}

export function offlineAnnouncement(g: GigFacts): AnnouncementDraft {
  const rand = seedOf("announcement", g.title, g.starts_at, g.venue_name);
  const day = formatDay(g.starts_at, g.timezone);
  const time = formatTime(g.starts_at, g.timezone);
  const venue = g.venue_name ?? (g.remote ? "online" : g.city ?? "our venue");
  const genres = joinList(g.genres.map(genreLabel));
  const host = g.venue_name ?? g.client_name ?? "We";
  const s: string[] = [];
  s.push(
    pick(rand, [
      `${host} ${host === "We" ? "are" : "is"} proud to present ${g.title}: ${
        genres ? `an evening of ${genres}` : `a ${kindLabel(g.kind)}`
      } on ${day}, starting at ${time}.`,
      `Mark ${day} in your diary: ${g.title} ${
        g.remote ? "streams live" : `comes to ${venue}`
      } from ${time}${
        genres ? `, with ${genres} all ${g.duration_minutes >= 120 ? "evening" : "set"} long` : ""
      }.`,
      `On ${day} at ${time}, ${g.title} ${g.remote ? "goes live online" : `takes over ${venue}`}${
        genres ? ` for ${formatDuration(g.duration_minutes)} of ${genres}` : ""
      }.`,
    ]),
  );
  const desc = firstSentences(g.description, 2, 400);
  if (desc) s.push(desc);
  if (g.instruments.length) {
    s.push(
      `Expect live ${joinList(g.instruments.map((i) => i.toLowerCase()))} ${
        pick(rand, ["up close", "in a room made for it", "with plenty of room to move"])
      }.`,
    );
  }
  s.push(
    g.remote
      ? `The show runs for ${
        formatDuration(g.duration_minutes)
      }, streamed so you can join from anywhere.`
      : `The music runs for ${formatDuration(g.duration_minutes)}${
        g.city ? ` in ${placeName(g.city, g.country)}` : ""
      }. Doors open a little before the start.`,
  );
  let body = s.join(" ");
  if (body.length < 100) body += " Bring your friends and make a night of it.";
  return {
    headline: clip(
      pick(rand, [`${g.title} — ${day}`, `${g.title} at ${venue}, ${day}`, `Live: ${g.title}`]),
      120,
    ),
    body: clip(body, 2000),
    call_to_action: pick(rand, [
      `Save the date and tell a friend: ${day}, ${time}.`,
      `Join us on ${day} from ${time}.`,
      `Book your spot now for ${day}.`,
    ]),
  };
}

export const announcementTask: DraftTask<GigFacts, AnnouncementDraft> = {
  name: "announcement",
  schemaName: "gig_announcement",
  schema: AnnouncementDraft,
  system: SYSTEM_BASE,
  prompt: announcementPrompt,
  offline: offlineAnnouncement,
  offlineModel: OFFLINE_WRITER_MODEL,
  render: (d) => `${d.headline}\n\n${d.body}\n\n${d.call_to_action}`,
};
