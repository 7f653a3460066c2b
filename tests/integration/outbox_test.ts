/**
 * The outbox's delivery adapters against fakes on 127.0.0.1 (a real SMTP conversation with
 * nodemailer, Twilio's Messages API, a Resend-style e-mail API), and the deliver job: retry
 * with exponential backoff, then success; giving up after N attempts with the error kept.
 */
import { assert, assertEquals, assertMatch, assertRejects } from "../_helpers/assert.ts";
import { createUser, freshDb } from "../_helpers/db.ts";
import { startFakeSmtp } from "../_helpers/fake_smtp.ts";
import { fakeHttp } from "../_helpers/fake_http.ts";
import {
  createHttpEmailSender,
  createSmtpSender,
  createTwilioSender,
  DeliveryError,
} from "../../lib/ports/mail/mod.ts";
import { createNotifyHandler } from "../../lib/domains/notifications/mod.ts";
import { createWorker } from "../../lib/ports/queue/worker.ts";
import type { Db } from "../../lib/ports/db/mod.ts";

const quiet = () => {};

async function rejection(p: Promise<unknown>): Promise<DeliveryError> {
  const err = await assertRejects(() => p);
  assert(err instanceof DeliveryError, `a DeliveryError, got ${err}`);
  return err;
}

Deno.test("outbox - SMTP adapter: a real SMTP conversation with login", async () => {
  await using smtp = startFakeSmtp({ credentials: { user: "mailer", pass: "s3cret" } });
  const sender = createSmtpSender({
    url: `smtp://mailer:s3cret@127.0.0.1:${smtp.port}`,
    from: "Soundcheck <no-reply@soundcheck.test>",
  });
  const r = await sender.send({
    to: "ana@example.test",
    subject: "You are booked",
    text: "Jazz night\n\nOpen it: http://soundcheck.test/bookings/1",
  });
  sender.close();
  assertEquals(r.provider, "smtp");
  assert(r.id, "nodemailer reports the Message-ID");
  assertEquals(smtp.mails.length, 1);
  const [mail] = smtp.mails;
  assertEquals([mail.from, mail.to, mail.auth], [
    "no-reply@soundcheck.test",
    ["ana@example.test"],
    "mailer",
  ]);
  assertMatch(mail.data, /^Subject: You are booked$/m);
  assertMatch(mail.data, /http:\/\/soundcheck\.test\/bookings\/1/);
});

Deno.test("outbox - SMTP adapter: refusals are final, temporary errors and outages are not", async () => {
  await using smtp = startFakeSmtp({
    refuse: (rcpt) => rcpt.startsWith("gone@"),
    afterData: () => "451 4.3.0 try again later",
  });
  const sender = createSmtpSender({ url: smtp.url, from: "no-reply@soundcheck.test" });
  const refused = await rejection(
    sender.send({ to: "gone@example.test", subject: "x", text: "x" }),
  );
  assertEquals(refused.permanent, true, refused.message);
  const later = await rejection(sender.send({ to: "ok@example.test", subject: "x", text: "x" }));
  assertEquals(later.permanent, false, later.message);
  sender.close();

  const free = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (free.addr as Deno.NetAddr).port;
  free.close();
  const down = createSmtpSender({ url: `smtp://127.0.0.1:${port}`, from: "a@b.test" });
  const outage = await rejection(down.send({ to: "ok@example.test", subject: "x", text: "x" }));
  assertEquals(outage.permanent, false, outage.message);
  down.close();
});

