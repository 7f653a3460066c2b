/**
 * Races on real PostgreSQL, from separate connections: what PGlite (one transaction at a time)
 * can never show. Run by the real-Postgres tier (`make test-postgres`), which sets
 * `TEST_DATABASE_URL` to a migrated database with the real pgmq extension; skipped without it.
 *
 * - Two accepts of one gig's applications at once: one booking, the other 409.
 * - One musician accepted into two overlapping gigs at once: one booking, the other 409.
 * - Four workers on one queue, and a fifth killed mid-job: every job's effect committed exactly
 *   once, the killed job redone after its visibility timeout, nothing lost.
 * - The AI quota with 3 left, spent by 20 requests at once: exactly 3 succeed.
 */
import { assertEquals } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import { bearer, type Person, signUpPerson } from "../_helpers/fuzz.ts";
import { applyTo, publishedGig, publishedMusician } from "../_helpers/booking.ts";
import { createDb, type Db } from "../../lib/ports/db/mod.ts";
import { openPostgres } from "../../lib/ports/db/postgres.ts";
import { createWorker, type DetachedHandler } from "../../lib/ports/queue/worker.ts";

const URL_ = Deno.env.get("TEST_DATABASE_URL");
const ignore = !URL_;
const DAY = 86_400_000;

/** The app on the real database; each test makes its own people and gigs, so tests share it. */
async function app(env: Record<string, string> = {}): Promise<TestApp> {
  return await startTestApp({ DATABASE_URL: URL_!, WORKER: "off", LOG_LEVEL: "error", ...env });
}

const musician = (a: TestApp, name: string) => publishedMusician(a, name, `${name} Quartet`);

function accept(a: TestApp, client: Person, applicationId: string): Promise<number> {
  return a.fetch(`/api/applications/${applicationId}/accept`, {
    method: "POST",
    headers: bearer(client.token),
  }).then(async (r) => {
    await r.body?.cancel();
    return r.status;
  });
}

Deno.test({
  name: "races (real Postgres) - two accepts of one gig's applications: one booking",
  ignore,
  async fn() {
    const a = await app();
    try {
      const client = await signUpPerson(a, "RaceClient", "client");
      const [m1, m2] = [await musician(a, "RaceAna"), await musician(a, "RaceBo")];
      const gig = await publishedGig(a, client, "Race night", new Date(Date.now() + 30 * DAY));
      const [app1, app2] = [await applyTo(a, m1, gig), await applyTo(a, m2, gig)];

      const statuses = await Promise.all([accept(a, client, app1), accept(a, client, app2)]);
      assertEquals(statuses.toSorted(), [201, 409], `accept statuses ${statuses}`);
      const rows = await a.platform.db.asService((tx) =>
        tx.query<{ n: number }>(
          "select count(*)::int as n from public.bookings where gig_id = $1::uuid",
          [gig],
        )
      );
      assertEquals(rows[0].n, 1);
    } finally {
      await a.close();
    }
  },
});

Deno.test({
  name: "races (real Postgres) - one musician into two overlapping gigs at once: one booking",
  ignore,
  async fn() {
    const a = await app();
    try {
      const [c1, c2] = [
        await signUpPerson(a, "RaceVenueA", "client"),
        await signUpPerson(a, "RaceVenueB", "client"),
      ];
      const m = await musician(a, "RaceCleo");
      const start = new Date(Date.now() + 40 * DAY);
      const g1 = await publishedGig(a, c1, "Overlap one", start);
      const g2 = await publishedGig(a, c2, "Overlap two", new Date(start.getTime() + 3_600_000));
      const [x1, x2] = [await applyTo(a, m, g1), await applyTo(a, m, g2)];

      const statuses = await Promise.all([accept(a, c1, x1), accept(a, c2, x2)]);
      assertEquals(statuses.toSorted(), [201, 409], `accept statuses ${statuses}`);
      const rows = await a.platform.db.asService((tx) =>
        tx.query<{ n: number }>(
          `select count(*)::int as n from public.bookings
            where musician_id = $1::uuid and status = 'confirmed'`,
          [m.id],
        )
      );
      assertEquals(rows[0].n, 1);
    } finally {
      await a.close();
    }
  },
});

