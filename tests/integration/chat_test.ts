/**
 * Chat through the JSON API of a real server (embedded platform): conversations opened by
 * applications, sending, live events, unread counts and read markers, paging and catch-up by id,
 * the edit window, soft delete, the notify job, and every refusal as a 4xx naming the field.
 * (Attachments, typing and the pages without JavaScript: chat_files_test.ts.)
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { startTestApp } from "../_helpers/app.ts";
import { type ChatPerson, chatWorld, eventually } from "../_helpers/chat.ts";
import type { RealtimeEvent } from "../../lib/ports/realtime/port.ts";
import {
  ConversationDetail,
  InboxPage,
  Message,
  MessagePage,
  ReadMarker,
} from "../../lib/domains/chat/schemas.ts";

Deno.test({
  name: "chat API - conversations and messages",
  sanitizeOps: false,
  sanitizeResources: false,
}, async (t) => {
  await using app = await startTestApp({ WORKER: "off" });
  const realtime = app.platform.realtime!;
  const { client, musician, stranger, conversation, call, send } = await chatWorld(app);
  const id = conversation.conversationId;
  const page = async (who: ChatPerson, qs = "") =>
    MessagePage.parse((await call(who, "GET", `/api/conversations/${id}/messages${qs}`)).json);
  const unread = async (who: ChatPerson) =>
    (await call(who, "GET", "/api/conversations/unread")).json.unread;

  await t.step("an application opens one conversation, seen by its two parties only", async () => {
    const [{ n }] = await app.platform.db.driver.query<{ n: number }>(
      "select count(*)::int as n from public.conversations where application_id = $1",
      [conversation.applicationId],
    );
    assertEquals(n, 1);
    for (const who of [client, musician]) {
      const inbox = InboxPage.parse((await call(who, "GET", "/api/conversations")).json);
      assertEquals(inbox.conversations.map((c) => c.id), [id]);
    }
    const other = InboxPage.parse((await call(stranger, "GET", "/api/conversations")).json);
    assertEquals(other.conversations, []);
    const detail = ConversationDetail.parse(
      (await call(client, "GET", `/api/conversations/${id}`)).json,
    );
    assertEquals([detail.other.user_id, detail.participants.length], [musician.id, 2]);
    assertEquals((await call(stranger, "GET", `/api/conversations/${id}`)).status, 404);
    assertEquals((await call(null, "GET", `/api/conversations/${id}`)).status, 401);
    assertEquals((await call(client, "GET", "/api/conversations/not-a-uuid")).status, 404);
  });

  await t.step("send, live events, unread counts and read markers", async () => {
    const onConversation: RealtimeEvent[] = [];
    const onUser: RealtimeEvent[] = [];
    assert(await realtime.authorize(musician.claims, `conversation:${id}`));
    assert(!(await realtime.authorize(stranger.claims, `conversation:${id}`)));
    assert(!(await realtime.authorize(stranger.claims, `typing:${id}`)));
    const stops = [
      realtime.subscribe(`conversation:${id}`, (e) => onConversation.push(e)),
      realtime.subscribe(`user:${musician.id}`, (e) => onUser.push(e)),
    ];
    try {
      const m = await send(client, "  Hello Milo, are you free at 8? https://example.com/set  ");
      assertEquals(m.body, "Hello Milo, are you free at 8? https://example.com/set");
      const live = await eventually(() => onConversation.find((e) => e.event === "message"));
      assertEquals(Message.parse(live.payload), m, "the live event is the whole message");
      const badge = await eventually(() => onUser.find((e) => e.event === "chat_message"));
      assertEquals([badge.payload.unread_total, badge.payload.conversation_id], [1, id]);

      assertEquals([await unread(musician), await unread(client)], [1, 0]);
      const inbox = InboxPage.parse((await call(musician, "GET", "/api/conversations")).json);
      assertEquals([inbox.conversations[0].unread, inbox.conversations[0].last_message?.id], [
        1,
        m.id,
      ]);

      const read = await call(musician, "POST", `/api/conversations/${id}/read`, {});
      const marker = ReadMarker.parse(read.json);
      assertEquals(marker.last_read_message_id, m.id);
      assert(marker.active_until, "reading marks the conversation open");
      const seen = await eventually(() => onConversation.find((e) => e.event === "read"));
      assertEquals(seen.payload.user_id, musician.id);
      const zero = await eventually(() => onUser.find((e) => e.event === "chat_unread"));
      assertEquals(zero.payload.unread_total, 0);
      assertEquals(await unread(musician), 0);

      const left = await call(musician, "POST", `/api/conversations/${id}/read`, { active: false });
      assertEquals(ReadMarker.parse(left.json).active_until, null);
      const bad = await call(musician, "POST", `/api/conversations/${id}/read`, { up_to: -1 });
      assertEquals([bad.status, bad.json.error?.field], [400, "up_to"]);
    } finally {
      for (const stop of stops) stop();
    }
  });

  await t.step("refusals name the field and write nothing", async () => {
    const msgs = `/api/conversations/${id}/messages`;
    const cases: [ChatPerson, string, string, unknown, number, string][] = [
      [client, "POST", msgs, { body: "  " }, 400, "body"],
      [client, "POST", msgs, { body: "x".repeat(4001) }, 400, "body"],
      [client, "POST", msgs, { body: 5 }, 400, "body"],
      [client, "POST", msgs, { body: "a\u0000b" }, 400, "body"],
      [client, "POST", msgs, { body: "hi", client_token: "nope" }, 400, "client_token"],
      [stranger, "POST", msgs, { body: "hi" }, 404, "conversation_id"],
      [stranger, "GET", msgs, undefined, 404, "id"],
      [client, "GET", `${msgs}?after=1&before=5`, undefined, 400, "before"],
      [client, "GET", `${msgs}?after=x`, undefined, 400, "after"],
      [client, "GET", `${msgs}?limit=500`, undefined, 400, "limit"],
      [client, "GET", "/api/conversations?before=garbage", undefined, 400, "before"],
      [stranger, "POST", `/api/conversations/${id}/read`, {}, 404, "conversation_id"],
      [stranger, "POST", `/api/conversations/${id}/typing`, {}, 404, "id"],
      [client, "PATCH", "/api/messages/abc", { body: "x" }, 404, "id"],
    ];
    for (const [who, method, path, body, status, field] of cases) {
      const r = await call(who, method, path, body);
      assertEquals([r.status, r.json.error?.field], [status, field], `${method} ${path}`);
    }
    const [{ n }] = await app.platform.db.driver.query<{ n: number }>(
      "select count(*)::int as n from public.messages where conversation_id = $1",
      [id],
    );
    assertEquals(n, 1, "nothing was written by a refused request");
  });

  await t.step("a resend with the same client_token is not a duplicate", async () => {
    const token = crypto.randomUUID();
    const a = await send(musician, "Yes, 8 works.", { client_token: token });
    const b = await send(musician, "Yes, 8 works.", { client_token: token });
    assertEquals(a.id, b.id);
  });

  await t.step("catch-up by id: no gaps, no duplicates, in order", async () => {
    const lastSeen = (await page(client)).messages.at(-1)!.id;
    const sent: number[] = [];
    for (let i = 0; i < 7; i++) sent.push((await send(i % 2 ? client : musician, `m${i}`)).id);
    const seen: number[] = [];
    let after = lastSeen;
    for (;;) {
      const p = await page(client, `?after=${after}&limit=3`);
      seen.push(...p.messages.map((m) => m.id));
      after = seen.at(-1)!;
      if (!p.has_more) break;
    }
    assertEquals(seen, sent);
    const older = await page(client, `?before=${sent[3]}&limit=2`);
    assertEquals([older.messages.map((m) => m.id), older.has_more], [[sent[1], sent[2]], true]);
    const latest = await page(client, "?limit=2");
    assertEquals(latest.messages.map((m) => m.id), sent.slice(-2));
  });

  await t.step("edit within five minutes by the sender only; soft delete", async () => {
    const m = await send(client, "See you at 8pm");
    const edited = await call(client, "PATCH", `/api/messages/${m.id}`, { body: "See you at 7pm" });
    const e = Message.parse(edited.json);
    assertEquals([e.body, Boolean(e.edited_at)], ["See you at 7pm", true]);
    const notMine = await call(musician, "PATCH", `/api/messages/${m.id}`, { body: "hacked" });
    assertEquals([notMine.status, notMine.json.error?.field], [403, "message_id"]);
    assertEquals(
      (await call(stranger, "PATCH", `/api/messages/${m.id}`, { body: "x" })).status,
      404,
    );
    await app.platform.db.driver.query(
      "update public.messages set created_at = now() - interval '6 minutes' where id = $1",
      [m.id],
    );
    const late = await call(client, "PATCH", `/api/messages/${m.id}`, { body: "too late" });
    assertEquals([late.status, late.json.error?.field], [409, "message_id"]);

    assertEquals((await call(musician, "DELETE", `/api/messages/${m.id}`)).status, 403);
    const del = Message.parse((await call(client, "DELETE", `/api/messages/${m.id}`)).json);
    assertEquals([del.body, Boolean(del.deleted_at)], ["", true]);
    assertEquals((await page(musician, `?after=${m.id - 1}`)).messages[0].body, "");
    assertEquals((await call(client, "DELETE", `/api/messages/${m.id}`)).status, 409);
  });

  await t.step("the notify queue gets one job per message", async () => {
    const rows = await app.platform.db.driver.query<{ key: string }>(
      `select message ->> 'idempotency_key' as key from pgmq.q_notify
        where message ->> 'kind' = 'message'`,
    );
    const [{ n }] = await app.platform.db.driver.query<{ n: number }>(
      "select count(*)::int as n from public.messages where conversation_id = $1",
      [id],
    );
    assertEquals(rows.length, n);
    assert(rows.every((r) => r.key.startsWith("message:")));
  });
});