Deno.test("outbox - Twilio adapter: Messages API with basic auth and a form body", async () => {
  await using twilio = fakeHttp((call) => {
    const form = new URLSearchParams(call.body);
    if (form.get("To") === "+15005550001") {
      return Response.json({ code: 21211, message: "Invalid 'To' Phone Number" }, { status: 400 });
    }
    if (form.get("To") === "+15005550002") return new Response("busy", { status: 503 });
    return Response.json({ sid: "SM123", status: "queued" }, { status: 201 });
  });
  const sms = createTwilioSender({
    accountSid: "AC0001",
    authToken: "tok",
    from: "+15005550006",
    baseUrl: twilio.url,
  });
  assertEquals(await sms.send({ to: "+351912345678", text: "Soundcheck: booked" }), {
    provider: "twilio",
    id: "SM123",
  });
  const [call] = twilio.calls;
  assertEquals(call.method, "POST");
  assertEquals(call.path, "/2010-04-01/Accounts/AC0001/Messages.json");
  assertEquals(call.headers.get("authorization"), `Basic ${btoa("AC0001:tok")}`);
  assertMatch(call.headers.get("content-type") ?? "", /application\/x-www-form-urlencoded/);
  const form = new URLSearchParams(call.body);
  assertEquals([form.get("To"), form.get("From"), form.get("Body")], [
    "+351912345678",
    "+15005550006",
    "Soundcheck: booked",
  ]);
  assertEquals((await rejection(sms.send({ to: "+15005550001", text: "x" }))).permanent, true);
  assertEquals((await rejection(sms.send({ to: "+15005550002", text: "x" }))).permanent, false);
});

Deno.test("outbox - HTTP e-mail API adapter: JSON with a bearer key", async () => {
  await using api = fakeHttp((call) =>
    JSON.parse(call.body).to[0] === "bad@example.test"
      ? Response.json({ message: "Invalid `to` field" }, { status: 422 })
      : Response.json({ id: "em_42" })
  );
  const email = createHttpEmailSender({ baseUrl: api.url, apiKey: "re_key", from: "a@b.test" });
  assertEquals(await email.send({ to: "ana@example.test", subject: "Hi", text: "Hello" }), {
    provider: "email-api",
    id: "em_42",
  });
  const [call] = api.calls;
  assertEquals([call.path, call.headers.get("authorization")], ["/emails", "Bearer re_key"]);
  assertEquals(JSON.parse(call.body), {
    from: "a@b.test",
    to: ["ana@example.test"],
    subject: "Hi",
    text: "Hello",
  });
  const bad = await rejection(email.send({ to: "bad@example.test", subject: "x", text: "x" }));
  assertEquals(bad.permanent, true);
  assertMatch(bad.message, /422/);
});

interface Row {
  status: string;
  attempts: number;
  last_error: string | null;
  wait_s: number;
  provider: string | null;
  provider_message_id: string | null;
}

const readRow = (db: Db, id: string) =>
  db.asService(async (tx) =>
    (await tx.query<Row>(
      `select status, attempts, last_error, provider, provider_message_id,
              round(extract(epoch from next_attempt_at - now()))::int as wait_s
       from public.outbox where id = $1`,
      [id],
    ))[0]
  );

/** Makes the scheduled retry due now, as if its backoff had passed. */
const timeTravel = (db: Db) =>
  db.asService(async (tx) => {
    await tx.query("update public.outbox set next_attempt_at = now() where status = 'pending'");
    await tx.query("update pgmq.q_notify set vt = now()");
  });

/** A user told about an application: the router writes one e-mail to the outbox. */
async function mailForApplication(f: Awaited<ReturnType<typeof freshDb>>) {
  const ana = await createUser(f.driver, { email: "ana@example.test", display_name: "Ana" });
  await f.db.asService((tx) =>
    tx.query(
      `insert into public.notifications (user_id, kind, title, body, link)
       values ($1, 'application', 'New application: Jazz night', 'Milo applied.', '/gigs/g1')`,
      [ana.id],
    )
  );
  const [row] = await f.db.asService((tx) =>
    tx.query<{ id: string }>("select id from public.outbox where user_id = $1", [ana.id])
  );
  return row.id;
}

