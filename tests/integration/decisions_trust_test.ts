/**
 * Confirmations, undo and trust (issue 19, items 3 and 4), through the pages as a browser sends
 * them: each irreversible step's confirmation page says what will happen; a POST without
 * `confirm=yes` changes nothing (428, or the old one-click paths lead to the confirmation); with
 * it, it is done. A decline and a withdrawal can be undone (the flash carries the Undo form);
 * strangers get 404 throughout. Applicant cards, public profiles and the directory show the
 * uploaded photo, the rating with its count, bookings completed through Soundcheck and member
 * since.
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { startTestApp, type TestApp, TINY_PNG } from "../_helpers/app.ts";
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
import { gigPlayed } from "../_helpers/booking.ts";
import { readFlash } from "../../lib/web/respond.ts";

async function musician(app: TestApp, name: string): Promise<Person> {
  const p = await signUpPerson(app, name, "musician");
  await apiCall(app, p, "PUT", "/api/profile", {
    musician: {
      stage_name: `${name} Costa`,
      instruments: "piano",
      genres: "jazz",
      published: true,
    },
  }, 200);
  return p;
}

async function gig(app: TestApp, who: Person, title: string, days = 30): Promise<string> {
  const g = await apiCall(app, who, "POST", "/api/gigs?publish=true", gigBody(title, days), 201);
  return String(g.id);
}

async function applyTo(app: TestApp, who: Person, gigId: string, fee = 40000): Promise<string> {
  const a = await apiCall(app, who, "POST", `/api/gigs/${gigId}/applications`, {
    proposal: `${who.name} would love to play this one, two sets of standards.`,
    quoted_fee_minor: fee,
  }, 201);
  return String(a.id);
}

async function status(app: TestApp, applicationId: string): Promise<string> {
  const [row] = await app.platform.db.asService((tx) =>
    tx.query<{ status: string }>("select status from public.applications where id = $1", [
      applicationId,
    ])
  );
  return row.status;
}

/** The flash a 303 set, as the next page reads it. */
async function flashOf(app: TestApp, token: string, path: string, fields: Record<string, string>) {
  const res = await app.fetch(path, {
    method: "POST",
    headers: { ...browser(app, token), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: CSRF, ...fields }),
  });
  await res.body?.cancel();
  const cookie = res.headers.get("set-cookie") ?? "";
  const raw = cookie.match(/sc-flash=([^;]*)/)?.[1];
  return {
    status: res.status,
    location: res.headers.get("location"),
    flash: readFlash(raw ? decodeURIComponent(raw) : undefined),
  };
}

