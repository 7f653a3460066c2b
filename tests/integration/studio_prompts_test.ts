/**
 * The studio's prompt history (GET /api/studio/prompts, functions/studio `prompts`, the studio
 * page): the caller's own prompts only, each once, the most recently used first, at most 8; a
 * deleted song's prompt goes with it; the page offers them as links that prefill the box, and
 * a first-time user sees the empty state beside the genre examples.
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import { apiCall, FUZZ_ENV, getPage, type Person, signUpPerson } from "../_helpers/fuzz.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

/** A song from `prompt` through the API, dated `minute` minutes into a fixed hour. */
async function songAt(app: TestApp, who: Person, prompt: string, minute: number) {
  const made = await apiCall(app, who, "POST", "/api/studio/songs", { prompt }, 202);
  const id = (made.song as { id: string }).id;
  await app.platform.db.asService((tx) =>
    tx.query("update public.songs set created_at = $2 where id = $1", [
      id,
      new Date(Date.UTC(2026, 11, 1, 12, minute)).toISOString(),
    ])
  );
  return id;
}

const history = async (app: TestApp, who: Person) =>
  (await apiCall(app, who, "GET", "/api/studio/prompts", undefined, 200)).prompts as string[];

/** The prompts the studio page links to, in page order, and the `?prompt=` of each link. */
function pageHistory(html: string): string[] {
  const links = [...html.matchAll(/<a [^>]*href="\/studio\?prompt=([^"]*)"[^>]*studio-recent/g)];
  return links.map((m) => decodeURIComponent(m[1]));
}

Deno.test(
  { name: "studio prompts - own, distinct, newest first, at most 8", ...opts },
  async () => {
    await using app = await startTestApp(FUZZ_ENV);
    const ana = await signUpPerson(app, "Ana", "musician");
    const eve = await signUpPerson(app, "Eve", "client");

    // A first-time user: no history, the empty state, the genre examples still there.
    assertEquals(await history(app, ana), []);
    const first = await getPage(app, ana.token, "/studio");
    assertEquals(first.status, 200);
    assert(first.text.includes('data-testid="studio-recent-empty"'), "the empty state");
    assert(first.text.includes('data-testid="studio-example"'), "the examples stay");
    assertEquals(pageHistory(first.text), []);

    // Ten prompts, two of them used twice; Eve's is the newest of all and a copy of one of Ana's.
    const used = [
      "lofi beat for studying",
      "sad folk song about leaving home",
      "upbeat pop song about a summer road trip",
      "lofi beat for studying",
      "una canción de reggaeton alegre",
      "dark techno with a heavy kick",
      "jazz trio, late night & <smoky>",
      "chanson douce sur la mer",
      "epic rock anthem about winning",
      "ambient pads for sleeping",
      "sad folk song about leaving home",
      "ein fröhliches Lied über den Sommer",
    ];
    const ids: string[] = [];
    for (const [i, prompt] of used.entries()) ids.push(await songAt(app, ana, prompt, i));
    await songAt(app, eve, "eve's secret prompt", 59);
    await songAt(app, eve, "dark techno with a heavy kick", 58);

    const newestFirst = [...new Set([...used].reverse())];
    assertEquals(newestFirst.length, 10);
    const got = await history(app, ana);
    assertEquals(got, newestFirst.slice(0, 8), "distinct, by last use, 8 at most");
    assert(!got.includes("eve's secret prompt"), "never another user's prompt");
    assertEquals(await history(app, eve), [
      "eve's secret prompt",
      "dark techno with a heavy kick",
    ]);

    // The Edge Function answers the same.
    const fn = await app.fetch("/functions/v1/studio", {
      method: "POST",
      headers: { authorization: `Bearer ${ana.token}`, "content-type": "application/json" },
      body: JSON.stringify({ action: "prompts" }),
    });
    assertEquals([fn.status, (await fn.json()).prompts], [200, got]);
    const extra = await app.fetch("/functions/v1/studio", {
      method: "POST",
      headers: { authorization: `Bearer ${ana.token}`, "content-type": "application/json" },
      body: JSON.stringify({ action: "prompts", owner: eve.id }),
    });
    assertEquals(extra.status, 400);
    await extra.body?.cancel();
    const anon = await app.fetch("/api/studio/prompts");
    assertEquals(anon.status, 401);
    await anon.body?.cancel();

    // Deleting songs: a prompt used once goes; one used twice falls back to its earlier use.
    for (const i of [11, 10, 9]) {
      await apiCall(app, ana, "DELETE", `/api/studio/songs/${ids[i]}`, undefined, 204);
    }
    const after = await history(app, ana);
    assertEquals(after, [
      "epic rock anthem about winning",
      "chanson douce sur la mer",
      "jazz trio, late night & <smoky>",
      "dark techno with a heavy kick",
      "una canción de reggaeton alegre",
      "lofi beat for studying",
      "upbeat pop song about a summer road trip",
      "sad folk song about leaving home",
    ]);

    // The page: the same prompts as links that prefill the box, escaped; the link prefills it.
    const page = await getPage(app, ana.token, "/studio");
    assertEquals(pageHistory(page.text), after);
    assert(!page.text.includes("studio-recent-empty"), "no empty state with a history");
    assert(page.text.includes("late night &amp; &lt;smoky") && !page.text.includes("<smoky>"));
    assert(!page.text.includes("eve&#39;s secret") && !page.text.includes("eve's secret"));
    const prefilled = await getPage(
      app,
      ana.token,
      `/studio?prompt=${encodeURIComponent("chanson douce sur la mer")}`,
    );
    assert(
      /<textarea[^>]*id="studio-prompt"[^>]*>chanson douce sur la mer<\/textarea>/.test(
        prefilled.text,
      ),
      "prefilled",
    );
  },
);
