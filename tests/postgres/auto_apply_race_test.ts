/**
 * Auto-apply's daily cap on real PostgreSQL, from separate connections (PGlite runs one
 * transaction at a time and cannot show this): six gigs' commits at once for a musician whose cap
 * is 2 → exactly 2 applications, 4 skips audited "cap reached" (private.auto_apply locks the
 * settings row before counting). Run by the real-Postgres tier, which sets TEST_DATABASE_URL;
 * skipped without it.
 */
import { assertEquals } from "../_helpers/assert.ts";
import { startTestApp } from "../_helpers/app.ts";
import { signUpPerson } from "../_helpers/fuzz.ts";
import {
  approveTemplate,
  AutoApplyInput,
  autoApplyPlans,
  commitAutoApply,
  saveAutoApply,
  setAutoApply,
} from "../../lib/domains/scout/auto/mod.ts";

const URL_ = Deno.env.get("TEST_DATABASE_URL");

Deno.test({
  name: "auto-apply race (real Postgres) - 6 gigs at once with a cap of 2: exactly 2 applied",
  ignore: !URL_,
  async fn() {
    const app = await startTestApp({ DATABASE_URL: URL_!, WORKER: "off", LOG_LEVEL: "error" });
    try {
      const db = app.platform.db;
      const musician = await signUpPerson(app, "RaceGuitarist", "musician");
      const client = await signUpPerson(app, "RaceVenue", "client");
      const mc = (await app.platform.auth.verify(musician.token))!;
      const cc = (await app.platform.auth.verify(client.token))!;
      await db.asUser(mc, async (tx) => {
        await tx.query(
          `insert into public.musician_profiles (id, stage_name, instruments, genres, city, country,
             lat, lng, fee_min_minor, currency, published)
           values ($1, 'Race Guitarist', '{guitar}', '{jazz}', 'Lisbon', 'PT', 38.72, -9.14, 30000,
                   'EUR', true)`,
          [mc.sub],
        );
        const s = await saveAutoApply(
          tx,
          AutoApplyInput.parse({
            template: "Hi, {stage_name} for {gig_title} on {date}: {fee}.",
            daily_cap: 2,
          }),
        );
        await approveTemplate(tx, s.template);
        await setAutoApply(tx, true);
      });
      const gigIds = await db.asUser(cc, async (tx) => {
        const ids: string[] = [];
        for (let i = 1; i <= 6; i++) {
          const [g] = await tx.query<{ id: string }>(
            `insert into public.gigs (client_id, title, description, genres, instruments, starts_at,
               city, country, lat, lng, budget_min_minor, budget_max_minor, currency)
             values ($1, 'Race night ' || $2::int, 'Jazz guitar for a courtyard evening set.',
                     '{jazz}', '{guitar}', now() + make_interval(days => 10 + $2::int), 'Lisbon',
                     'PT', 38.72, -9.14, 20000, 50000, 'EUR') returning id`,
            [cc.sub, i],
          );
          await tx.query("select public.publish_gig($1)", [g.id]);
          ids.push(g.id);
        }
        return ids;
      });
      // Plans read first (as the worker does, outside the commit), then six commits at once.
      const plans = await Promise.all(
        gigIds.map((id) => db.asService((tx) => autoApplyPlans(tx, id))),
      );
      const outcomes = await Promise.all(
        gigIds.map((id, i) =>
          db.asService((tx) => commitAutoApply(tx, id, plans[i]!.plans)).then((o) => o[mc.sub])
        ),
      );
      assertEquals(outcomes.filter((o) => o === "applied").length, 2, `outcomes ${outcomes}`);
      assertEquals(outcomes.filter((o) => o === "skipped").length, 4, `outcomes ${outcomes}`);
      const [row] = await db.asService((tx) =>
        tx.query<{ apps: number; capped: number }>(
          `select (select count(*)::int from public.applications where musician_id = $1) as apps,
                  (select count(*)::int from public.scout_audit where user_id = $1
                      and action = 'skipped' and details ->> 'why' = 'cap reached') as capped`,
          [mc.sub],
        )
      );
      assertEquals([row.apps, row.capped], [2, 4]);
    } finally {
      await app.close();
    }
  },
});
