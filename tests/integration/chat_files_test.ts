/**
 * Chat beyond text, on a real server (embedded platform): attachments through storage with size
 * and type checks and RLS, typing that is published live and never stored (embedded hub, and
 * Supabase's broadcast endpoint faked on 127.0.0.1), the pages without JavaScript, and a
 * conversation closed by a withdrawn application.
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { startTestApp, TINY_PNG } from "../_helpers/app.ts";
import { type ChatPerson, chatWorld, eventually } from "../_helpers/chat.ts";
import type { RealtimeEvent } from "../../lib/ports/realtime/port.ts";
import { ConversationDetail, Message } from "../../lib/domains/chat/schemas.ts";
import { NotParticipant, publishTyping } from "../../lib/domains/chat/mod.ts";
import { COOKIE } from "../../lib/web/cookies.ts";
import { ATTACHMENT_MAX_BYTES } from "../../lib/shared/limits.ts";

const file = (bytes: Uint8Array, name: string, type?: string, body?: string) => {
  const form = new FormData();
  if (body !== undefined) form.set("body", body);
  form.set("file", new File([bytes as BlobPart], name, type ? { type } : {}));
  return form;
};

Deno.test({
  name: "chat API - attachments, typing, pages without JavaScript",
  sanitizeOps: false,
  sanitizeResources: false,
}, async (t) => {
  await using app = await startTestApp({ WORKER: "off" });
  const { client, musician, stranger, conversation, call } = await chatWorld(app);
  const id = conversation.conversationId;
  const msgs = `/api/conversations/${id}/messages`;
  const { storage } = app.platform;

  await t.step("attachments: upload, size and type checks, participants only", async () => {
    const r = await call(
      client,
      "POST",
      msgs,
      file(TINY_PNG, "poster final.png", "image/png", "The poster"),
    );
    assertEquals(r.status, 201, JSON.stringify(r.json));
    const m = Message.parse(r.json);
    assertEquals([m.attachment_name, m.attachment_type, m.attachment_size], [
      "poster final.png",
      "image/png",
      TINY_PNG.byteLength,
    ]);
    const path = m.attachment_path!;
    assert(path.startsWith(`${id}/`));

    const got = await call(musician, "GET", `/api/messages/${m.id}/attachment`);
    assertEquals([got.status, got.headers.get("x-content-type-options")], [200, "nosniff"]);
    assertEquals(got.bytes, TINY_PNG);
    assertEquals((await call(stranger, "GET", `/api/messages/${m.id}/attachment`)).status, 404);
    assertEquals(await storage.download({ claims: stranger.claims }, "attachments", path), null);
    const intrude = await call(stranger, "POST", msgs, file(TINY_PNG, "x.png", "image/png"));
    assertEquals(intrude.status, 404, "a stranger cannot upload into the conversation either");

    const pdf = new TextEncoder().encode("%PDF-1.4\n%%EOF");
    const p = await call(musician, "POST", msgs, file(pdf, "rider.pdf"));
    const pm = Message.parse(p.json);
    assertEquals([p.status, pm.attachment_type, pm.body], [201, "application/pdf", ""]);

    const exe = await call(
      client,
      "POST",
      msgs,
      file(new Uint8Array([77, 90]), "tool.exe", "application/x-msdownload"),
    );
    assertEquals([exe.status, exe.json.error?.field], [415, "file"]);
    const huge = new Uint8Array(ATTACHMENT_MAX_BYTES + 1);
    const big = await call(client, "POST", msgs, file(huge, "huge.wav", "audio/wav"));
    assertEquals([big.status, big.json.error?.field], [413, "file"]);
    const fake = await call(
      client,
      "POST",
      msgs,
      file(new Uint8Array([1, 2, 3]), "x.png", "image/png"),
    );
    assertEquals([fake.status, fake.json.error?.field], [415, "file"]);

    // Deleting the message makes its file unreadable for both.
    await call(client, "DELETE", `/api/messages/${m.id}`);
    assertEquals((await call(client, "GET", `/api/messages/${m.id}/attachment`)).status, 404);
    assertEquals(await storage.download({ claims: musician.claims }, "attachments", path), null);
  });

  await t.step("typing is published live and never stored", async () => {
    const got: RealtimeEvent[] = [];
    const stop = app.platform.realtime!.subscribe(`typing:${id}`, (e) => got.push(e));
    const count = "select count(*)::int as n from realtime.messages";
    const before = await app.platform.db.driver.query<{ n: number }>(count);
    const r = await call(musician, "POST", `/api/conversations/${id}/typing`, {});
    assertEquals(r.status, 202);
    const e = await eventually(() => got[0]);
    assertEquals([e.event, e.payload.user_id, e.payload.typing], ["typing", musician.id, true]);
    assertEquals(await app.platform.db.driver.query<{ n: number }>(count), before);
    stop();
  });

  await t.step(
    "typing on Supabase goes through Realtime's broadcast endpoint as the user",
    async () => {
      // A holder object: TypeScript cannot see the server callback assign a plain variable.
      const seen: { req?: { headers: Headers; body: { messages: Record<string, unknown>[] } } } =
        {};
      const fake = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
        seen.req = { headers: req.headers, body: await req.json() };
        return Response.json({}, { status: 202 });
      });
      try {
        const deps = {
          db: app.platform.db,
          hub: null,
          supabase: { url: `http://127.0.0.1:${fake.addr.port}`, anonKey: "anon-key" },
        };
        await publishTyping(deps, { claims: client.claims, accessToken: client.token }, id, true);
        const sent = seen.req;
        assertEquals(sent?.headers.get("authorization"), `Bearer ${client.token}`);
        assertEquals(sent?.headers.get("apikey"), "anon-key");
        const [b] = sent!.body.messages;
        assertEquals([b.topic, b.event, b.private], [`typing:${id}`, "typing", true]);
        seen.req = undefined;
        const caller = { claims: stranger.claims, accessToken: stranger.token };
        const refused = await publishTyping(deps, caller, id, true).then(
          () => false,
          (e) => e instanceof NotParticipant,
        );
        assert(refused && !seen.req, "a stranger is refused before anything is sent");
      } finally {
        await fake.shutdown();
      }
    },
  );

  await t.step("the pages work without JavaScript: inbox, read, send by form", async () => {
    const csrf = "csrf-token-0123456789";
    const as = (who: ChatPerson) => ({
      cookie: `${COOKIE.access}=${who.token}; ${COOKIE.csrf}=${csrf}`,
    });
    const inbox = await app.fetch("/messages", { headers: as(musician) });
    const html = await inbox.text();
    assertEquals(inbox.status, 200);
    assert(html.includes(`/messages/${id}`) && html.includes("Clara"), "the inbox lists it");
    const form = new FormData();
    form.set("_csrf", csrf);
    form.set("body", "Sent from a plain form");
    form.set("client_token", crypto.randomUUID());
    const posted = await app.fetch(`/messages/${id}`, {
      method: "POST",
      headers: as(musician),
      body: form,
    });
    assertEquals(posted.status, 303);
    const page = await (await app.fetch(`/messages/${id}`, { headers: as(client) })).text();
    assert(page.includes("Sent from a plain form"), "the message shows on the page");
    assert(page.includes('enctype="multipart/form-data"'), "the composer is a real form");
    // A refused post keeps what was written and says why.
    const empty = new FormData();
    empty.set("_csrf", csrf);
    empty.set("body", "   ");
    const refused = await app.fetch(`/messages/${id}`, {
      method: "POST",
      headers: as(musician),
      body: empty,
    });
    assertEquals(refused.status, 400);
    assert((await refused.text()).includes("Write a message or attach a file"));
    const other = await app.fetch(`/messages/${id}`, { headers: as(stranger) });
    assertEquals(other.status, 404);
    await other.body?.cancel();
    const link = await app.fetch(`/messages/application/${conversation.applicationId}`, {
      headers: as(client),
    });
    assertEquals([link.status, link.headers.get("location")], [303, `/messages/${id}`]);
  });

  await t.step("a withdrawn application closes the conversation for new messages", async () => {
    const w = await call(
      musician,
      "POST",
      `/api/applications/${conversation.applicationId}/withdraw`,
    );
    assertEquals(w.status, 200);
    const r = await call(client, "POST", msgs, { body: "Still there?" });
    assertEquals([r.status, r.json.error?.field], [409, "conversation_id"]);
    const detail = await call(client, "GET", `/api/conversations/${id}`);
    assertEquals(ConversationDetail.parse(detail.json).open, false);
  });
});
