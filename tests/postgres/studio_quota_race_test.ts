/**
 * The studio's monthly quota on real PostgreSQL, from separate connections (PGlite runs one
 * transaction at a time and cannot show this): 10 generate requests at once with 1 song left
 * → exactly 1 queued, the other 9 answered 429 with the reset date. Run by the real-Postgres
 * tier (`deno task test:postgres`), which sets TEST_DATABASE_URL; skipped without it.
 */
import { assertEquals } from "../_helpers/assert.ts";
import { startTestApp } from "../_helpers/app.ts";
import { bearer, signUpPerson } from "../_helpers/fuzz.ts";
import { templatePlan } from "../../lib/domains/studio/templates.ts";
import { familyOf } from "../../lib/domains/studio/synth/genres.ts";

const URL_ = Deno.env.get("TEST_DATABASE_URL");

Deno.test({
  name: "studio race (real Postgres) - 10 generates with 1 song left: exactly 1 queued",
  ignore: !URL_,
  async fn() {
    const app = await startTestApp({ DATABASE_URL: URL_!, WORKER: "off", LOG_LEVEL: "error" });
    try {
      const me = await signUpPerson(app, "RaceComposer", "musician");
      const plan = JSON.stringify(templatePlan(familyOf("pop")));
      const ids = await app.platform.db.asService(async (tx) => {
        const [{ id: uid }] = await tx.query<{ id: string }>(
          "select id from auth.users where email = $1",
          [me.email],
        );
        // Two of the free plan's three spent already.
        await tx.query(
          `insert into private.song_usage (user_id, month, used) values ($1, private.song_month(), 2)`,
          [uid],
        );
        const rows = await tx.query<{ id: string }>(
          `insert into public.songs (owner_id, prompt, status, stage, plan)
           select $1, 'race ' || g, 'draft', null, $2::jsonb from generate_series(1, 10) g
           returning id`,
          [uid, plan],
        );
        return rows.map((r) => r.id);
      });
      const statuses = await Promise.all(ids.map(async (id) => {
        const res = await app.fetch(`/api/studio/songs/${id}/generate`, {
          method: "POST",
          headers: bearer(me.token),
        });
        const body = await res.json();
        if (res.status === 429) assertEquals(typeof body.resets_at, "string");
        return res.status;
      }));
      assertEquals(statuses.filter((s) => s === 202).length, 1, `statuses ${statuses}`);
      assertEquals(statuses.filter((s) => s === 429).length, 9, `statuses ${statuses}`);
      const [row] = await app.platform.db.asService((tx) =>
        tx.query<{ queued: number; used: number }>(
          `select (select count(*)::int from public.songs where id = any($1::uuid[]) and status = 'queued') as queued,
                  (select used from private.song_usage u join auth.users a on a.id = u.user_id
                    where a.email = $2) as used`,
          [ids, me.email],
        )
      );
      assertEquals([row.queued, row.used], [1, 3]);
    } finally {
      await app.close();
    }
  },
});
