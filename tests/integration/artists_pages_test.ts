/**
 * The virtual artists' pages over HTTP, as a browser without JavaScript uses them: a brief
 * refused beside its field (kept), then an artist; every page 200 for its owner, 200 without the
 * owner's controls for a member, 404 for anyone else; the art served privately and cached; the
 * calendar planned and a release made into a studio song; malformed posts refused in words;
 * edit (and its conflict), restore, leave and delete. Figures, charts and plans:
 * artists_figures_pages_test.ts.
 */
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { startTestApp } from "../_helpers/app.ts";
import { browser, FUZZ_ENV, signUpPerson } from "../_helpers/fuzz.ts";
import { BRIEF, get, post } from "../_helpers/artist_pages.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

/** What only the owner sees, by page. */
const OWNER_ONLY: Record<string, string[]> = {
  "": ["Edit the persona", "Yes, delete"],
  "/calendar": ["Plan the calendar"],
  "/metrics": ["Import the figures", "Save the track"],
  "/trends": ["Import the charts"],
  "/plans": ["Analyse now"],
  "/members": ["Invite to read"],
  "/versions": ["Edit the persona"],
};

Deno.test({ name: "artists pages - owner, member, stranger, forms", ...opts }, async (t) => {
  await using app = await startTestApp(FUZZ_ENV);
  const ana = await signUpPerson(app, "Ana", "musician");
  const bob = await signUpPerson(app, "Bob", "client");
  const eve = await signUpPerson(app, "Eve", "client");

  let id = "";
  await t.step("the list, a refused brief kept, then a new artist", async () => {
    const empty = await get(app, ana, "/artists");
    assertEquals(empty.status, 200);
    assert(empty.text.includes("No artists yet") && empty.text.includes("virtual artist is"));
    assertMatch(empty.text, /<title>Virtual artists · Soundcheck<\/title>/);
    const blank = await post(app, ana, "/artists", { ...BRIEF, genre: " " });
    assertEquals(blank.status, 422);
    assert(blank.text.includes("Genre: write one"), "the field's error in words");
    const copy = await post(app, ana, "/artists", {
      ...BRIEF,
      notes: "An AI version of Taylor Swift",
    });
    assertEquals(copy.status, 422);
    assert(copy.text.includes("is a real artist"), "the guardrail's reason");
    assert(copy.text.includes('id="f-notes-error"'), "shown beside the notes");
    assert(copy.text.includes('value="students who run in the evening"'), "the brief is kept");
    const made = await post(app, ana, "/artists", BRIEF);
    assertEquals(made.status, 303, made.text.slice(0, 3000));
    id = made.location!.match(/^\/artists\/([0-9a-f-]{36})$/)![1];
    assertMatch(made.flash ?? "", /^Meet .+: this is version 1/);
    const list = await get(app, ana, "/artists");
    assert(list.text.includes('data-testid="artist-item"'));
  });

  await t.step("the art: private, cached for good, 404 for strangers and other kinds", async () => {
    const avatar = await app.fetch(`/artists/${id}/art/avatar`, {
      headers: browser(app, ana.token),
    });
    assertEquals(avatar.status, 200);
    assertEquals(avatar.headers.get("content-type"), "image/svg+xml");
    assertEquals(avatar.headers.get("cache-control"), "private, max-age=31536000, immutable");
    assert((await avatar.text()).includes("<svg"));
    assertEquals((await get(app, ana, `/artists/${id}/art/cover`)).status, 200);
    assertEquals((await get(app, ana, `/artists/${id}/art/banner`)).status, 404);
    assertEquals((await get(app, eve, `/artists/${id}/art/avatar`)).status, 404);
  });

  await t.step("members: a wrong address named, then Bob invited", async () => {
    const bad = await post(app, ana, `/artists/${id}/members`, {
      intent: "invite",
      email: "nobody-here@example.com",
    });
    assertEquals(bad.status, 422);
    assert(bad.text.includes("f-email-error"));
    const ok = await post(app, ana, `/artists/${id}/members`, {
      intent: "invite",
      email: bob.email,
    });
    assertEquals([ok.status, ok.location], [303, `/artists/${id}/members`]);
  });

  await t.step("every page: owner 200, member 200 without controls, stranger 404", async () => {
    for (const [path, controls] of Object.entries(OWNER_ONLY)) {
      const url = `/artists/${id}${path}`;
      const own = await get(app, ana, url);
      assertEquals(own.status, 200, `owner ${url}`);
      assertEquals(own.text.split("<h1").length - 1, 1, `one h1 on ${url}`);
      for (const c of controls) assert(own.text.includes(c), `owner sees "${c}" on ${url}`);
      const member = await get(app, bob, url);
      assertEquals(member.status, 200, `member ${url}`);
      assert(member.text.includes('data-testid="invited-badge"'), `invited on ${url}`);
      for (const c of controls) assert(!member.text.includes(c), `member: no "${c}" on ${url}`);
      assertEquals((await get(app, eve, url)).status, 404, `stranger ${url}`);
    }
    assertEquals((await get(app, bob, `/artists/${id}/edit`)).status, 403);
    assertEquals((await get(app, eve, `/artists/${id}/edit`)).status, 404);
    assertEquals((await get(app, ana, "/artists/not-an-id/calendar")).status, 404);
    const listed = await get(app, bob, "/artists");
    assert(listed.text.includes('data-testid="invited-badge"'), "the member's list marks it");
  });

  await t.step("calendar: planned, a release made into a studio song", async () => {
    const bad = await post(app, ana, `/artists/${id}/calendar`, {
      intent: "plan",
      start: "soon",
      weeks: "4",
    });
    assertEquals(bad.status, 422);
    assert(bad.text.includes("From: a date such as"));
    const planned = await post(app, ana, `/artists/${id}/calendar`, {
      intent: "plan",
      start: "2027-01-04",
      weeks: "4",
    });
    assertEquals(planned.status, 303);
    assertMatch(planned.flash ?? "", /^Planned 4 weeks: the calendar now holds \d+ release/);
    const page = await get(app, ana, `/artists/${id}/calendar`);
    assert(page.text.includes("Week of Mon, 4 January 2027"));
    assert(page.text.includes("/calendar/ics"));
    const entry = page.text.match(/name="entry" value="([0-9a-f-]{36})"/)![1];
    const song = await post(app, ana, `/artists/${id}/calendar`, { intent: "song", entry });
    assertEquals(song.status, 303);
    assertMatch(song.location ?? "", /^\/studio\/songs\/[0-9a-f-]{36}$/);
    const after = await get(app, ana, `/artists/${id}/calendar`);
    assert(after.text.includes(song.location!), "the release links to its song");
    const again = await post(app, ana, `/artists/${id}/calendar`, { intent: "song", entry });
    assertEquals(again.status, 303);
    assertEquals(again.flash, "This release has a song already");
  });

  await t.step("malformed posts and queries: refused in words, never a 5xx", async () => {
    const base = `/artists/${id}`;
    const probes: [string, Record<string, string>, number][] = [
      [base, { intent: "nonsense" }, 400],
      [`${base}/versions`, { intent: "restore", version: "abc" }, 400],
      [`${base}/versions`, { intent: "restore", version: "999" }, 303],
      [`${base}/calendar`, { intent: "song", entry: "not-an-id" }, 404],
      [`${base}/calendar`, { intent: "plan", start: "2027-01-04", weeks: "99" }, 422],
      [`${base}/metrics`, { intent: "import", kind: "metrics" }, 415],
      [`${base}/metrics`, { intent: "track", title: "" }, 422],
      [`${base}/plans`, { intent: "later" }, 400],
      [`${base}/plans/${crypto.randomUUID()}`, {
        intent: "decide",
        item: crypto.randomUUID(),
        decision: "approved",
      }, 404],
      [`${base}/members`, { intent: "invite", email: "not an address" }, 422],
      [`${base}/members`, { intent: "remove", user: "1" }, 404],
      [`${base}/edit`, { version: "x" }, 400],
    ];
    for (const [path, fields, status] of probes) {
      const got = await post(app, ana, path, fields);
      assertEquals(got.status, status, `${path} ${JSON.stringify(fields)}`);
    }
    for (const q of ["?track=nope", "?country=G%20B", "?country=ZZ", "?import=nope"]) {
      assertEquals((await get(app, ana, `${base}/metrics${q}`)).status, 200, q);
    }
    assertEquals((await get(app, ana, `${base}/plans/not-a-plan`)).status, 404);
  });

  await t.step("edit (and a conflict), restore, leave, delete", async () => {
    const form = await get(app, ana, `/artists/${id}/edit`);
    const version = Number(form.text.match(/name="version" value="(\d+)"/)![1]);
    const fields: Record<string, string> = {};
    for (const m of form.text.matchAll(/<input[^>]*name="(\w+)"[^>]*value="([^"]*)"/g)) {
      fields[m[1]] = m[2].replaceAll("&amp;", "&").replaceAll("&quot;", '"');
    }
    for (const m of form.text.matchAll(/<textarea[^>]*name="(\w+)"[^>]*>([^<]*)<\/textarea>/g)) {
      fields[m[1]] = m[2].replaceAll("&amp;", "&").replaceAll("&quot;", '"');
    }
    fields.market = "GB";
    delete fields._csrf;
    const bad = await post(app, ana, `/artists/${id}/edit`, { ...fields, tempo_min: "fast" });
    assertEquals(bad.status, 422);
    assert(bad.text.includes("Slowest tempo: a whole number"));
    const saved = await post(app, ana, `/artists/${id}/edit`, { ...fields, moods: "bright\ncalm" });
    assertEquals(saved.status, 303);
    assertEquals(saved.flash, `Saved as version ${version + 1}.`);
    const stale = await post(app, ana, `/artists/${id}/edit`, { ...fields, moods: "dark" });
    assertEquals(stale.status, 409);
    assert(stale.text.includes("Someone changed the persona meanwhile"));
    assert(stale.text.includes(`name="version" value="${version + 1}"`), "saves against now");

    const member = await post(app, bob, `/artists/${id}/versions`, {
      intent: "restore",
      version: "1",
    });
    assertEquals(member.flash, "Only the artist's owner can change it");
    const restored = await post(app, ana, `/artists/${id}/versions`, {
      intent: "restore",
      version: "1",
    });
    assertEquals(restored.flash, `Version 1 is back, as version ${version + 2}.`);

    // Leaving (and removing) says what follows first: a post without its confirm=yes is a
    // 428 and bob still reads the artist.
    const members = await get(app, bob, `/artists/${id}/members`);
    assertMatch(members.text, /data-testid="member-remove"[\s\S]*Only its owner can invite you/);
    const ownerView = await get(app, ana, `/artists/${id}/members`);
    assertMatch(ownerView.text, /They are not told\. You can invite them again/);
    for (const [who, name] of [[bob, "bob"], [ana, "ana"]] as const) {
      const bare = await post(app, who, `/artists/${id}/members`, {
        intent: "remove",
        user: bob.id,
      });
      assertEquals(bare.status, 428, `${name}: removing needs its confirmation`);
      assertMatch(bare.text, /Nothing changed/);
    }
    assertEquals((await get(app, bob, `/artists/${id}`)).status, 200, "bob still reads it");
    const left = await post(app, bob, `/artists/${id}/members`, {
      intent: "remove",
      user: bob.id,
      confirm: "yes",
    });
    assertEquals([left.status, left.location], [303, "/artists"]);
    assertEquals((await get(app, bob, `/artists/${id}`)).status, 404);
    const bare = await post(app, ana, `/artists/${id}`, { intent: "delete" });
    assertEquals(bare.status, 428, "deleting needs its confirmation");
    const gone = await post(app, ana, `/artists/${id}`, { intent: "delete", confirm: "yes" });
    assertEquals([gone.status, gone.location], [303, "/artists"]);
    assertMatch(gone.flash ?? "", /was deleted\. Songs made for it stay in your studio\.$/);
    assertEquals((await get(app, ana, `/artists/${id}`)).status, 404);
  });
});