Deno.test({
  name: "decisions - confirmations with consequences, undo, and trust facts for hirers",
  sanitizeOps: false,
  sanitizeResources: false,
}, async (t) => {
  await using app = await startTestApp({ WORKER: "off" });
  const carla = await signUpPerson(app, "Carla", "client");
  const eve = await signUpPerson(app, "Eve", "client");
  const ana = await musician(app, "Ana");
  const ben = await musician(app, "Ben");
  const gigId = await gig(app, carla, "Friday jazz night");
  const anaApp = await applyTo(app, ana, gigId, 30000);
  const benApp = await applyTo(app, ben, gigId);
  const confirm = `/gigs/${gigId}/confirm`;

  await t.step("accept: the page says who is booked, who is told and what is paid", async () => {
    const page = await getPage(
      app,
      carla.token,
      `${confirm}?intent=accept&application_id=${anaApp}&back=applicants`,
    );
    assertEquals(page.status, 200);
    assert(/Book Ana Costa for \w+day \d+ \w+ at \d\d:\d\d at €300\?/.test(page.text), "title");
    assert(page.text.includes("The 1 other applicant is told the gig is filled"), "others");
    assert(page.text.includes("Next you pay €300 into escrow"), "the payment");
    assert(page.text.includes('name="confirm" value="yes"'), "the confirm field");
    assert(page.text.includes(`href="/gigs/${gigId}/applications"`), "Back");
    for (const who of [eve, ben]) {
      const other = await getPage(
        app,
        who.token,
        `${confirm}?intent=accept&application_id=${anaApp}`,
      );
      assertEquals(other.status, 404, `${who.name} cannot see the confirmation`);
    }
    assertEquals((await getPage(app, carla.token, `${confirm}?intent=bogus`)).status, 400);
  });

  await t.step("without confirm=yes nothing happens; old one-click posts lead here", async () => {
    const bare = await postForm(app, carla.token, confirm, {
      intent: "accept",
      application_id: anaApp,
    });
    assertEquals(bare.status, 428);
    assert(bare.text.includes("Nothing has happened yet"), "says so, and shows the step");
    assertEquals(await status(app, anaApp), "submitted");
    for (const path of [`/gigs/${gigId}`, `/gigs/${gigId}/applications`]) {
      const old = await postForm(app, carla.token, path, {
        intent: "accept",
        application_id: anaApp,
      });
      assertEquals(old.status, 303);
      assert(old.location?.startsWith(`${confirm}?intent=accept`), `${path}: ${old.location}`);
    }
    assertEquals(await status(app, anaApp), "submitted");
    const stranger = await postForm(app, eve.token, confirm, {
      intent: "accept",
      application_id: anaApp,
      confirm: "yes",
    });
    assertEquals(stranger.status, 404, "a stranger's confirmed post is a 404 too");
  });

  await t.step("decline, then undo from the flash: back where it was", async () => {
    const page = await getPage(
      app,
      carla.token,
      `${confirm}?intent=decline&application_id=${benApp}&back=applicants`,
    );
    assert(page.text.includes("Ben Costa is told their application"), "who is told");
    assert(page.text.includes("You can undo this for 15 minutes."), "the undo window");
    const done = await flashOf(app, carla.token, confirm, {
      intent: "decline",
      application_id: benApp,
      back: "applicants",
      confirm: "yes",
    });
    assertEquals([done.status, done.location], [303, `/gigs/${gigId}/applications`]);
    assertEquals(await status(app, benApp), "declined");
    assertEquals(done.flash?.undo, {
      action: `/gigs/${gigId}/undo`,
      fields: { intent: "decline", application_id: benApp, back: "applicants" },
    });
    const list = await getPage(app, carla.token, `/gigs/${gigId}/applications`);
    assert(list.text.includes('data-testid="undo-decline"'), "the card offers Undo too");
    assertEquals(
      (await postForm(app, eve.token, `/gigs/${gigId}/undo`, done.flash!.undo!.fields)).status,
      404,
      "a stranger cannot undo",
    );
    assertEquals(
      (await postForm(app, ben.token, `/gigs/${gigId}/undo`, done.flash!.undo!.fields)).status,
      403,
      "nor can the musician undo the client's decline",
    );
    const undone = await postForm(
      app,
      carla.token,
      `/gigs/${gigId}/undo`,
      done.flash!.undo!.fields,
    );
    assertEquals([undone.status, undone.location], [303, `/gigs/${gigId}/applications`]);
    assertEquals(await status(app, benApp), "submitted");
    const told = await app.platform.db.asService((tx) =>
      tx.query<{ kind: string }>(
        "select kind from public.notifications where user_id = $1 and kind in ('declined', 'decision_undone')",
        [ben.id],
      )
    );
    // Declines go out by e-mail by default: the in-app one is withdrawn, a correction follows.
    assertEquals(told.map((n) => n.kind), ["decision_undone"]);
    const again = await flashOf(app, carla.token, `/gigs/${gigId}/undo`, done.flash!.undo!.fields);
    assertEquals([again.status, again.flash?.kind], [303, "error"], "nothing left to undo");
  });

  await t.step("withdraw through its confirmation, then undo while the gig is open", async () => {
    const page = await getPage(
      app,
      ben.token,
      `${confirm}?intent=withdraw&application_id=${benApp}&back=gig`,
    );
    assertEquals(page.status, 200);
    assert(page.text.includes("The client is told at once that you withdrew your €400 quote"));
    assert(page.text.includes("You can undo this while the gig takes applications"));
    assertEquals(
      (await getPage(app, carla.token, `${confirm}?intent=withdraw&application_id=${benApp}`))
        .status,
      404,
      "the client cannot withdraw for him",
    );
    const old = await postForm(app, ben.token, `/gigs/${gigId}`, {
      intent: "withdraw",
      application_id: benApp,
    });
    assertEquals(old.status, 303);
    assertEquals(await status(app, benApp), "submitted", "one click withdraws nothing");
    const done = await flashOf(app, ben.token, confirm, {
      intent: "withdraw",
      application_id: benApp,
      back: "gig",
      confirm: "yes",
    });
    assertEquals([done.status, done.location], [303, `/gigs/${gigId}`]);
    assertEquals(await status(app, benApp), "withdrawn");
    const gigPage = await getPage(app, ben.token, `/gigs/${gigId}`);
    assert(gigPage.text.includes("Undo withdrawal"), "the gig page offers Undo");
    const mine = await getPage(app, ben.token, `/my/applications/${benApp}`);
    assert(mine.text.includes('data-testid="undo-withdraw"'), "so does My applications");
    const undone = await postForm(app, ben.token, `/gigs/${gigId}/undo`, done.flash!.undo!.fields);
    assertEquals(undone.status, 303);
    assertEquals(await status(app, benApp), "submitted");
  });

  await t.step("accept for real: one booking, the other declined for good", async () => {
    const done = await flashOf(app, carla.token, confirm, {
      intent: "accept",
      application_id: anaApp,
      back: "applicants",
      confirm: "yes",
    });
    assertEquals(done.status, 303);
    assert(/^\/bookings\/[0-9a-f-]{36}$/.test(done.location ?? ""), `${done.location}`);
    assertEquals(done.flash?.undo, undefined, "no undo for a booking");
    assertEquals([await status(app, anaApp), await status(app, benApp)], ["accepted", "declined"]);
    const list = await getPage(app, carla.token, `/gigs/${gigId}/applications`);
    assert(!list.text.includes('data-testid="undo-decline"'), "an automatic decline is final");
    const twice = await postForm(app, carla.token, confirm, {
      intent: "accept",
      application_id: benApp,
      confirm: "yes",
    });
    assertEquals(twice.status, 409, "already decided: nothing to confirm");
    assert(twice.text.includes("already declined"));

    // Cancelling the booking: who is told, and no money yet.
    const booking = done.location!;
    const ask = await getPage(app, carla.token, `${booking}?confirm=cancel`);
    assertEquals(ask.status, 200);
    assert(ask.text.includes("Ana Costa is told at once, with your reason."), "who is told");
    assert(ask.text.includes("Nothing has been paid into escrow yet"), "the money");
    const bare = await postForm(app, carla.token, booking, { intent: "cancel", reason: "Flood" });
    assertEquals(bare.status, 428);
    assert(bare.text.includes("Nothing has happened yet"));
    const noReason = await postForm(app, carla.token, booking, {
      intent: "cancel",
      reason: " ",
      confirm: "yes",
    });
    assertEquals(noReason.status, 422, "the reason is still required");
    const cancelled = await postForm(app, carla.token, booking, {
      intent: "cancel",
      reason: "The venue flooded",
      confirm: "yes",
    });
    assertEquals(cancelled.status, 303);
    const [b] = await app.platform.db.asService((tx) =>
      tx.query<{ status: string }>("select status from public.bookings where id = $1", [
        booking.split("/").pop(),
      ])
    );
    assertEquals(b.status, "cancelled");
  });

  await t.step("cancel and close a gig: how many applicants are told", async () => {
    const other = await gig(app, carla, "Sunday brunch trio");
    await applyTo(app, ana, other);
    const shortlisted = await applyTo(app, ben, other);
    await postForm(app, carla.token, `/gigs/${other}/applications`, {
      intent: "shortlist",
      application_id: shortlisted,
    });
    const ask = await getPage(app, carla.token, `/gigs/${other}/confirm?intent=cancel`);
    assert(ask.text.includes("The 2 applicants (1 shortlisted) are told"), "the count");
    assert(ask.text.includes("This cannot be undone"));
    const close = await getPage(app, carla.token, `/gigs/${other}/confirm?intent=close`);
    assert(close.text.includes("stops taking applications, without booking anyone"));
    assertEquals(
      (await getPage(app, eve.token, `/gigs/${other}/confirm?intent=cancel`)).status,
      404,
    );
    const done = await postForm(app, carla.token, `/gigs/${other}/confirm`, {
      intent: "cancel",
      back: "mygigs",
      confirm: "yes",
    });
    assertEquals([done.status, done.location], [303, "/my/gigs"]);
    assertEquals(await status(app, shortlisted), "declined");
  });

  await t.step("trust: photo, rating, gigs booked and member since", async () => {
    // Ana uploads a photo through her profile page; it is served publicly.
    const form = new FormData();
    form.set("_csrf", CSRF);
    form.set("intent", "avatar");
    form.set("avatar", new File([TINY_PNG as BlobPart], "me.png", { type: "image/png" }));
    const up = await app.fetch("/profile", {
      method: "POST",
      headers: browser(app, ana.token),
      body: form,
    });
    await up.body?.cancel();
    assertEquals(up.status, 303);
    // A played and completed booking, and ratings, as if reviews had come in.
    const played = await gig(app, carla, "Played night", 5);
    const playedApp = await applyTo(app, ana, played);
    const booked = await postForm(app, carla.token, `/gigs/${played}/confirm`, {
      intent: "accept",
      application_id: playedApp,
      confirm: "yes",
    });
    const bookingId = booked.location!.split("/").pop()!;
    await gigPlayed(app, bookingId);
    await postForm(app, carla.token, `/bookings/${bookingId}`, { intent: "complete" });
    await app.platform.db.asService((tx) =>
      tx.query(
        "update public.musician_profiles set rating_avg = 4.8, rating_count = 12 where id = $1",
        [
          ana.id,
        ],
      )
    );
    const next = await gig(app, carla, "Another night");
    await applyTo(app, ana, next);

    const profile = await getPage(app, null, `/musicians/${ana.id}`);
    assertEquals(profile.status, 200);
    const src = profile.text.match(/<img[^>]*src="([^"]+)"[^>]*data-testid="avatar-img"/)?.[1] ??
      profile.text.match(/data-testid="avatar-img"[^>]*src="([^"]+)"/)?.[1] ??
      profile.text.match(/src="([^"]*\/avatars\/[^"]+)"/)?.[1];
    assert(src, "the profile shows the uploaded photo");
    const img = await app.fetch(src!.replace(/^https?:\/\/[^/]+/, ""));
    assertEquals([img.status, img.headers.get("content-type")], [200, "image/png"]);
    await img.body?.cancel();
    for (
      const text of ["4.8 ★ from 12 reviews", "1 gig booked through Soundcheck", "Member since"]
    ) {
      assert(profile.text.includes(text), `profile: ${text}`);
    }

    const applicants = await getPage(app, carla.token, `/gigs/${next}/applications`);
    assert(applicants.text.includes('data-testid="avatar-img"'), "the applicant card's photo");
    for (
      const text of ["4.8 ★ from 12 reviews", "1 gig booked through Soundcheck", "Member since"]
    ) {
      assert(applicants.text.includes(text), `applicant card: ${text}`);
    }
    const directory = await getPage(app, null, "/musicians");
    assert(directory.text.includes("1 gig booked through Soundcheck"), "the directory card");
    // Ben has no bookings and no reviews: new, not missing.
    const benPage = await getPage(app, null, `/musicians/${ben.id}`);
    assert(benPage.text.includes("New on Soundcheck: no gigs booked yet"));
    assert(benPage.text.includes("No reviews yet"));
  });
});
