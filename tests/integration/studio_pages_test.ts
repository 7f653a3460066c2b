/**
 * The studio's pages over HTTP, as a browser without JavaScript posts them: a prompt becomes a
 * song page that refreshes itself, then a plan form; sections rearranged by the server, a wrong
 * value named with what was typed kept, Generate confirmed with the songs left and refused with
 * the reset date and the upgrade when none are; the library's filters, search and empty state;
 * a share link → the share page signed out (sharing is separate from the AI DJ's catalogue, see
 * studio_share_test.ts); nothing of it for another user; malformed input never 5xx.
 */
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import { browser, FUZZ_ENV, getPage, type Person, signUpPerson } from "../_helpers/fuzz.ts";
import { CSRF } from "../_helpers/fuzz.ts";
import { draftOf, type PlanDraft } from "../../lib/browser/plan_draft.ts";
import type { SongPlan } from "../../lib/domains/studio/plan.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

/** Posts a form with repeated fields, as a browser does. */
async function post(app: TestApp, who: Person | null, path: string, entries: [string, string][]) {
  const res = await app.fetch(path, {
    method: "POST",
    headers: {
      ...browser(app, who?.token ?? null),
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams([["_csrf", CSRF], ...entries]),
  });
  return { status: res.status, location: res.headers.get("location"), text: await res.text() };
}

/** The plan form's fields for a draft. */
function planEntries(d: PlanDraft): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(d)) {
    if (k === "structure") continue;
    if (k === "vocals") {
      if (v) out.push(["vocals", "on"]);
    } else out.push([k, String(v)]);
  }
  for (const s of d.structure) out.push(["section_name", s.name], ["section_bars", s.bars]);
  return out;
}

async function songRow(app: TestApp, id: string) {
  const [row] = await app.platform.db.asService((tx) =>
    tx.query<{ status: string; plan: SongPlan | null; track_id: string | null }>(
      "select status, plan, track_id from public.songs where id = $1",
      [id],
    )
  );
  return row;
}

async function runUntil(app: TestApp, id: string, status: string) {
  for (let i = 0; i < 40 && (await songRow(app, id)).status !== status; i++) {
    await app.platform.worker.runOnce();
  }
  assertEquals((await songRow(app, id)).status, status);
}

