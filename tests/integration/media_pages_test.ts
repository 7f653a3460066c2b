/**
 * Portfolio pages without JavaScript: /profile/media uploads (multipart form), captions, moves and
 * deletes (after a confirmation) with 303s and flashes, shows a refused file's reason beside the
 * field; the public profile shows photos, the shared player and video; the apply form attaches
 * media and the client's applicant card shows the photo and the track.
 */
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import {
  apiCall,
  browser,
  CSRF,
  getPage,
  gigBody,
  type Person,
  postForm,
  signUpPerson,
} from "../_helpers/fuzz.ts";
import { mp4Bytes } from "../fixtures/media/video.ts";
import { mediaFixture, mediaForm, musicianWithProfile, toneWav } from "../_helpers/media.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

/** The upload form posted as the browser would (multipart, CSRF field and cookie). */
async function upload(app: TestApp, who: Person, bytes: Uint8Array, name: string, caption = "") {
  const form = mediaForm(bytes, name, { _csrf: CSRF, caption, intent: "upload" });
  const { cookie, origin } = browser(app, who.token);
  const res = await app.fetch("/profile/media", {
    method: "POST",
    headers: { cookie, origin },
    body: form,
  });
  return { status: res.status, location: res.headers.get("location"), text: await res.text() };
}

const itemIds = async (app: TestApp, who: Person) =>
  (await (await app.fetch(`/api/media?owner=${who.id}`)).json()).items.map((m: { id: string }) =>
    m.id
  );

Deno.test(
  { name: "media pages - the portfolio page works without JavaScript", ...opts },
  async () => {
    await using app = await startTestApp({ WORKER: "off" });
    const maya = await musicianWithProfile(app, "Maya");
    const profile = await getPage(app, maya.token, "/profile/musician");
    assertMatch(profile.text, /href="\/profile\/media"/);
    const empty = await getPage(app, maya.token, "/profile/media");
    assertEquals(empty.status, 200);
    assertMatch(empty.text, /No photos or tracks yet/);
    assertMatch(empty.text, /Hirers book musicians they can see and hear/);
    assertMatch(empty.text, /enctype="multipart\/form-data"/);
    assertMatch(empty.text, /<label for="f-file"/);

    const ok = await upload(app, maya, mediaFixture("tiny.png"), "stage.png", "On stage");
    assertEquals([ok.status, ok.location], [303, "/profile/media"], ok.text.slice(0, 300));
    assertEquals((await upload(app, maya, toneWav(), "take.wav")).status, 303);
    assertEquals((await upload(app, maya, mp4Bytes(), "live.mp4", "Live")).status, 303);

    // A PNG renamed .mp3: the reason beside the file field, nothing stored.
    const wrong = await upload(app, maya, mediaFixture("tiny.png"), "song.mp3", "Keep me");
    assertEquals(wrong.status, 415);
    assertMatch(wrong.text, /id="f-file-error"[^>]*>This file is a PNG image, not audio/);
    assertMatch(wrong.text, /value="Keep me"/);
    const ids = await itemIds(app, maya);
    assertEquals(ids.length, 3);

    const page = await getPage(app, maya.token, "/profile/media");
    assertEquals(page.text.match(/data-testid="media-item"/g)?.length, 3);
    assertMatch(page.text, /Yes, delete it/);

    const caption = await postForm(app, maya.token, "/profile/media", {
      intent: "caption",
      id: ids[1],
      caption: "Blue in Green, live",
    });
    assertEquals([caption.status, caption.location], [303, "/profile/media"]);
    const long = await postForm(app, maya.token, "/profile/media", {
      intent: "caption",
      id: ids[1],
      caption: "x".repeat(501),
    });
    assertEquals(long.status, 400);
    assertMatch(long.text, new RegExp(`id="caption-${ids[1]}-error"`));
    const move = await postForm(app, maya.token, "/profile/media", {
      intent: "move",
      id: ids[2],
      position: "1",
    });
    assertEquals(move.status, 303);
    assertEquals(await itemIds(app, maya), [ids[2], ids[0], ids[1]]);
    const other = await postForm(app, maya.token, "/profile/media", {
      intent: "delete",
      id: crypto.randomUUID(),
      confirm: "yes",
    });
    assertEquals(other.status, 404);
    const unconfirmed = await postForm(app, maya.token, "/profile/media", {
      intent: "delete",
      id: ids[0],
    });
    assertEquals(unconfirmed.status, 428, "deleting needs its confirmation");
    assertEquals((await itemIds(app, maya)).length, 3);
    const del = await postForm(app, maya.token, "/profile/media", {
      intent: "delete",
      id: ids[0],
      confirm: "yes",
    });
    assertEquals(del.status, 303);
    assertEquals(await itemIds(app, maya), [ids[2], ids[1]]);

    // A musician without a musician profile is sent to make one first.
    const bare = await signUpPerson(app, "Lee", "musician");
    const none = await getPage(app, bare.token, "/profile/media");
    assertMatch(none.text, /Create your musician profile first/);
    const refused = await upload(app, bare, mediaFixture("tiny.png"), "a.png");
    assertEquals(refused.status, 403);
  },
);