Deno.test("outbox - a failed send is retried with exponential backoff, then succeeds", async () => {
  await using f = await freshDb();
  await using api = fakeHttp((_c, n) =>
    n <= 2 ? new Response("upstream down", { status: 503 }) : Response.json({ id: "em_3" })
  );
  const worker = createWorker({
    db: f.db,
    handlers: {
      notify: createNotifyHandler({
        delivery: {
          email: createHttpEmailSender({ baseUrl: api.url, apiKey: "k", from: "a@b.test" }),
          sms: null,
        },
        siteUrl: "http://soundcheck.test/",
      }),
    },
    log: quiet,
  });
  const id = await mailForApplication(f);

  await worker.runOnce(); // welcome + deliver: attempt 1 fails
  let row = await readRow(f.db, id);
  assertEquals([row.status, row.attempts], ["pending", 1]);
  assertMatch(row.last_error ?? "", /503: upstream down/);
  assert(row.wait_s >= 28 && row.wait_s <= 30, `first retry in ~30 s, got ${row.wait_s}`);
  assertEquals((await worker.runOnce()).processed, 0, "the retry waits for its backoff");
  assertEquals(api.calls.length, 1);

  await timeTravel(f.db);
  await worker.runOnce(); // attempt 2 fails: the wait doubles
  row = await readRow(f.db, id);
  assertEquals([row.status, row.attempts], ["pending", 2]);
  assert(row.wait_s >= 58 && row.wait_s <= 60, `second retry in ~60 s, got ${row.wait_s}`);

  await timeTravel(f.db);
  await worker.runOnce(); // attempt 3 succeeds
  row = await readRow(f.db, id);
  assertEquals([row.status, row.attempts, row.last_error, row.provider, row.provider_message_id], [
    "sent",
    3,
    null,
    "email-api",
    "em_3",
  ]);
  assertEquals(api.calls.length, 3);
  const sent = JSON.parse(api.calls[2].body);
  assertEquals([sent.to, sent.subject], [["ana@example.test"], "New application: Jazz night"]);
  assertMatch(sent.text, /Open it: http:\/\/soundcheck\.test\/gigs\/g1/);
  assertMatch(sent.text, /http:\/\/soundcheck\.test\/settings\/notifications/);

  // A duplicate or stale deliver job changes nothing once the row is sent.
  await timeTravel(f.db);
  await worker.runOnce();
  assertEquals(api.calls.length, 3);
});

Deno.test("outbox - gives up after N attempts and keeps the error", async () => {
  await using f = await freshDb();
  await using api = fakeHttp(() => new Response("still down", { status: 500 }));
  const worker = createWorker({
    db: f.db,
    handlers: {
      notify: createNotifyHandler({
        delivery: {
          email: createHttpEmailSender({ baseUrl: api.url, apiKey: "k", from: "a@b.test" }),
          sms: null,
        },
        siteUrl: "http://soundcheck.test",
        retry: { maxAttempts: 3 },
      }),
    },
    log: quiet,
  });
  const id = await mailForApplication(f);
  for (let i = 0; i < 5; i++) {
    await worker.runOnce();
    await timeTravel(f.db);
  }
  const row = await readRow(f.db, id);
  assertEquals([row.status, row.attempts], ["failed", 3]);
  assertMatch(row.last_error ?? "", /email-api answered 500: still down/);
  assertEquals(api.calls.length, 3, "no fourth try");
  const [{ n }] = await f.db.asService((tx) =>
    tx.query<{ n: number }>(
      "select count(*)::int as n from pgmq.q_notify where message ->> 'kind' = 'deliver'",
    )
  );
  assertEquals(n, 0, "no deliver job left behind");
});

Deno.test("outbox - a channel without a provider fails at once, saying what to set", async () => {
  await using f = await freshDb();
  const worker = createWorker({
    db: f.db,
    handlers: {
      notify: createNotifyHandler({ delivery: { email: null, sms: null }, siteUrl: "http://x" }),
    },
    log: quiet,
  });
  const id = await mailForApplication(f);
  await worker.runOnce();
  const row = await readRow(f.db, id);
  assertEquals([row.status, row.attempts], ["failed", 1]);
  assertMatch(row.last_error ?? "", /No e-mail provider configured: set SMTP_URL/);
});
