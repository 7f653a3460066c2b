/**
 * Chat messages and notifications: the 'message' job skips recipients who read the message or
 * have the conversation open; unread messages older than 15 minutes become one digest e-mail per
 * user, never twice for the same messages, honouring the e-mail preference.
 */
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { createUser, freshDb, type TestUser } from "../_helpers/db.ts";
import { seedConversations } from "../_helpers/chat.ts";
import { createWorker } from "../../lib/ports/queue/worker.ts";
import { send } from "../../lib/ports/queue/mod.ts";
import { createNotifyHandler } from "../../lib/domains/notifications/mod.ts";
import { devDelivery } from "../../lib/ports/mail/mod.ts";
import { queueMessageDigests } from "../../lib/domains/notifications/digest.ts";
import { savePreferences } from "../../lib/domains/notifications/preferences.ts";

const quiet = () => {};

async function world() {
  const f = await freshDb();
  const clara = await createUser(f.driver, { email: "clara@example.test", display_name: "Clara" });
  const milo = await createUser(f.driver, { email: "milo@example.test", display_name: "Milo" });
  const nina = await createUser(f.driver, { email: "nina@example.test", display_name: "Nina" });
  const [cm, cn] = await seedConversations(f.driver, [
    { clientId: clara.id, musicianId: milo.id },
    { clientId: clara.id, musicianId: nina.id },
  ], { title: "Jazz night" });
  /** A message written as the owner, `minutesAgo` in the past. */
  const message = async (conversationId: string, from: TestUser, body: string, minutesAgo = 0) => {
    // As send_message does: the other participant's unread counter goes up with the message.
    const [m] = await f.driver.query<{ id: number }>(
      `with m as (
         insert into public.messages (conversation_id, sender_id, body, created_at)
         values ($1, $2, $3, now() - make_interval(mins => $4)) returning id
       ), u as (
         update public.conversation_participants set unread_count = unread_count + 1
          where conversation_id = $1 and user_id <> $2
       )
       select id from m`,
      [conversationId, from.id, body, minutesAgo],
    );
    return Number(m.id);
  };
  const participant = (conversationId: string, who: TestUser, set: string) =>
    f.driver.query(
      `update public.conversation_participants set ${set}
       where conversation_id = $1 and user_id = $2`,
      [conversationId, who.id],
    );
  const outbox = (who: TestUser) =>
    f.db.asService((tx) =>
      tx.query<{ subject: string; body: string; kind: string }>(
        "select subject, body, kind from public.outbox where user_id = $1 order by created_at",
        [who.id],
      )
    );
  const digest = () => f.db.asService((tx) => queueMessageDigests(tx));
  return { f, clara, milo, nina, cm, cn, message, participant, outbox, digest };
}

Deno.test("digest - unread messages older than 15 minutes make one e-mail per user", async () => {
  const w = await world();
  await using _f = w.f;

  await w.message(w.cm.conversationId, w.clara, "Can you do two sets?", 2);
  assertEquals(await w.digest(), 0, "newer than 15 minutes: no digest");
  assertEquals((await w.outbox(w.milo)).length, 0);

  await w.message(w.cm.conversationId, w.clara, "We start at nine.", 20);
  await w.message(w.cm.conversationId, w.milo, "Milo's own message is not his unread", 25);
  const read = await w.message(w.cn.conversationId, w.clara, "Nina, already read", 30);
  await w.participant(w.cn.conversationId, w.nina, `last_read_message_id = ${read}`);

  assertEquals(await w.digest(), 2, "one digest each for Milo and Clara");
  const mails = await w.outbox(w.milo);
  assertEquals(mails.length, 1, "one e-mail, not one per message");
  assertEquals([mails[0].kind, mails[0].subject], [
    "message_digest",
    "2 unread messages on Soundcheck",
  ]);
  assertMatch(mails[0].body, /- Clara about "Jazz night #1": 2 messages/);
  assertMatch(mails[0].body, new RegExp(`\\{\\{site\\}\\}/messages/${w.cm.conversationId}`));
  assertEquals((await w.outbox(w.nina)).length, 0, "read messages: no digest");
  assertMatch((await w.outbox(w.clara))[0].body, /- Milo about "Jazz night #1": 1 message\n/);

  assertEquals(await w.digest(), 0, "a second run sends nothing again");
  assertEquals((await w.outbox(w.milo)).length, 1);

  // A new old-enough message waits out the 15 minutes since the last digest, then comes alone.
  await w.message(w.cm.conversationId, w.clara, "Parking is behind the venue.", 16);
  assertEquals(await w.digest(), 0, "at most one digest per 15 minutes");
  await w.f.driver.query(
    "update private.message_digest_marks set digested_at = now() - interval '16 minutes'",
  );
  assertEquals(await w.digest(), 1);
  const again = await w.outbox(w.milo);
  assertEquals(again.length, 2);
  assertEquals(again[1].subject, "1 unread message on Soundcheck", "only the new message");
});