Deno.test({
  name: "media pages - the public profile, the apply form and the applicant card",
  ...opts,
}, async () => {
  await using app = await startTestApp({ WORKER: "off" });
  const maya = await musicianWithProfile(app, "Maya");
  const client = await signUpPerson(app, "Bruno", "client");
  const form = (b: Uint8Array, n: string, caption: string) => mediaForm(b, n, { caption });
  const photo = await apiCall(
    app,
    maya,
    "POST",
    "/api/media",
    form(mediaFixture("tiny.png"), "a.png", "Trio on stage"),
    201,
  );
  const track = await apiCall(
    app,
    maya,
    "POST",
    "/api/media",
    form(toneWav(), "t.wav", "Blue in Green"),
    201,
  );
  await apiCall(app, maya, "POST", "/api/media", form(mp4Bytes(), "v.mp4", "Live clip"), 201);

  const pub = await getPage(app, null, `/musicians/${maya.id}`);
  assertEquals(pub.status, 200);
  assertMatch(pub.text, new RegExp(`<img[^>]+src="${String(photo.url)}"[^>]+alt="Trio on stage"`));
  assertMatch(pub.text, /data-testid="player"/);
  assertMatch(pub.text, /<video[^>]*controls[^>]*preload="metadata"/);
  assertMatch(pub.text, /Live clip/);

  const gig = await apiCall(
    app,
    client,
    "POST",
    "/api/gigs?publish=true",
    gigBody("Jazz night", 30),
    201,
  );
  const applyPage = await getPage(app, maya.token, `/gigs/${gig.id}`);
  assertMatch(applyPage.text, /data-testid="attach-media"/);
  assertMatch(applyPage.text, new RegExp(`name="media_ids" value="${track.id}"`));
  const res = await app.fetch(`/gigs/${gig.id}`, {
    method: "POST",
    headers: { ...browser(app, maya.token), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams([
      ["_csrf", CSRF],
      ["intent", "apply"],
      ["proposal", "Three sets of standards with my trio, happy to adapt."],
      ["fee", "400"],
      ["media_ids", String(track.id)],
    ]),
  });
  await res.body?.cancel();
  assertEquals(res.status, 303);
  const mine = await getPage(app, maya.token, `/gigs/${gig.id}`);
  assertMatch(mine.text, /Sent with your application/);

  const owner = await getPage(app, client.token, `/gigs/${gig.id}`);
  const card = owner.text.slice(owner.text.indexOf('data-testid="applicant"'));
  assert(card.includes('data-testid="applicant-media"'), "the card shows media");
  assertMatch(card, new RegExp(`src="${String(photo.url)}"`)); // the portfolio's first photo
  assertMatch(card, /data-testid="player"/); // the attached track in the shared player
});
