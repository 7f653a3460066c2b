/**
 * Virtual artists through the JSON API on the embedded platform: guardrails refuse a real
 * artist with the reason; a persona with its art; imports all or nothing (bad lines named,
 * nothing written) and idempotent; a large file through the queue; the SQL facts equal the
 * reference aggregation; seeded figures where faster tracks are saved more → a confident tempo
 * proposal citing its numbers, approval → a new version the studio's prompts follow; noise → no
 * confident proposal; members read only; roll back.
 */
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import { apiCall, FUZZ_ENV, type Person, signUpPerson } from "../_helpers/fuzz.ts";
import type { Artist, Plan } from "../../lib/domains/artists/api.ts";
import { seedArtistData } from "../../lib/domains/artists/learn/seed.ts";
import { aggregateRows } from "../../lib/domains/artists/learn/aggregate.ts";
import { loadTrackFacts } from "../../lib/domains/artists/facts.ts";
import { studioPrompt } from "../../lib/domains/artists/persona/prompt.ts";
import type { MetricRow } from "../../lib/domains/artists/types.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

const BRIEF = {
  genre: "synth-pop",
  market: "GB",
  audience: "students who run in the evening",
  tone: "warm, a little ironic",
};

async function newArtist(app: TestApp, who: Person): Promise<Artist> {
  const { artist } = await apiCall(app, who, "POST", "/api/artists", { brief: BRIEF }, 201) as {
    artist: Artist;
  };
  return artist;
}

const HEADER = "date,track,country,streams,listeners,saves,skips,followers";
const csv = (rows: MetricRow[]) =>
  [
    HEADER,
    ...rows.map((r) =>
      [
        r.date,
        `"${r.track.replaceAll('"', '""')}"`,
        r.country,
        r.streams,
        r.listeners,
        r.saves,
        r.skips,
        r.followers,
      ].join(",")
    ),
  ].join("\n") + "\n";

function importForm(text: string, kind = "metrics", name = "export.csv"): FormData {
  const form = new FormData();
  form.set("kind", kind);
  form.set("file", new File([text], name, { type: "text/csv" }));
  return form;
}

async function metricCount(app: TestApp, artist: string): Promise<number> {
  const [{ n }] = await app.platform.db.asService((tx) =>
    tx.query<{ n: number }>(
      "select count(*)::int as n from public.artist_metrics where artist_id = $1",
      [artist],
    )
  );
  return n;
}

/** Seeds tracks with features and their figures; returns the rows. */
async function seed(app: TestApp, who: Person, artist: string, effect: "tempo" | "noise") {
  const data = seedArtistData({ tracks: 24, days: 60, countries: 3, effect, seed: 7 });
  for (const t of data.tracks) {
    await apiCall(app, who, "POST", `/api/artists/${artist}/tracks`, t, 201);
  }
  for (let i = 0; i < data.rows.length; i += 5000) {
    await apiCall(app, who, "POST", `/api/artists/${artist}/metrics`, {
      rows: data.rows.slice(i, i + 5000),
    }, 200);
  }
  return data;
}

async function plan(app: TestApp, who: Person, artist: string): Promise<Plan> {
  const made = await apiCall(app, who, "POST", `/api/artists/${artist}/plans`, undefined, 202) as {
    plan: Plan;
  };
  for (let i = 0; i < 10; i++) {
    const { plan } = await apiCall(
      app,
      who,
      "GET",
      `/api/artists/${artist}/plans/${made.plan.id}`,
      undefined,
      200,
    ) as { plan: Plan };
    if (plan.status === "ready" || plan.status === "failed") return plan;
    await app.platform.worker.runOnce();
  }
  throw new Error("the plan did not finish");
}

