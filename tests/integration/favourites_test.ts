/**
 * Favourites: saving musicians and gigs through the API and the Save buttons (forms that work
 * without JavaScript), idempotence, privacy from the attacker's side (RLS: another user neither
 * reads nor writes them), what cannot be saved, signed-out Save leading to sign-in and back, and a
 * saved item that leaves view shown as "no longer available".
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { startTestApp } from "../_helpers/app.ts";
import {
  apiCall,
  getPage,
  gigBody,
  type Person,
  postForm,
  signUpPerson,
} from "../_helpers/fuzz.ts";
import { dbFailure } from "../../lib/ports/db/errors.ts";

async function musicianWithProfile(
  app: Awaited<ReturnType<typeof startTestApp>>,
  name: string,
  published: boolean,
): Promise<Person> {
  const p = await signUpPerson(app, name, "musician");
  await apiCall(app, p, "PUT", "/api/profile", {
    musician: { stage_name: `${name} Trio`, instruments: "piano", city: "Lisbon", published },
  }, 200);
  return p;
}

Deno.test({
  name: "favourites - save, idempotence, privacy, refusals, sign-in and back, gone items",
  sanitizeOps: false,
  sanitizeResources: false,
}, async (t) => {
  await using app = await startTestApp({ WORKER: "off" });
  const mira = await musicianWithProfile(app, "Mira", true);
  const ghost = await musicianWithProfile(app, "Ghost", false);
  const carla = await signUpPerson(app, "Carla", "client");
  const eve = await signUpPerson(app, "Eve", "client");
  const open = await apiCall(
    app,
    carla,
    "POST",
    "/api/gigs?publish=true",
    gigBody("Open night", 20),
    201,
  );
  const draft = await apiCall(app, carla, "POST", "/api/gigs", gigBody("Draft night", 25), 201);
  const gigId = String(open.id);

  await t.step("saving twice keeps one favourite", async () => {
    for (let i = 0; i < 2; i++) {
      assertEquals(
        await apiCall(app, carla, "PUT", `/api/favourites/musicians/${mira.id}`, undefined, 200),
        { kind: "musician", id: mira.id, saved: true },
      );
      await apiCall(app, carla, "PUT", `/api/favourites/gigs/${gigId}`, undefined, 200);
    }
    const list = await apiCall(app, carla, "GET", "/api/favourites", undefined, 200);
    const musicians = list.musicians as { id: string; musician: { stage_name: string } }[];
    const gigs = list.gigs as { id: string; gig: { title: string } }[];
    assertEquals(musicians.map((m) => m.musician.stage_name), ["Mira Trio"]);
    assertEquals(gigs.map((g) => g.gig.title), ["Open night"]);
  });

  await t.step("what the saver cannot see cannot be saved", async () => {
    await apiCall(app, eve, "PUT", `/api/favourites/gigs/${draft.id}`, undefined, 404);
    await apiCall(app, eve, "PUT", `/api/favourites/musicians/${ghost.id}`, undefined, 404);
    await apiCall(app, eve, "PUT", `/api/favourites/musicians/${carla.id}`, undefined, 404);
    await apiCall(app, eve, "PUT", `/api/favourites/gigs/not-an-id`, undefined, 404);
    const res = await app.fetch(`/api/favourites/gigs/${gigId}`, { method: "PUT" });
    assertEquals(res.status, 401, "signed out");
    await res.body?.cancel();
  });

  await t.step("another user neither reads nor writes Carla's favourites (RLS)", async () => {
    const theirs = await apiCall(app, eve, "GET", "/api/favourites", undefined, 200);
    assertEquals(theirs, { musicians: [], gigs: [] });
    // Eve's DELETE is about her own list: Carla's stays.
    await apiCall(app, eve, "DELETE", `/api/favourites/musicians/${mira.id}`, undefined, 204);
    const claims = { role: "authenticated" as const, sub: eve.id };
    const seen = await app.platform.db.asUser(claims, async (tx) => {
      const read = await tx.query("select * from public.favourite_musicians");
      const gone = await tx.query("delete from public.favourite_gigs returning gig_id");
      const moved = await tx.query(
        "update public.favourite_gigs set created_at = now() returning gig_id",
      ).catch((e) => dbFailure(e));
      return { read: read.length, gone: gone.length, moved };
    });
    assertEquals(seen.read, 0, "Eve reads none of Carla's rows");
    assertEquals(seen.gone, 0, "Eve deletes none of Carla's rows");
    assertEquals((seen.moved as { status: number }).status, 403, "nobody updates a favourite");
    const forged = await app.platform.db.asUser(claims, (tx) =>
      tx.query(
        "insert into public.favourite_musicians (user_id, musician_id) values ($1, $2)",
        [carla.id, mira.id],
      )).catch((e) => dbFailure(e));
    assertEquals((forged as { status: number }).status, 403, "nor saves in Carla's name");
    const mine = await apiCall(app, carla, "GET", "/api/favourites", undefined, 200);
    assertEquals((mine.musicians as unknown[]).length, 1);
    assertEquals((mine.gigs as unknown[]).length, 1);
  });

  await t.step("the Save button: a form that comes back, and Saved toggles off", async () => {
    const before = await getPage(app, eve.token, `/gigs/${gigId}`);
    assert(before.text.includes('aria-pressed="false"'), "not saved yet");
    const saved = await postForm(app, eve.token, "/favourites", {
      kind: "gig",
      id: gigId,
      saved: "true",
      next: `/gigs/${gigId}`,
    });
    assertEquals(saved.status, 303);
    assertEquals(saved.location, `/gigs/${gigId}`);
    const after = await getPage(app, eve.token, `/gigs/${gigId}`);
    assert(after.text.includes('aria-pressed="true"') && after.text.includes("Saved"), "Saved");
    const list = await getPage(app, eve.token, "/favourites");
    assertEquals(list.status, 200);
    assert(list.text.includes("Open night"), "listed under Saved");
    const off = await postForm(app, eve.token, "/favourites", {
      kind: "gig",
      id: gigId,
      saved: "false",
      next: "https://evil.example/",
    });
    assertEquals(off.location, "/favourites", "only same-site paths to come back to");
    const empty = await getPage(app, eve.token, "/favourites");
    assert(empty.text.includes("No saved gigs yet"), "the empty state");
    const bad = await postForm(app, eve.token, "/favourites", {
      kind: "song",
      id: gigId,
      saved: "true",
    });
    assertEquals(bad.status, 400);
  });

  await t.step("signed out, Save leads to sign-in and back", async () => {
    const page = await getPage(app, null, `/musicians/${mira.id}`);
    assertEquals(page.status, 200);
    assert(page.text.includes(`/signin?next=/musicians/${mira.id}`), "a link to sign in and back");
    const post = await postForm(app, null, "/favourites", {
      kind: "musician",
      id: mira.id,
      saved: "true",
    });
    assertEquals(post.status, 303);
    assert(post.location?.startsWith("/signin"), `to sign in: ${post.location}`);
  });

  await t.step("a saved musician who unpublishes shows as no longer available", async () => {
    await apiCall(app, mira, "PUT", "/api/profile", {
      musician: { stage_name: "Mira Trio", instruments: "piano", published: false },
    }, 200);
    const list = await apiCall(app, carla, "GET", "/api/favourites", undefined, 200);
    assertEquals(list.musicians, [{
      id: mira.id,
      saved_at: (list.musicians as { saved_at: string }[])[0].saved_at,
      musician: null,
    }]);
    const page = await getPage(app, carla.token, "/favourites");
    assert(page.text.includes("no longer available"), "said on the page");
    // It can still be removed.
    await apiCall(app, carla, "DELETE", `/api/favourites/musicians/${mira.id}`, undefined, 204);
    const after = await apiCall(app, carla, "GET", "/api/favourites", undefined, 200);
    assertEquals(after.musicians, []);
  });
});
