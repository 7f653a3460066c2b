/**
 * The admin console and moderation on real PostgreSQL, from separate connections (PGlite runs one
 * transaction at a time and cannot show this). Run by the real-Postgres tier, which sets
 * TEST_DATABASE_URL; skipped without it.
 *
 * - Two admins retry and delete the same dead letter at once (6 calls): exactly one acts, the job
 *   is back on its queue at most once, the others are told it is gone (404), one audit row.
 * - One person sends the same report 5 times at once: one open report, every call answers it.
 */
import { assertEquals } from "../_helpers/assert.ts";
import { startTestApp } from "../_helpers/app.ts";
import { adminPerson, apiCall, gigBody, signUpPerson } from "../_helpers/fuzz.ts";
import type { Claims } from "../../lib/ports/db/mod.ts";
import { toHttpError } from "../../lib/web/errors.ts";

const URL_ = Deno.env.get("TEST_DATABASE_URL");

Deno.test({
  name: "admin races (real Postgres) - one dead letter acted on once; one report per reporter",
  ignore: !URL_,
  async fn() {
    const app = await startTestApp({ DATABASE_URL: URL_!, WORKER: "off", LOG_LEVEL: "error" });
    try {
      const db = app.platform.db;
      const claimsOf = async (token: string) => (await app.platform.auth.verify(token)) as Claims;
      const admins = [
        await claimsOf((await adminPerson(app, "RaceAdminA")).token),
        await claimsOf((await adminPerson(app, "RaceAdminB")).token),
      ];
      const key = `race:${crypto.randomUUID()}`;
      const [{ id }] = await db.asService((tx) =>
        tx.query<{ id: string }>("select pgmq.send('matching_dlq'::text, $1::jsonb) as id", [
          JSON.stringify({
            queue: "matching",
            msg_id: 1,
            attempts: 5,
            error: "provider down",
            message: { kind: "probe", idempotency_key: key },
          }),
        ])
      );
      const act = (i: number) =>
        db.asUser(admins[i % 2], (tx) =>
          tx.query(
            `select public.${
              i < 4 ? "admin_retry_dead_letter" : "admin_delete_dead_letter"
            }('matching_dlq', $1::bigint)`,
            [id],
          )).then(() => 200, (err) => toHttpError(err)?.status ?? 500);
      const statuses = await Promise.all(Array.from({ length: 6 }, (_, i) => act(i)));
      assertEquals(statuses.filter((s) => s === 200).length, 1, `statuses ${statuses}`);
      assertEquals(statuses.filter((s) => s === 404).length, 5, `statuses ${statuses}`);
      const [counts] = await db.asService((tx) =>
        tx.query<{ queued: number; dead: number; audited: number }>(
          `select (select count(*)::int from pgmq.q_matching where message ->> 'idempotency_key' = $1)
                    as queued,
                  (select count(*)::int from pgmq.q_matching_dlq where msg_id = $2::bigint) as dead,
                  (select count(*)::int from public.admin_audit_log
                    where target_id = 'matching_dlq:' || $2) as audited`,
          [key, id],
        )
      );
      assertEquals(counts.dead, 0, "the dead letter is gone");
      assertEquals(counts.audited, 1, "one action, one audit row");
      assertEquals(counts.queued <= 1, true, `queued ${counts.queued} times`);

      // The same report five times at once: one open report.
      const venue = await signUpPerson(app, "RaceVenue", "client");
      const reporter = await signUpPerson(app, "RaceReporter", "musician");
      const gig = await apiCall(
        app,
        venue,
        "POST",
        "/api/gigs?publish=true",
        gigBody("Race", 20),
        201,
      );
      const reporterClaims = await claimsOf(reporter.token);
      const reports = await Promise.all(
        Array.from({ length: 5 }, () =>
          db.asUser(reporterClaims, (tx) =>
            tx.query<{ id: string }>(
              "select id from public.report_content('gig', $1, 'spam', 'same report')",
              [String(gig.id)],
            )).then((rows) => rows[0]?.id ?? "none", (err) => `error ${toHttpError(err)?.status}`)),
      );
      assertEquals(new Set(reports).size, 1, `answers ${reports}`);
      const [{ n }] = await db.asService((tx) =>
        tx.query<{ n: number }>(
          "select count(*)::int as n from public.reports where target_id = $1 and status = 'open'",
          [String(gig.id)],
        )
      );
      assertEquals(n, 1);
    } finally {
      await app[Symbol.asyncDispose]();
    }
  },
});
