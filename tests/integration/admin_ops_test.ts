/**
 * The admin console's operations over HTTP, as a browser posts them: a job that keeps failing is
 * dead-lettered, shown on /admin/queues/<queue>_dlq, retried and then completed by the worker;
 * another is deleted only after its confirmation step; a failed e-mail is retried and delivered
 * (dev outbox); the console counts and opens a booking by id; each change is in the audit log;
 * non-admins get 403 on every admin page. And the SQL's staged-job registry matches the code's
 * job kinds (a retried staged job is queued again in the right table).
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import { adminPerson, FUZZ_ENV, getPage, postForm, signUpPerson } from "../_helpers/fuzz.ts";
import { createWorker } from "../../lib/ports/queue/worker.ts";
import { send } from "../../lib/ports/queue/mod.ts";
import { ARTIST_DRAWING, ARTIST_IMPORT, ARTIST_PLAN } from "../../lib/domains/artists/job_kinds.ts";
import { DJ_RUN } from "../../lib/domains/dj/run.ts";
import { SONG } from "../../lib/domains/studio/job.ts";
import { MASTER } from "../../lib/domains/studio/master/jobs.ts";
import { METER } from "../../lib/domains/studio/meter/jobs.ts";

const quiet = () => {};
const PAGES = [
  "/admin",
  "/admin/queues",
  "/admin/queues/matching_dlq",
  "/admin/outbox",
  "/admin/audit",
];

async function letters(a: TestApp, queue: string): Promise<number[]> {
  const rows = await a.platform.db.asService((tx) =>
    tx.query<{ msg_id: string }>(`select msg_id from pgmq.q_${queue} order by msg_id`)
  );
  return rows.map((r) => Number(r.msg_id));
}

Deno.test("admin ops - dead letters, the outbox, the console and the audit log", async (t) => {
  await using a = await startTestApp(FUZZ_ENV);
  const admin = await adminPerson(a, "Opsadmin");
  const plain = await signUpPerson(a, "Plain", "musician");

  await t.step("non-admins are refused every admin page and action", async () => {
    for (const path of PAGES) {
      assertEquals((await getPage(a, plain.token, path)).status, 403, path);
    }
    for (const path of ["/admin/queues/matching_dlq", "/admin/outbox"]) {
      const r = await postForm(a, plain.token, path, { intent: "retry", msg_id: "1", id: "x" });
      assertEquals(r.status, 403, path);
    }
  });

  // A probe job on `matching`: fails while `down`, succeeds after.
  let down = true;
  const ran: string[] = [];
  const worker = createWorker({
    db: a.platform.db,
    handlers: {
      matching: (m) => {
        if (m.kind !== "probe") return Promise.resolve();
        if (down) return Promise.reject(new Error("probe failed on purpose"));
        ran.push(m.idempotency_key);
        return Promise.resolve();
      },
    },
    visibilityTimeout: 0,
    maxAttempts: 2,
    log: quiet,
  });
  const failUntilDead = async (key: string) => {
    await a.platform.db.asService((tx) =>
      send(tx, "matching", { kind: "probe", idempotency_key: key, note: `note of ${key}` })
    );
    let dead = 0;
    for (let i = 0; i < 4 && dead === 0; i++) dead = (await worker.runOnce()).deadLettered;
    assertEquals(dead, 1, `${key} dead-lettered`);
  };

  await t.step("a job that keeps failing shows on the DLQ page; Retry runs it again", async () => {
    await failUntilDead("probe:1");
    const [id] = await letters(a, "matching_dlq");
    const queues = await getPage(a, admin.token, "/admin/queues");
    assertEquals(queues.status, 200);
    assert(queues.text.includes('href="/admin/queues/matching_dlq"'), "the DLQ is linked");
    assert(queues.text.includes("1 dead letter in matching"), "with its depth");
    const base = await a.fetch("/admin/queues/matching", {
      headers: { cookie: `sc-access=${admin.token}` },
    });
    await base.body?.cancel();
    assertEquals(base.headers.get("location"), "/admin/queues/matching_dlq");

    const dlq = await getPage(a, admin.token, "/admin/queues/matching_dlq");
    assertEquals(dlq.status, 200);
    for (
      const s of [
        `#${id}`,
        "probe",
        "probe failed on purpose",
        "after 2 attempts",
        "note of probe:1",
      ]
    ) {
      assert(dlq.text.includes(s), `the letter shows ${s}`);
    }
    const retried = await postForm(a, admin.token, "/admin/queues/matching_dlq", {
      intent: "retry",
      msg_id: String(id),
    });
    assertEquals([retried.status, retried.location], [303, "/admin/queues/matching_dlq"]);
    assertEquals(await letters(a, "matching_dlq"), []);
    assertEquals((await letters(a, "matching")).length, 1);

    down = false;
    await worker.runOnce();
    assertEquals(ran, ["probe:1"], "the worker completes it once it can");
    assertEquals(await letters(a, "matching"), []);
    const again = await postForm(a, admin.token, "/admin/queues/matching_dlq", {
      intent: "retry",
      msg_id: String(id),
    });
    assertEquals(again.status, 404, "a retried letter is gone");
    assert(again.text.includes("not there any more"));
  });

  await t.step("Delete needs its confirmation step", async () => {
    down = true;
    await failUntilDead("probe:2");
    const [id] = await letters(a, "matching_dlq");
    const path = "/admin/queues/matching_dlq";
    const unconfirmed = await postForm(a, admin.token, path, {
      intent: "delete",
      msg_id: String(id),
    });
    assertEquals(unconfirmed.status, 428);
    assert(unconfirmed.text.includes("Nothing has happened yet"), "the step, with a reminder");
    assertEquals(await letters(a, "matching_dlq"), [id], "nothing deleted");
    const step = await getPage(a, admin.token, `${path}?delete=${id}`);
    assertEquals(step.status, 200);
    assert(
      step.text.includes('data-testid="confirm-step"') && step.text.includes("Delete for good"),
    );
    const done = await postForm(a, admin.token, path, {
      intent: "delete",
      msg_id: String(id),
      confirm: "yes",
    });
    assertEquals(done.status, 303);
    assertEquals(await letters(a, "matching_dlq"), []);

    const bad = await postForm(a, admin.token, path, { intent: "retry", msg_id: "abc" });
    assertEquals(bad.status, 422);
    assertEquals((await getPage(a, admin.token, "/admin/queues/nope_dlq")).status, 404);
    assertEquals((await getPage(a, admin.token, "/admin/queues/x%27--")).status, 404);
  });

  await t.step("a failed e-mail is retried and delivered", async () => {
    const [row] = await a.platform.db.asService((tx) =>
      tx.query<{ id: string }>(
        `insert into public.outbox (channel, recipient, subject, body, status, attempts, last_error)
         values ('email', 'ana.lopez@example.com', 'You are booked', 'secret link {{site}}/x',
                 'failed', 5, 'SMTP said no') returning id`,
      )
    );
    const home = await getPage(a, admin.token, "/admin");
    assert(home.text.includes("1 e-mail or SMS failed"), "the console counts it");
    const list = await getPage(a, admin.token, "/admin/outbox");
    assertEquals(list.status, 200);
    for (const s of ["an•••@example.com", "You are booked", "SMTP said no", "5 attempts"]) {
      assert(list.text.includes(s), `the failed e-mail shows ${s}`);
    }
    assert(!list.text.includes("ana.lopez@") && !list.text.includes("secret link"), "masked");
    const retried = await postForm(a, admin.token, "/admin/outbox", { id: row.id });
    assertEquals(retried.status, 303);
    await a.platform.worker.runOnce();
    const [after] = await a.platform.db.asService((tx) =>
      tx.query<{ status: string; provider: string }>(
        "select status, provider from public.outbox where id = $1",
        [row.id],
      )
    );
    assertEquals(after, { status: "sent", provider: "dev-outbox" });
    assert((await getPage(a, admin.token, "/admin/outbox")).text.includes("Nothing failed"));
    const twice = await postForm(a, admin.token, "/admin/outbox", { id: row.id });
    assertEquals(twice.status, 409);
    assertEquals((await postForm(a, admin.token, "/admin/outbox", { id: "nope" })).status, 422);
  });

  await t.step("the console opens a booking by id and links every section", async () => {
    const home = await getPage(a, admin.token, "/admin");
    assertEquals(home.status, 200);
    for (const href of ["/admin/users", "/admin/disputes", "/admin/payments", "/admin/queues"]) {
      assert(home.text.includes(`href="${href}"`), `links ${href}`);
    }
    assert(home.text.includes('href="/admin/outbox"') && home.text.includes('href="/admin/audit"'));
    const id = crypto.randomUUID();
    const open = await a.fetch(`/admin?booking=${id.toUpperCase()}`, {
      headers: { cookie: `sc-access=${admin.token}` },
    });
    await open.body?.cancel();
    assertEquals([open.status, open.headers.get("location")], [303, `/admin/bookings/${id}`]);
    const bad = await getPage(a, admin.token, "/admin?booking=12345");
    assertEquals(bad.status, 422);
    assert(bad.text.includes('id="f-booking-error"'), "names the field");
  });

  await t.step("every change is in the audit log, filtered and diffed", async () => {
    const all = await getPage(a, admin.token, "/admin/audit");
    assertEquals(all.status, 200);
    for (const s of ["queue.retry_dead_letter", "queue.delete_dead_letter", "outbox.retry"]) {
      assert(all.text.includes(s), `the log has ${s}`);
    }
    const outbox = await getPage(a, admin.token, "/admin/audit?action=outbox.");
    assert(!outbox.text.includes("queue.retry_dead_letter"), "filtered by action");
    assert(outbox.text.includes("opsadmin-"), "with the admin's e-mail");
    assert(/failed.*pending/s.test(outbox.text), "the status change before → after");
    const byTarget = await getPage(a, admin.token, "/admin/audit?target=outbox");
    assertEquals(byTarget.text.split('data-testid="audit-entry"').length - 1, 1);
    const badAction = await getPage(a, admin.token, "/admin/audit?action=DROP%20TABLE");
    assertEquals(badAction.status, 422);
    assertEquals((await getPage(a, admin.token, "/admin/audit?before=-1")).status, 422);
  });

  await t.step("the SQL registry of staged job kinds matches the code", async () => {
    const kinds = [ARTIST_IMPORT, ARTIST_PLAN, ARTIST_DRAWING, DJ_RUN, SONG, MASTER, METER];
    // As the owner: the table is for the security-definer retry only.
    const rows = await a.platform.db.driver.query<
      { kind: string; job_table: string; topic_prefix: string }
    >("select kind, job_table, topic_prefix from private.staged_job_kinds order by kind");
    assertEquals(
      rows.map((r) => [r.kind, r.job_table, `${r.topic_prefix}:x`]),
      kinds.map((k) => [k.kind, k.table, k.topic("x")]).sort((x, y) => x[0] < y[0] ? -1 : 1),
    );
  });
});