Deno.test(
  { name: "artists - guardrails, persona, art, imports all or nothing", ...opts },
  async () => {
    await using app = await startTestApp(FUZZ_ENV);
    const ana = await signUpPerson(app, "Ana", "musician");

    const res = await app.fetch("/api/artists", {
      method: "POST",
      headers: { authorization: `Bearer ${ana.token}`, "content-type": "application/json" },
      body: JSON.stringify({ brief: { ...BRIEF, notes: "An AI version of Taylor Swift" } }),
    });
    assertEquals(res.status, 422);
    const refused = await res.json();
    assertMatch(refused.error.message, /Taylor Swift/);
    assertEquals(refused.error.field, "notes");
    const [{ n: none }] = await app.platform.db.asService((tx) =>
      tx.query<{ n: number }>("select count(*)::int as n from public.artists")
    );
    assertEquals(none, 0, "nothing saved");

    const artist = await newArtist(app, ana);
    assertEquals(artist.version, 1);
    assert(artist.persona.name.length > 0 && artist.owner);
    const avatar = await app.fetch(artist.avatar_url!, {
      headers: { authorization: `Bearer ${ana.token}` },
    });
    assertEquals(avatar.status, 200);
    assertMatch(avatar.headers.get("content-type") ?? "", /image\/svg\+xml/);
    assertMatch(await avatar.text(), /<svg/);

    // Bad rows: every line named, nothing imported.
    const good =
      seedArtistData({ tracks: 3, days: 5, countries: 2, effect: "noise", seed: 1 }).rows;
    const lines = csv(good).split("\n");
    lines[3] = lines[3].replace(/,\d+,(\d+),/, ",-4,$1,"); // negative streams on line 4
    lines[6] = "2026-02-30" + lines[6].slice(10); // impossible date on line 7
    const bad = await app.fetch(`/api/artists/${artist.id}/imports`, {
      method: "POST",
      headers: { authorization: `Bearer ${ana.token}` },
      body: importForm(lines.join("\n")),
    });
    assertEquals(bad.status, 422);
    const body = await bad.json();
    const named = body.error.issues.map((i: { field: string }) => i.field).join(" | ");
    assertMatch(named, /line 4/);
    assertMatch(named, /line 7/);
    assertEquals(await metricCount(app, artist.id), 0, "nothing half-imported");

    // Good file: imported; the same file again changes nothing.
    const first = await apiCall(
      app,
      ana,
      "POST",
      `/api/artists/${artist.id}/imports`,
      importForm(csv(good)),
      201,
    ) as {
      import: { inserted: number; unchanged: number; status: string };
    };
    assertEquals([first.import.status, first.import.inserted], ["done", good.length]);
    const again = await apiCall(
      app,
      ana,
      "POST",
      `/api/artists/${artist.id}/imports`,
      importForm(csv(good)),
      201,
    ) as {
      import: { inserted: number; updated: number; unchanged: number };
    };
    assertEquals([again.import.inserted, again.import.updated, again.import.unchanged], [
      0,
      0,
      good.length,
    ]);
    assertEquals(await metricCount(app, artist.id), good.length);

    // A large file goes through the queue.
    const big = seedArtistData({ tracks: 10, days: 200, countries: 3, effect: "noise", seed: 2 });
    const text = csv(big.rows);
    assert(text.length > 256 * 1024, "large enough to be queued");
    const queued = await apiCall(
      app,
      ana,
      "POST",
      `/api/artists/${artist.id}/imports`,
      importForm(text),
      202,
    ) as {
      import: { id: string; status: string };
    };
    assertEquals(queued.import.status, "queued");
    for (let i = 0; i < 5; i++) await app.platform.worker.runOnce();
    const done = await apiCall(
      app,
      ana,
      "GET",
      `/api/artists/${artist.id}/imports/${queued.import.id}`,
      undefined,
      200,
    ) as {
      import: {
        status: string;
        total: number;
        inserted: number;
        updated: number;
        unchanged: number;
      };
    };
    const d = done.import;
    assertEquals([d.status, d.total], ["done", big.rows.length]);
    assertEquals(d.inserted + d.updated + d.unchanged, big.rows.length, "every row counted once");
    assertEquals(await metricCount(app, artist.id), good.length + d.inserted);
  },
);

