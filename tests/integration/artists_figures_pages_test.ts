/**
 * The virtual artists' figures pages over HTTP, as a browser without JavaScript uses them: a CSV
 * of streaming figures with a bad line refused line by line (nothing imported), a good one
 * imported with its counts, the dashboard filtered by track and country, a track added by hand;
 * weekly charts imported into momentum and a competitor summary citing its rows; seeded figures
 * where faster tracks are saved more → "Analyse now" → a high-confidence tempo proposal approved
 * into a new version. A member reads all of it and changes none of it.
 */
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { drainJobs, startTestApp } from "../_helpers/app.ts";
import { apiCall, FUZZ_ENV, signUpPerson } from "../_helpers/fuzz.ts";
import { get, newArtistByPage, post } from "../_helpers/artist_pages.ts";
import { seedArtistData } from "../../lib/domains/artists/learn/seed.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

const HEADER = "date,track,country,streams,listeners,saves,skips,followers";

Deno.test({ name: "artists pages - figures, charts, plans", ...opts }, async (t) => {
  await using app = await startTestApp(FUZZ_ENV);
  const ana = await signUpPerson(app, "Ana", "musician");
  const bob = await signUpPerson(app, "Bob", "client");
  const id = await newArtistByPage(app, ana);
  const invited = await post(app, ana, `/artists/${id}/members`, {
    intent: "invite",
    email: bob.email,
  });
  assertEquals(invited.status, 303);

  await t.step("metrics: bad lines named, nothing imported; a good file; a track", async () => {
    const bad = await post(app, ana, `/artists/${id}/metrics`, {
      intent: "import",
      kind: "metrics",
    }, {
      name: "bad.csv",
      text:
        `${HEADER}\n2026-01-05,Night Bus,GB,10,8,1,2,100\n2026-01-06,Night Bus,GB,-3,8,1,2,100\n`,
    });
    assertEquals(bad.status, 422);
    assert(bad.text.includes("nothing was imported"));
    assertMatch(bad.text, /Line 3 · streams: cannot be negative/);
    const good = await post(app, ana, `/artists/${id}/metrics`, {
      intent: "import",
      kind: "metrics",
    }, {
      name: "good.csv",
      text:
        `${HEADER}\n2026-01-05,Night Bus,GB,10,8,1,2,100\n2026-01-06,Night Bus,GB,12,9,2,2,101\n`,
    });
    assertEquals([good.status, good.location], [303, `/artists/${id}/metrics`]);
    assertEquals(good.flash, "Imported 2 rows (2 new, 0 changed, 0 unchanged).");
    const page = await get(app, ana, `/artists/${id}/metrics`);
    assert(
      page.text.includes('data-testid="artist-chart-streams"') && page.text.includes("<title"),
    );
    assert(page.text.includes("Night Bus"));
    const track = page.text.match(/\?track=([0-9a-f-]{36})/)![1];
    const one = await get(app, ana, `/artists/${id}/metrics?track=${track}&country=GB`);
    assert(one.text.includes("Showing “Night Bus” in the United Kingdom"));
    const wrong = await post(app, ana, `/artists/${id}/metrics`, {
      intent: "track",
      title: "Harbour Lights",
      energy: "7",
    });
    assertEquals(wrong.status, 422);
    assert(wrong.text.includes("Energy: a number from 0"));
    const saved = await post(app, ana, `/artists/${id}/metrics`, {
      intent: "track",
      title: "Harbour Lights",
      tempo_bpm: "122",
      energy: "0.7",
      key: "A",
      mode: "minor",
      mood: "wistful",
      released_on: "2026-02-06",
    });
    assertEquals(saved.status, 303);
    assertMatch(saved.flash ?? "", /Saved “Harbour Lights”/);
    const member = await post(app, bob, `/artists/${id}/metrics`, {
      intent: "import",
      kind: "metrics",
    }, {
      name: "good.csv",
      text: `${HEADER}\n2026-01-05,Night Bus,GB,10,8,1,2,100\n`,
    });
    assertEquals(member.status, 403, "a member imports nothing");
  });

  await t.step("trends: charts imported, momentum and the cited competition", async () => {
    const none = await get(app, ana, `/artists/${id}/trends`);
    assert(none.text.includes("No charts yet"));
    const genres = ["synth-pop", "synth-pop", "indie pop", "afrobeats", "drill"];
    const rows = ["2026-01-05", "2026-02-02"].flatMap((week, w) =>
      genres.map((g, i) =>
        `GB,${week},${i + 1},Song ${w}${i},Band ${i},${w && i === 4 ? "synth-pop" : g},${
          1000 - i * 100
        }`
      )
    );
    const text = `country,week,rank,track,artist,genre,streams\n${rows.join("\n")}\n`;
    const done = await post(app, ana, `/artists/${id}/trends`, {
      intent: "import",
      kind: "charts",
    }, { name: "charts.csv", text });
    assertEquals(done.status, 303, done.text.slice(0, 500));
    assertEquals(done.flash, "Imported 10 rows (10 new, 0 changed, 0 unchanged).");
    const page = await get(app, ana, `/artists/${id}/trends`);
    assertMatch(page.text, /data-genre="synth-pop"[^]*?data-testid="momentum-trend">rising</);
    assert(page.text.includes('data-testid="competitor-point"'), "the summary's points");
    assertMatch(page.text, /data-testid="competitor-cite">GB · \d+ [A-Z][a-z]+ 2026 · #\d/);
  });

  await t.step("plans: analysed, a tempo proposal approved into a new version", async () => {
    const data = seedArtistData({ tracks: 24, days: 60, countries: 2, effect: "tempo", seed: 3 });
    for (const t of data.tracks) {
      await apiCall(app, ana, "POST", `/api/artists/${id}/tracks`, t, 201);
    }
    await apiCall(app, ana, "POST", `/api/artists/${id}/metrics`, { rows: data.rows }, 200);
    const asked = await post(app, ana, `/artists/${id}/plans`, { intent: "analyse" });
    assertEquals(asked.status, 303);
    const here = asked.location!;
    assertMatch(here, new RegExp(`^/artists/${id}/plans/[0-9a-f-]{36}$`));
    const pending = await get(app, ana, here);
    assert(
      pending.text.includes('http-equiv="refresh"') && pending.text.includes("artist-plan-live"),
    );
    await drainJobs(app);
    const ready = await get(app, ana, here);
    assert(ready.text.includes("What was analysed"));
    assertMatch(ready.text, /data-kind="tempo" data-confidence="high"/);
    assertMatch(ready.text, /Tempo range:<\/strong> <span class="text-gray-600">/);
    const memberView = await get(app, bob, here);
    assert(!memberView.text.includes("Approve: make a new version"));
    const item = ready.text.match(
      /data-kind="tempo"[^]*?name="item" value="([0-9a-f-]{36})"/,
    )![1];
    // Rejecting is final: it says so, and a post without its confirm=yes is a 428 that leaves
    // the proposal pending (approving it below still works).
    assertMatch(ready.text, /data-testid="plan-item-reject"[^]*?cannot be approved later/);
    const bare = await post(app, ana, here, { intent: "decide", item, decision: "rejected" });
    assertEquals(bare.status, 428);
    assertMatch(bare.text, /Nothing changed/);
    const approved = await post(app, ana, here, {
      intent: "decide",
      item,
      decision: "approved",
    });
    assertEquals(approved.status, 303);
    assertMatch(approved.flash ?? "", /^Approved: a new version \(v\d\) of the persona\.$/);
    const twice = await post(app, ana, here, { intent: "decide", item, decision: "approved" });
    assertEquals(twice.flash, "This proposal was already approved");
    const versions = await get(app, ana, `/artists/${id}/versions`);
    assert(versions.text.includes('data-cause="plan"') && versions.text.includes("Tempo range:"));
    const glance = await get(app, ana, `/artists/${id}`);
    assertMatch(
      glance.text,
      /the latest \(.+\) is <span[^>]*>ready<\/span> with <a[^>]*>\d+ proposals? waiting/,
    );
  });
});