Deno.test({
  name: "races (real Postgres) - the AI quota with 3 left, 20 requests at once: exactly 3",
  ignore,
  async fn() {
    const a = await app({ AI_DAILY_LIMIT: "3" });
    try {
      const m = await musician(a, "RaceDee");
      const statuses = await Promise.all(
        Array.from({ length: 20 }, () =>
          a.fetch("/api/ai/write", {
            method: "POST",
            headers: { ...bearer(m.token), "content-type": "application/json" },
            body: JSON.stringify({ task: "bio" }),
          }).then(async (r) => {
            await r.body?.cancel();
            return r.status;
          })),
      );
      assertEquals(statuses.filter((s) => s === 200).length, 3, `statuses ${statuses}`);
      assertEquals(statuses.filter((s) => s === 429).length, 17, `statuses ${statuses}`);
    } finally {
      await a.close();
    }
  },
});

/** A queue of its own, and a table where each job's committed effect adds 1 to its row. */
async function raceQueue(db: Db, queue: string): Promise<void> {
  await db.driver.exec(`
    select pgmq.create('${queue}');
    select pgmq.create('${queue}_dlq');
    create schema if not exists race;
    create table race.${queue} (key text primary key, n integer not null);
    grant usage on schema race to service_role;
    grant all on race.${queue} to service_role;
    grant all on pgmq.q_${queue}, pgmq.a_${queue}, pgmq.q_${queue}_dlq to service_role;`);
}

function effects(db: Db, queue: string) {
  return db.driver.query<{ key: string; n: number }>(`select key, n from race.${queue}`);
}

Deno.test({
  name: "races (real Postgres) - four workers and one killed mid-job: each job exactly once",
  ignore,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const queue = `race_${crypto.randomUUID().slice(0, 8)}`;
    const admin = createDb(openPostgres(URL_!));
    const dbs = Array.from({ length: 5 }, () => createDb(openPostgres(URL_!)));
    await raceQueue(admin, queue);
    const JOBS = 200;
    const VICTIM = "job-0";
    await admin.asService(async (tx) => {
      for (let i = 0; i < JOBS; i++) {
        await tx.query("select pgmq.send($1::text, $2::jsonb, 0::integer)", [
          queue,
          JSON.stringify({ kind: "race", idempotency_key: `job-${i}` }),
        ]);
      }
    });

    const handler = (hang: boolean): DetachedHandler => ({
      detached: true,
      visibilityTimeout: 2,
      concurrency: 4,
      run(message) {
        const key = message.idempotency_key;
        // The killed worker: it took the victim and never finishes (no commit, no archive).
        if (hang && key === VICTIM) return new Promise(() => {});
        if (hang) throw new Error("the killed worker does nothing else");
        return Promise.resolve((tx) =>
          tx.query(
            `insert into race.${queue} (key, n) values ($1, 1)
             on conflict (key) do update set n = race.${queue}.n + 1`,
            [key],
          ).then(() => {})
        );
      },
    });
    const quiet = () => {};
    // The victim is the oldest message: the killed worker reads first, one message.
    const killed = createWorker({
      db: dbs[4],
      handlers: { [queue]: handler(true) },
      batchSize: 1,
      log: quiet,
    });
    void killed.runOnce();
    await new Promise((r) => setTimeout(r, 200));

    const workers = dbs.slice(0, 4).map((db) =>
      createWorker({ db, handlers: { [queue]: handler(false) }, batchSize: 10, log: quiet })
    );
    for (const w of workers) w.start(20);
    const deadline = Date.now() + 30_000;
    let rows: { key: string; n: number }[] = [];
    while (Date.now() < deadline) {
      rows = await effects(admin, queue);
      if (rows.length === JOBS) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    for (const w of workers) await w.stop();

    assertEquals(rows.length, JOBS, "every job's effect committed");
    assertEquals(rows.filter((r) => r.n !== 1), [], "no effect committed twice");
    assertEquals(rows.some((r) => r.key === VICTIM), true, "the killed job was redone");
    const [left] = await admin.driver.query<{ n: number }>(
      `select count(*)::int as n from pgmq.q_${queue}`,
    );
    assertEquals(left.n, 0, "nothing left in the queue");
    for (const db of [admin, ...dbs]) await db.driver.close();
  },
});