Deno.test({
  name: "artists - faster tracks saved more: a tempo plan, approved into a version",
  ...opts,
}, async () => {
  await using app = await startTestApp(FUZZ_ENV);
  const ana = await signUpPerson(app, "Ana", "musician");
  const eve = await signUpPerson(app, "Eve", "client");
  const artist = await newArtist(app, ana);
  const data = await seed(app, ana, artist.id, "tempo");

  // The SQL facts are the reference aggregation's.
  const facts = await app.platform.db.asUser(
    { sub: ana.id, role: "authenticated" },
    (tx) => loadTrackFacts(tx, artist.id),
  );
  const byTitle = (xs: { track: string }[]) => [...xs].sort((a, b) => a.track < b.track ? -1 : 1);
  assertEquals(byTitle(facts.map((f) => f.performance)), byTitle(aggregateRows(data.rows)));

  // The weekly analysis (pg_cron on Supabase, the worker embedded) queues the plan.
  const enqueue = () =>
    app.platform.db.asService((tx) =>
      tx.query<{ n: number }>("select private.enqueue_artist_analyses() as n")
    ).then(([r]) => r.n);
  assertEquals(await enqueue(), 1);
  assertEquals(await enqueue(), 0, "once a week");
  for (let i = 0; i < 4; i++) await app.platform.worker.runOnce();
  const { plans } = await apiCall(
    app,
    ana,
    "GET",
    `/api/artists/${artist.id}/plans`,
    undefined,
    200,
  ) as {
    plans: { id: string; trigger: string }[];
  };
  assertEquals(plans.map((p) => p.trigger), ["weekly"]);
  const { plan: ready } = await apiCall(
    app,
    ana,
    "GET",
    `/api/artists/${artist.id}/plans/${plans[0].id}`,
    undefined,
    200,
  ) as { plan: Plan };
  const [notice] = await app.platform.db.asService((tx) =>
    tx.query<{ title: string; link: string }>(
      "select title, link from public.notifications where user_id = $1 and kind = 'artist_plan'",
      [ana.id],
    )
  );
  assertEquals(notice?.link, `/artists/${artist.id}/plans/${ready.id}`, "the owner is told");
  assertMatch(notice.title, /New proposals for/);
  assertEquals(ready.status, "ready", ready.error ?? "");
  const tempo = ready.items.find((i) => i.kind === "tempo");
  assert(tempo, `a tempo proposal: ${JSON.stringify(ready.items.map((i) => i.title))}`);
  assertEquals(tempo.confidence, "high");
  assert(tempo.change.tempo_range!.min > artist.persona.tempo_range.min, "faster");
  assertMatch(tempo.evidence[0].summary, /saved [\d.]+ %/);
  assert(tempo.evidence[0].n >= 20);

  // A stranger sees nothing; a member reads but cannot decide.
  const planPath = `/api/artists/${artist.id}/plans/${ready.id}`;
  await apiCall(app, eve, "GET", planPath, undefined, 404);
  await apiCall(app, ana, "POST", `/api/artists/${artist.id}/members`, { email: eve.email }, 201);
  await apiCall(app, eve, "GET", planPath, undefined, 200);
  const item = `${planPath}/items/${tempo.id}`;
  await apiCall(app, eve, "POST", item, { decision: "approved" }, 403);

  const before = studioPrompt(artist.persona, "a night run");
  const decided = await apiCall(app, ana, "POST", item, { decision: "approved" }, 200) as {
    plan: Plan;
  };
  const approved = decided.plan.items.find((i) => i.id === tempo.id)!;
  assertEquals([approved.decision, approved.version], ["approved", 2]);
  await apiCall(app, ana, "POST", item, { decision: "rejected" }, 409);
  const got = await apiCall(app, ana, "GET", `/api/artists/${artist.id}`, undefined, 200);
  const v2 = (got as { artist: Artist }).artist;
  assertEquals(v2.version, 2);
  assertEquals(v2.persona.tempo_range, tempo.change.tempo_range);
  assert(studioPrompt(v2.persona, "a night run") !== before, "future songs' prompts follow");
  const listed = await apiCall(
    app,
    ana,
    "GET",
    `/api/artists/${artist.id}/versions`,
    undefined,
    200,
  );
  const { versions } = listed as {
    versions: { version: number; cause: string; diff: { label: string }[] }[];
  };
  assertEquals(versions.map((v) => [v.version, v.cause]), [[2, "plan"], [1, "created"]]);
  assert(versions[0].diff.some((d) => /tempo/i.test(d.label)));

  // Roll back: version 1's persona as version 3.
  const restored = await apiCall(app, ana, "POST", `/api/artists/${artist.id}/restore`, {
    version: 1,
  }, 200);
  const v3 = (restored as { artist: Artist }).artist;
  assertEquals([v3.version, v3.persona], [3, artist.persona]);
});

Deno.test({ name: "artists - noise alone: no confident proposal", ...opts }, async () => {
  await using app = await startTestApp(FUZZ_ENV);
  const ana = await signUpPerson(app, "Ana", "musician");
  const artist = await newArtist(app, ana);
  await seed(app, ana, artist.id, "noise");
  const ready = await plan(app, ana, artist.id);
  assertEquals(ready.status, "ready");
  assertEquals(ready.items.filter((i) => i.confidence !== "low"), []);
  assert(ready.analysis, "the analysis is shown");
});
