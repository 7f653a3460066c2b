/**
 * Browser-safe chat helpers shared by the conversation page and its island (islands bundle this
 * file: it imports only types and lib/shared): merging message lists by id, splitting text into
 * links, short times, and how attachments are shown.
 *
 * @module
 */
import type { Message } from "../domains/chat/schemas.ts";
import { isAttachmentType } from "../shared/limits.ts";

/** A message as pages and islands hold it (the API's shape). */
export type ChatMessage = Message;

/** Which of two versions of one message is the later: deleted beats edited beats original. */
function later(a: ChatMessage, b: ChatMessage): ChatMessage {
  if (a.deleted_at || b.deleted_at) return a.deleted_at ? a : b;
  if ((a.edited_at ?? "") === (b.edited_at ?? "")) return b;
  return (a.edited_at ?? "") > (b.edited_at ?? "") ? a : b;
}

/**
 * `list` with `incoming` merged in: one entry per id (the latest version), ordered by id. Live
 * events, catch-up pages and send responses may arrive in any order and more than once; the
 * result is the same, so nothing is shown twice and nothing is lost.
 */
export function mergeMessages(list: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  if (incoming.length === 0) return list;
  const byId = new Map<number, ChatMessage>();
  for (const m of list) byId.set(m.id, m);
  for (const m of incoming) {
    const had = byId.get(m.id);
    byId.set(m.id, had ? later(had, m) : m);
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** The greatest id in `list`, or 0. */
export function lastId(list: readonly { id: number }[]): number {
  return list.reduce((max, m) => (m.id > max ? m.id : max), 0);
}

export type TextPart = { text: string } | { href: string; text: string };

const URL_RE = /\bhttps?:\/\/[^\s<>"']+/gi;

/** Splits text into plain parts and http(s) links (trailing punctuation stays text). */
export function linkParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const m of text.matchAll(URL_RE)) {
    let url = m[0];
    const trail = url.match(/[.,;:!?)\]]+$/);
    if (trail) url = url.slice(0, -trail[0].length);
    const start = m.index ?? 0;
    if (start > at) parts.push({ text: text.slice(at, start) });
    parts.push({ href: url, text: url });
    at = start + url.length;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}

/** "14:05" today, "Mon 14:05" this week, "3 Dec 14:05" before (in the viewer's locale and zone). */
export function shortTime(iso: string, now: Date = new Date(), timeZone?: string): string {
  const d = new Date(iso);
  const time = d.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone });
  const day = (x: Date) => x.toLocaleDateString("en-GB", { timeZone });
  if (day(d) === day(now)) return time;
  const ageDays = (now.getTime() - d.getTime()) / 86_400_000;
  if (ageDays < 6) {
    return `${d.toLocaleDateString("en-GB", { weekday: "short", timeZone })} ${time}`;
  }
  return `${d.toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone })} ${time}`;
}

/** "1.2 MB" */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** How an attachment is shown: an image, a player, or a download link. */
export function attachmentKind(type: string | null): "image" | "audio" | "file" {
  if (!type) return "file";
  if (type.startsWith("image/") && isAttachmentType(type)) return "image";
  if (type.startsWith("audio/")) return "audio";
  return "file";
}

/** Where the browser fetches a message's attachment (the app serves it after RLS said yes). */
export function attachmentUrl(messageId: number): string {
  return `/api/messages/${messageId}/attachment`;
}

/** The report form for another person's message (routes/(signed-in)/report.tsx). */
export function reportHref(conversationId: string, messageId: number): string {
  return `/report?${new URLSearchParams({
    type: "message",
    id: String(messageId),
    back: `/messages/${conversationId}#m${messageId}`,
  })}`;
}
