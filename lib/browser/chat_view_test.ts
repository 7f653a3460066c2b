/** Merging message lists by id (what makes catch-up gap- and duplicate-free), links, file sizes. */
import { assertEquals } from "../../tests/_helpers/assert.ts";
import {
  attachmentKind,
  type ChatMessage,
  fileSize,
  lastId,
  linkParts,
  mergeMessages,
} from "./chat_view.ts";
import { MessagesQuery, SendMessageInput } from "../domains/chat/schemas.ts";

const msg = (id: number, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  id,
  conversation_id: "c",
  sender_id: "u",
  body: `m${id}`,
  attachment_path: null,
  attachment_name: null,
  attachment_type: null,
  attachment_size: null,
  client_token: null,
  created_at: "2026-11-22T10:00:00.000Z",
  edited_at: null,
  deleted_at: null,
  ...extra,
});

Deno.test("mergeMessages - any order, any repeats: one per id, sorted", () => {
  const live = [msg(3), msg(5)];
  const page = [msg(1), msg(2), msg(3), msg(4)];
  const merged = mergeMessages(mergeMessages(live, page), [msg(5), msg(4)]);
  assertEquals(merged.map((m) => m.id), [1, 2, 3, 4, 5]);
  assertEquals(lastId(merged), 5);
  assertEquals(lastId([]), 0);
});

Deno.test("mergeMessages - a later version wins whichever arrives last", () => {
  const edited = msg(2, { body: "edited", edited_at: "2026-11-22T10:01:00.000Z" });
  const deleted = msg(2, { body: "", deleted_at: "2026-11-22T10:02:00.000Z" });
  assertEquals(mergeMessages([edited], [msg(2)])[0].body, "edited", "a stale page does not undo");
  assertEquals(mergeMessages([deleted], [edited])[0].body, "", "nor does it undelete");
  assertEquals(mergeMessages([msg(2)], [edited])[0].body, "edited");
  const list = [msg(1)];
  assertEquals(mergeMessages(list, []), list);
});

Deno.test("linkParts - http(s) links, trailing punctuation stays text", () => {
  assertEquals(linkParts("see https://example.com/a?b=1. ok"), [
    { text: "see " },
    { href: "https://example.com/a?b=1", text: "https://example.com/a?b=1" },
    { text: ". ok" },
  ]);
  assertEquals(linkParts("javascript:alert(1) ftp://x"), [{ text: "javascript:alert(1) ftp://x" }]);
  assertEquals(linkParts(""), []);
});

Deno.test("fileSize and attachmentKind", () => {
  assertEquals([fileSize(900), fileSize(2048), fileSize(3 * 1024 * 1024)], [
    "900 B",
    "2 KB",
    "3.0 MB",
  ]);
  assertEquals(
    ["image/png", "image/svg+xml", "audio/mpeg", "application/pdf", null].map(attachmentKind),
    ["image", "file", "audio", "file", "file"],
  );
});

Deno.test("schemas - cursors and bodies refused with the field named", () => {
  const q = MessagesQuery.safeParse({ after: "3", before: "9" });
  assertEquals(q.success ? null : q.error.issues[0].path, ["before"]);
  assertEquals(MessagesQuery.parse({ after: "12" }), { after: 12, limit: 50 });
  const nul = SendMessageInput.safeParse({ body: "a\0b" });
  assertEquals(nul.success ? null : nul.error.issues[0].path, ["body"]);
  assertEquals(SendMessageInput.parse({ client_token: "" }), { body: "" });
});
