/**
 * Virtual artists on real PostgreSQL, from separate connections (PGlite runs one transaction at
 * a time and cannot show this). Run by the real-Postgres tier (`deno task test:postgres`), which
 * sets TEST_DATABASE_URL; skipped without it.
 *
 * - 6 approvals of one proposal at once: exactly one makes version 2, the others are 409s.
 * - 6 approvals of 6 different proposals at once: each applies on the latest version in turn
 *   (versions 2…7, none lost to a stale read).
 * - 6 plan requests at once: one plan is queued, every request answers with it.
 * - 4 imports of the same rows at once: every row once, counts that add up.
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { startTestApp } from "../_helpers/app.ts";
import { apiCall, bearer, signUpPerson } from "../_helpers/fuzz.ts";
import type { Artist } from "../../lib/domains/artists/api.ts";
import { seedArtistData } from "../../lib/domains/artists/learn/seed.ts";

const URL_ = Deno.env.get("TEST_DATABASE_URL");

Deno.test({
  name: "artists races (real Postgres) - approvals, plan requests and imports at once",
  ignore: !URL_,
  async fn() {
    const app = await startTestApp({ DATABASE_URL: URL_!, WORKER: "off", LOG_LEVEL: "error" });
    try {
      const me = await signUpPerson(app, "RaceLabel", "client");
      const { artist } = await apiCall(app, me, "POST", "/api/artists", {
        brief: { genre: "synth-pop", market: "GB", audience: "night runners", tone: "warm" },
      }, 201) as { artist: Artist };
      const id = artist.id;
      const call = (method: string, path: string, body?: unknown) =>
        app.fetch(path, {
          method,
          headers: { ...bearer(me.token), "content-type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        }).then(async (r) => ({ status: r.status, body: await r.json() }));

      // A ready plan with six proposals, each a different tempo range.
      const items = await app.platform.db.asService(async (tx) => {
        const [{ plan }] = await tx.query<{ plan: string }>(
          `insert into public.artist_plans (artist_id, owner_id, based_on_version, trigger,
                                            status, stage, analysis)
           values ($1, $2, 1, 'weekly', 'ready', null, '{}') returning id as plan`,
          [id, me.id],
        );
        const rows = await tx.query<{ id: string }>(
          `insert into public.artist_plan_items (plan_id, artist_id, position, kind, title,
                                                 change, evidence, confidence)
           select $1, $2, g, 'tempo', 'Tempo ' || g,
                  jsonb_build_object('tempo_range', jsonb_build_object('min', 100 + g, 'max', 130)),
                  '[]', 'high'
             from generate_series(0, 5) g returning id`,
          [plan, id],
        );
        return { plan, ids: rows.map((r) => r.id) };
      });
      const itemPath = (item: string) => `/api/artists/${id}/plans/${items.plan}/items/${item}`;

      const same = await Promise.all(
        Array.from(
          { length: 6 },
          () => call("POST", itemPath(items.ids[0]), { decision: "approved" }),
        ),
      );
      const sameStatuses = same.map((r) => r.status).sort();
      assertEquals(
        sameStatuses,
        [200, 409, 409, 409, 409, 409],
        JSON.stringify(same.map((r) => r.body)),
      );

      const others = await Promise.all(
        items.ids.slice(1).map((item) => call("POST", itemPath(item), { decision: "approved" })),
      );
      assertEquals(others.map((r) => r.status), [200, 200, 200, 200, 200]);
      const { artist: now } = await apiCall(
        app,
        me,
        "GET",
        `/api/artists/${id}`,
        undefined,
        200,
      ) as {
        artist: Artist;
      };
      assertEquals(now.version, 7, "every approval made its own version");
      const { versions } = await apiCall(
        app,
        me,
        "GET",
        `/api/artists/${id}/versions`,
        undefined,
        200,
      ) as {
        versions: { version: number; diff: unknown[] }[];
      };
      assertEquals(versions.map((v) => v.version), [7, 6, 5, 4, 3, 2, 1]);
      assert(versions.every((v) => v.diff.length > 0), "each against the version before it");

      // Figures first (a plan needs them), the same rows four times at once.
      const rows =
        seedArtistData({ tracks: 5, days: 40, countries: 3, effect: "noise", seed: 9 }).rows;
      const imports = await Promise.all(
        Array.from({ length: 4 }, () => call("POST", `/api/artists/${id}/metrics`, { rows })),
      );
      assertEquals(imports.map((r) => r.status), [200, 200, 200, 200]);
      const inserted = imports.reduce((s, r) => s + r.body.inserted, 0);
      const unchanged = imports.reduce((s, r) => s + r.body.unchanged, 0);
      assertEquals([inserted, unchanged], [rows.length, rows.length * 3]);
      const [{ n }] = await app.platform.db.asService((tx) =>
        tx.query<{ n: number }>(
          "select count(*)::int as n from public.artist_metrics where artist_id = $1",
          [id],
        )
      );
      assertEquals(n, rows.length);

      const plans = await Promise.all(
        Array.from({ length: 6 }, () => call("POST", `/api/artists/${id}/plans`)),
      );
      assertEquals(plans.map((r) => r.status), [202, 202, 202, 202, 202, 202]);
      assertEquals(new Set(plans.map((r) => r.body.plan.id)).size, 1, "one plan, shared");
    } finally {
      await app[Symbol.asyncDispose]();
    }
  },
});