Deno.test("digest - honours the e-mail preference and an open conversation", async () => {
  const w = await world();
  await using _f = w.f;
  await w.f.db.asUser(
    w.milo.claims,
    (tx) => savePreferences(tx, { preferences: [{ kind: "message", email: false }] }),
  );
  await w.message(w.cm.conversationId, w.clara, "Milo turned digests off", 30);
  await w.message(w.cn.conversationId, w.clara, "Nina has it open", 30);
  await w.participant(w.cn.conversationId, w.nina, "active_until = now() + interval '30 seconds'");
  assertEquals(await w.digest(), 0);
  assertEquals((await w.outbox(w.milo)).length + (await w.outbox(w.nina)).length, 0);
});

Deno.test("message job - notifies only recipients who neither read nor have it open", async () => {
  const w = await world();
  await using _f = w.f;
  const worker = createWorker({
    db: w.f.db,
    handlers: { notify: createNotifyHandler({ delivery: devDelivery, siteUrl: "http://x" }) },
    log: quiet,
  });
  const job = (id: number) =>
    w.f.db.asService((tx) =>
      send(tx, "notify", { kind: "message", message_id: id, idempotency_key: `message:${id}` })
    );
  const notes = (who: TestUser) =>
    w.f.db.asUser(
      who.claims,
      (tx) =>
        tx.query<{ title: string; body: string; link: string; read_at: Date | null }>(
          "select title, body, link, read_at from public.notifications where kind = 'message'",
        ),
    );

  // Nina has the conversation open; Milo does not.
  await w.participant(w.cn.conversationId, w.nina, "active_until = now() + interval '30 seconds'");
  await job(await w.message(w.cn.conversationId, w.clara, "Nina sees this live"));
  const m1 = await w.message(w.cm.conversationId, w.clara, "Soundcheck at six?");
  await job(m1);
  await worker.runOnce();
  assertEquals((await notes(w.nina)).length, 0, "an open conversation: no notification");
  const [n1] = await notes(w.milo);
  assertEquals([n1.title, n1.body, n1.link], [
    "New message from Clara",
    "Soundcheck at six?",
    `/messages/${w.cm.conversationId}`,
  ]);

  // A second message refreshes the one unread notification instead of adding another.
  await job(await w.message(w.cm.conversationId, w.clara, "And bring the small amp."));
  await worker.runOnce();
  const after = await notes(w.milo);
  assertEquals(after.map((n) => n.body), ["And bring the small amp."]);

  // Reading the conversation marks its notification read; an already-read message tells no one.
  const m3 = await w.message(w.cm.conversationId, w.clara, "Read before the job ran");
  await w.participant(w.cm.conversationId, w.milo, `last_read_message_id = ${m3}`);
  await job(m3);
  await worker.runOnce();
  const read = await notes(w.milo);
  assertEquals(read.length, 1);
  assert(read[0].read_at, "reading the conversation marked the notification read");

  // The sender is never told about their own message.
  assertEquals((await notes(w.clara)).length, 0);
});