Deno.test(
  { name: "studio pages - prompt, plan form, confirm, quota, library, share", ...opts },
  async () => {
    await using app = await startTestApp(FUZZ_ENV);
    const ana = await signUpPerson(app, "Ana", "musician");
    const eve = await signUpPerson(app, "Eve", "client");

    // The studio: songs left always shown; a blank prompt is named and writes nothing.
    const studio = await getPage(app, ana.token, "/studio");
    assertEquals(studio.status, 200);
    assertMatch(studio.text, /3 of 3 songs/);
    assert(studio.text.includes("No songs yet"), "the empty state");
    const blank = await post(app, ana, "/studio", [["prompt", "  "]]);
    assertEquals(blank.status, 422);
    assert(blank.text.includes("studio-prompt-error") && blank.text.includes("Prompt:"));
    const started = await post(app, ana, "/studio", [["prompt", "a calm lo-fi beat for studying"]]);
    assertEquals(started.status, 303);
    const here = started.location!;
    const id = here.match(/\/studio\/songs\/([0-9a-f-]{36})$/)![1];

    // Planning: the page refreshes itself without JavaScript; another user sees nothing.
    const planning = await getPage(app, ana.token, here);
    assert(
      planning.text.includes('http-equiv="refresh"') && planning.text.includes("song-progress"),
    );
    assertEquals((await getPage(app, eve.token, here)).status, 404);
    await runUntil(app, id, "draft");
    const plan = (await songRow(app, id)).plan!;
    const draft = await getPage(app, ana.token, here);
    assert(draft.text.includes('data-testid="plan-form"') && draft.text.includes("Generate…"));

    // Sections rearranged by the server (nothing saved), a wrong value named and kept.
    const d = draftOf(plan);
    const added = await post(app, ana, here, [...planEntries(d), ["op", "add"]]);
    assertEquals(added.status, 200);
    assertEquals(added.text.split('data-testid="plan-section"').length - 1, d.structure.length + 1);
    assertEquals((await songRow(app, id)).plan, plan, "rearranging saves nothing");
    const bad = await post(app, ana, here, [...planEntries({ ...d, tempo_bpm: "fast" }), [
      "intent",
      "save",
    ]]);
    assertEquals(bad.status, 422);
    assert(bad.text.includes("Tempo: a whole number of beats per minute from 50 to 200"));
    assert(bad.text.includes('value="fast"'), "what was typed is kept");
    const saved = await post(app, ana, here, [...planEntries({ ...d, tempo_bpm: "96" }), [
      "intent",
      "save",
    ]]);
    assertEquals([saved.status, saved.location], [303, here]);
    assertEquals((await songRow(app, id)).plan?.tempo_bpm, 96);
    assertEquals((await post(app, eve, here, [...planEntries(d), ["intent", "save"]])).status, 404);

    // Generate without JavaScript: a confirmation naming the songs left, then the song.
    const review = await post(app, ana, here, [...planEntries({ ...d, tempo_bpm: "96" }), [
      "intent",
      "review",
    ]]);
    assertEquals(review.status, 200);
    assert(review.text.includes("one of your 3 songs left this month"));
    assertEquals((await songRow(app, id)).status, "draft", "the confirmation spends nothing");

    // With none left: 429 on the page, the reset date and the upgrade; the plan stays a draft.
    await app.platform.db.asService((tx) =>
      tx.query(
        `insert into private.song_usage (user_id, month, used) values ($1, private.song_month(), 3)`,
        [ana.id],
      )
    );
    const refused = await post(app, ana, here, [...planEntries(d), ["intent", "generate"]]);
    assertEquals(refused.status, 429);
    assert(
      refused.text.includes("No songs left this month") && refused.text.includes("/settings/plan"),
    );
    assertMatch(refused.text, /come back on 1 [A-Z][a-z]+/);
    assertEquals((await songRow(app, id)).status, "draft");
    await app.platform.db.asService((tx) =>
      tx.query("update private.song_usage set used = 0 where user_id = $1", [ana.id])
    );
    const go = await post(app, ana, here, [
      ...planEntries({ ...d, structure: d.structure.slice(0, 2) }),
      [
        "intent",
        "generate",
      ],
    ]);
    assertEquals([go.status, go.location], [303, here]);
    await runUntil(app, id, "done");
    const done = await getPage(app, ana.token, here);
    const shown = [
      "WAV",
      "MP3",
      "MIDI",
      "Stem: drums",
      'data-testid="player"',
      "Create a share link",
    ];
    for (const s of shown) {
      assert(done.text.includes(s), `the finished song shows ${s}`);
    }

    // Rename (named when blank), library filters and search, the empty state.
    assertEquals((await post(app, ana, here, [["intent", "rename"], ["title", " "]])).status, 422);
    await post(app, ana, here, [["intent", "rename"], ["title", "Library Card"]]);
    const lib = await getPage(app, ana.token, "/studio/library?q=library&status=done");
    assert(lib.text.includes("Library Card"), "found by its new title");
    const none = await getPage(app, ana.token, "/studio/library?status=failed");
    assert(none.text.includes("No songs match") && !none.text.includes("Library Card"));
    const wrong = await getPage(app, ana.token, "/studio/library?status=bogus");
    assertEquals(wrong.status, 400);
    assert(wrong.text.includes("Status: not one of the choices"));
    const later = await getPage(app, ana.token, "/studio/library?from=2999-01-01");
    assert(later.text.includes("No songs match") && !later.text.includes("Library Card"));
    const badDay = await getPage(app, ana.token, "/studio/library?from=2026-01-31&to=2026-01-01");
    assertEquals(badDay.status, 400);
    assert(badDay.text.includes("Made until: the end date is before the start date"));
    assert((await getPage(app, eve.token, "/studio/library")).text.includes("No songs yet"));

    // Share: the link works signed out; stopped, it is gone; Eve cannot share the song.
    assertEquals((await post(app, eve, here, [["intent", "share"]])).status, 404);
    await post(app, ana, here, [["intent", "share"]]);
    const link = (await getPage(app, ana.token, here)).text.match(/\/s\/([A-Za-z0-9_-]{32})"/);
    assert(link, "the song page shows its share link");
    const shared = await getPage(app, null, `/s/${link[1]}`);
    assertEquals(shared.status, 200);
    assert(
      shared.text.includes("Library Card") &&
        shared.text.includes("/storage/v1/object/sign/tracks/"),
    );
    const bare = await post(app, ana, here, [["intent", "unshare"]]);
    assertEquals(bare.status, 428, "stopping needs its confirmation");
    assertEquals((await getPage(app, null, `/s/${link[1]}`)).status, 200);
    await post(app, ana, here, [["intent", "unshare"], ["confirm", "yes"]]);
    assertEquals((await getPage(app, null, `/s/${link[1]}`)).status, 404);

    // Malformed input: refused, never a server error.
    const probes: [string, [string, string][]][] = [
      [here, [["intent", "explode"]]],
      [here, [["op", "remove:99"]]],
      [here, [["op", "add"], ["section_bars", "x".repeat(5000)]]],
      [`/studio/songs/not-a-uuid`, [["intent", "save"]]],
      [`/studio/songs/${crypto.randomUUID()}`, [["intent", "cancel"]]],
      ["/studio", [["prompt", "x".repeat(5000)]]],
      ["/studio", [["prompt", "ok prompt"], ["language", "klingon"]]],
    ];
    for (const [path, entries] of probes) {
      const r = await post(app, ana, path, entries);
      assert(r.status < 500, `${path} ${JSON.stringify(entries).slice(0, 80)}: ${r.status}`);
    }
    for (
      const path of [
        "/studio/library?cursor=%00",
        "/s/nope",
        "/studio/songs/nope",
        "/studio?prompt=%FF",
      ]
    ) {
      const r = await getPage(app, ana.token, path);
      assert(r.status < 500, `${path}: ${r.status}`);
    }

    // Cancel while planning: confirmed on the page, then a way to start again.
    const second = (await post(app, ana, "/studio", [["prompt", "a folk song about rain"]]))
      .location!;
    const cancelled = await post(app, ana, second, [["intent", "cancel"], ["confirm", "yes"]]);
    assertEquals([cancelled.status, cancelled.location], [303, second]);
    const after = await getPage(app, ana.token, second);
    assert(
      after.text.includes("Start again from the prompt") &&
        after.text.includes("a folk song about rain"),
    );
    assertEquals(
      (await post(app, ana, second, [["intent", "cancel"], ["confirm", "yes"]])).status,
      303,
      "twice: a message",
    );

    // Delete: the song and its files go; the page is gone.
    assertEquals((await post(app, ana, here, [["intent", "delete"]])).status, 428);
    const del = await post(app, ana, here, [["intent", "delete"], ["confirm", "yes"]]);
    assertEquals([del.status, del.location], [303, "/studio/library"]);
    assertEquals((await getPage(app, ana.token, here)).status, 404);
  },
);
