/**
 * Style transfer through the API and the song page: POST /api/studio/songs/:id/restyle makes a
 * NEW draft (201) from a finished song: the restyled plan, the same seed, lyrics and language,
 * "<title> (<genre>)", `restyled_from`; nothing is spent until it is generated, and then it sings
 * its original's words. Unknown genres are 400s naming `genre`, others' songs 404, songs being
 * planned 409. The page's no-JS form does the same and the new song says what it restyles.
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import {
  apiCall,
  FUZZ_ENV,
  getPage,
  type Person,
  postForm,
  signUpPerson,
} from "../_helpers/fuzz.ts";
import { songPlan } from "../_helpers/studio.ts";
import type { Song } from "../../lib/domains/studio/types.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

const PLAN = songPlan({
  title: "Sea Glass",
  vocals: true,
  structure: [{ name: "verse", bars: 2 }, { name: "chorus", bars: 2 }, { name: "outro", bars: 1 }],
});

type View = { song: Song; quota: { used: number; remaining: number } };

async function view(app: TestApp, who: Person, id: string): Promise<View> {
  return await apiCall(app, who, "GET", `/api/studio/songs/${id}`, undefined, 200) as View;
}

/** Runs the worker until the song has left `queued`/`running`. */
async function settle(app: TestApp, who: Person, id: string): Promise<Song> {
  for (let i = 0; i < 12; i++) {
    const { song } = await view(app, who, id);
    if (!["queued", "running"].includes(song.status)) return song;
    await app.platform.worker.runOnce();
  }
  throw new Error(`song ${id} did not settle`);
}

async function finished(app: TestApp, who: Person): Promise<Song> {
  const made = await apiCall(app, who, "POST", "/api/studio/songs", {
    prompt: "a bright pop song about the sea",
    language: "es",
  }, 202) as View;
  const id = made.song.id;
  await settle(app, who, id);
  await apiCall(app, who, "PUT", `/api/studio/songs/${id}/plan`, { plan: PLAN }, 200);
  await apiCall(app, who, "POST", `/api/studio/songs/${id}/generate`, undefined, 202);
  const song = await settle(app, who, id);
  assertEquals(song.status, "done", song.error ?? "");
  return song;
}

Deno.test(
  { name: "studio restyle - a new draft through the API, spent when generated", ...opts },
  async () => {
    await using app = await startTestApp(FUZZ_ENV);
    const ana = await signUpPerson(app, "Ana", "musician");
    const eve = await signUpPerson(app, "Eve", "client");
    const original = await finished(app, ana);
    assert(original.lyrics, "the original sings");

    const path = `/api/studio/songs/${original.id}/restyle`;
    const made = await apiCall(app, ana, "POST", path, { genre: "latin" }, 201) as View;
    const r = made.song;
    assert(r.id !== original.id, "a new song");
    assertEquals([r.status, r.stage, r.title], ["draft", null, "Sea Glass (latin)"]);
    assertEquals(r.restyled_from, { id: original.id, title: "Sea Glass" });
    assertEquals([r.seed, r.language, r.prompt], [original.seed, "es", original.prompt]);
    assertEquals(r.lyrics, original.lyrics, "the same words");
    const bars = (p: { structure: { name: string; bars: number }[] }) =>
      p.structure.map((s) => `${s.name}:${s.bars}`);
    assertEquals(bars(r.plan!), bars(PLAN), "the same sections and bars");
    assertEquals([r.plan?.genre, r.plan?.key, r.plan?.mode], ["latin", PLAN.key, PLAN.mode]);
    assertEquals(r.plan?.tempo_bpm, 110, "120 moves into latin's feel");
    assertEquals(made.quota.used, 1, "restyling spends nothing");
    assertEquals((await view(app, ana, original.id)).song.status, "done", "the original stays");

    // Refusals: the field named, nothing written.
    for (const body of [{ genre: "polka" }, { genre: "" }, {}, { genre: "jazz", seed: 1 }]) {
      const bad = await apiCall(app, ana, "POST", path, body, 400) as { error: { field: string } };
      assert(["genre", "seed"].includes(bad.error.field), JSON.stringify(bad));
    }
    await apiCall(app, eve, "POST", path, { genre: "rock" }, 404);
    await apiCall(app, ana, "POST", `/api/studio/songs/${crypto.randomUUID()}/restyle`, {
      genre: "rock",
    }, 404);
    const planning = await apiCall(app, ana, "POST", "/api/studio/songs", { prompt: "jazz" }, 202);
    const refused = await apiCall(
      app,
      ana,
      "POST",
      `/api/studio/songs/${(planning as View).song.id}/restyle`,
      { genre: "rock" },
      409,
    ) as { error: { field: string } };
    assertEquals(refused.error.field, "status");
    const mine = await apiCall(app, ana, "GET", "/api/studio/songs?limit=50", undefined, 200) as {
      items: Song[];
    };
    assertEquals(mine.items.length, 3, "only the one restyle was made");

    // Generated as any draft: a song spent, the original's lyrics kept.
    const gen = await apiCall(
      app,
      ana,
      "POST",
      `/api/studio/songs/${r.id}/generate`,
      undefined,
      202,
    );
    assertEquals((gen as View).quota.used, 2);
    const done = await settle(app, ana, r.id);
    assertEquals(done.status, "done", done.error ?? "");
    assertEquals(done.lyrics, original.lyrics, "it sings its original's words");
    assertEquals(done.seed, original.seed);
  },
);

Deno.test(
  { name: "studio restyle - the song page's form, and the link back", ...opts },
  async () => {
    await using app = await startTestApp(FUZZ_ENV);
    const ana = await signUpPerson(app, "Ana", "musician");
    const eve = await signUpPerson(app, "Eve", "client");
    const original = await finished(app, ana);
    const here = `/studio/songs/${original.id}`;

    const page = await getPage(app, ana.token, here);
    assert(page.text.includes('data-testid="restyle-form"'), "the form on a finished song");
    assert(page.text.includes('<label for="restyle-genre"'), "a labelled select");
    assert(!page.text.includes('value="pop"'), "its own genre is not offered");

    const bad = await postForm(app, ana.token, here, { intent: "restyle", genre: "polka" });
    assertEquals(bad.status, 422);
    assert(bad.text.includes("restyle-genre-error"), "the error sits by the select");
    assertEquals(
      (await postForm(app, eve.token, here, { intent: "restyle", genre: "rock" })).status,
      404,
    );

    const ok = await postForm(app, ana.token, here, { intent: "restyle", genre: "rock" });
    assertEquals(ok.status, 303);
    const id = ok.location!.match(/\/studio\/songs\/([0-9a-f-]{36})$/)?.[1];
    assert(id && id !== original.id, `redirected to the new draft: ${ok.location}`);
    const draft = await getPage(app, ana.token, ok.location!);
    assert(draft.text.includes('data-testid="restyled-from"'), "Restyled from …");
    assert(draft.text.includes(`href="${here}"`), "linked to the original");
    assert(draft.text.includes("Sea Glass (rock)"));
    assert(draft.text.includes('data-testid="plan-form"'), "an editable draft");
  },
);
