/**
 * "My gigs" for clients and the applicants page: the groups and their counts, applicant counts per
 * gig, the actions with their spelled-out confirmations, who may open /gigs/<id>/applications
 * (the owner; a stranger and the applicant get a 404), editing a draft, and every marketplace
 * notification that links to a gig, an application (list) or a booking resolves to a page (followed
 * through /notifications/<id>, final status 200).
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import {
  apiCall,
  browser,
  getPage,
  gigBody,
  type Person,
  postForm,
  signUpPerson,
} from "../_helpers/fuzz.ts";
import { inviteMusician, publishGig } from "../../lib/domains/gigs/mod.ts";
import { listMyGigs } from "../../lib/domains/gigs/my_gigs.ts";

async function musician(app: TestApp, name: string): Promise<Person> {
  const p = await signUpPerson(app, name, "musician");
  await apiCall(app, p, "PUT", "/api/profile", {
    musician: { stage_name: `${name} Band`, instruments: "piano", genres: "jazz", published: true },
  }, 200);
  return p;
}

async function gig(app: TestApp, who: Person, title: string, days: number, publish = true) {
  const g = await apiCall(
    app,
    who,
    "POST",
    `/api/gigs${publish ? "?publish=true" : ""}`,
    gigBody(title, days),
    201,
  );
  return String(g.id);
}

async function applyTo(app: TestApp, who: Person, gigId: string): Promise<string> {
  const a = await apiCall(app, who, "POST", `/api/gigs/${gigId}/applications`, {
    proposal: `${who.name} would love to play this one, two sets of standards.`,
    quoted_fee_minor: 40000,
  }, 201);
  return String(a.id);
}

const claimsOf = (p: Person) => ({ role: "authenticated" as const, sub: p.id });

Deno.test({
  name: "my gigs - groups, counts, actions, the applicants page and notification links",
  sanitizeOps: false,
  sanitizeResources: false,
}, async (t) => {
  await using app = await startTestApp({ WORKER: "off" });
  const carla = await signUpPerson(app, "Carla", "client");
  const eve = await signUpPerson(app, "Eve", "client");
  const mira = await musician(app, "Mira");
  const nico = await musician(app, "Nico");

  const draft = await gig(app, carla, "Draft brunch", 40, false);
  const open = await gig(app, carla, "Open jazz night", 30);
  const booked = await gig(app, carla, "Booked soul evening", 20);
  const doomed = await gig(app, carla, "Doomed matinee", 25);
  const left = await gig(app, carla, "Left session", 26);
  // Posted as a draft, the invitation added, then published: the invitee hears of it.
  const invited = String(
    (await apiCall(app, carla, "POST", "/api/gigs", {
      ...gigBody("Invite-only salon", 27),
      visibility: "invite_only",
    }, 201)).id,
  );
  await app.platform.db.asUser(claimsOf(carla), async (tx) => {
    await inviteMusician(tx, invited, mira.id);
    await publishGig(tx, invited);
  });

  await applyTo(app, mira, open);
  const nicoOpen = await applyTo(app, nico, open);
  await apiCall(app, carla, "POST", `/api/applications/${nicoOpen}/shortlist`, undefined, 200);
  const miraBooked = await applyTo(app, mira, booked);
  await apiCall(app, carla, "POST", `/api/applications/${miraBooked}/accept`, undefined, 201);
  await applyTo(app, nico, doomed);
  await applyTo(app, mira, doomed);
  const miraLeft = await applyTo(app, mira, left);
  await apiCall(app, mira, "POST", `/api/applications/${miraLeft}/withdraw`, undefined, 200);

  await t.step(
    "the page groups the gigs, counts applicants and spells out consequences",
    async () => {
      const page = await getPage(app, carla.token, "/my/gigs");
      assertEquals(page.status, 200);
      const counts = Object.fromEntries(
        [...page.text.matchAll(
          /data-testid="group-(\w+)"[\s\S]*?data-testid="group-count">\((\d+)\)/g,
        )]
          .map((m) => [m[1], Number(m[2])]),
      );
      assertEquals(counts, { drafts: 1, open: 4, filled: 1, past: 0 });
      assert(page.text.includes("Applicants: 1 new, 1 shortlisted"), "the open gig's counts");
      assert(
        page.text.includes("Cancelling declines the 2 applicants and tells them."),
        "the consequence of cancelling, with the number",
      );
      assert(page.text.includes(`/gigs/${draft}/edit`), "a draft can be edited");
      assert(page.text.includes(`/gigs/${open}/applications`), "an open gig links its applicants");
    },
  );

  await t.step("cancelling from My gigs declines and tells the applicants", async () => {
    const unconfirmed = await postForm(app, carla.token, "/my/gigs", {
      intent: "cancel",
      gig_id: doomed,
    });
    assertEquals(unconfirmed.status, 428, "not without its confirmation");
    const res = await postForm(app, carla.token, "/my/gigs", {
      intent: "cancel",
      gig_id: doomed,
      confirm: "yes",
    });
    assertEquals(res.status, 303);
    assertEquals(res.location, "/my/gigs");
    const mine = await app.platform.db.asUser(claimsOf(carla), (tx) => listMyGigs(tx));
    assertEquals(mine.counts, { drafts: 1, open: 3, filled: 1, past: 1 });
    assertEquals(mine.groups.past.map((g) => g.title), ["Doomed matinee"]);
    assertEquals(mine.groups.filled[0].booking_id !== null, true, "the filled gig's booking");
    const open0 = mine.groups.open.find((g) => g.id === open)!;
    assertEquals([open0.submitted, open0.shortlisted], [1, 1]);
    const told = await app.platform.db.asService((tx) =>
      tx.query<{ n: number }>(
        "select count(*)::int as n from public.notifications where kind = 'declined' and link = $1",
        [`/gigs/${doomed}`],
      )
    );
    assertEquals(told[0].n, 2, "both applicants are told");
    const again = await postForm(app, carla.token, "/my/gigs", {
      intent: "cancel",
      gig_id: doomed,
      confirm: "yes",
    });
    assertEquals(again.status, 409, "a cancelled gig cannot be cancelled again");
    const other = await postForm(app, eve.token, "/my/gigs", {
      intent: "close",
      gig_id: open,
      confirm: "yes",
    });
    assertEquals(other.status, 403, "nor can a stranger close Carla's (public) gig");
    const musicianPage = await getPage(app, mira.token, "/my/gigs");
    assertEquals(musicianPage.status, 403, "My gigs is for clients");
  });

  await t.step("the applicants page: the owner only", async () => {
    const own = await getPage(app, carla.token, `/gigs/${open}/applications`);
    assertEquals(own.status, 200);
    assert(own.text.includes("Mira Band") && own.text.includes("Nico Band"), "both applicants");
    assertEquals((await getPage(app, eve.token, `/gigs/${open}/applications`)).status, 404);
    assertEquals((await getPage(app, mira.token, `/gigs/${open}/applications`)).status, 404);
    const anon = await app.fetch(`/gigs/${open}/applications`, { headers: browser(app, null) });
    assertEquals(anon.status, 303);
    assert(anon.headers.get("location")?.startsWith("/signin?next="), "signed out: sign in");
    await anon.body?.cancel();
    const stranger = await postForm(app, eve.token, `/gigs/${open}/applications`, {
      intent: "shortlist",
      application_id: nicoOpen,
    });
    assertEquals(stranger.status, 404, "a stranger's action is a 404 too");
    const asked = await postForm(app, carla.token, `/gigs/${open}/applications`, {
      intent: "decline",
      application_id: nicoOpen,
    });
    assertEquals(asked.status, 303, "a decline goes through its confirmation page");
    assertEquals(
      asked.location,
      `/gigs/${open}/confirm?intent=decline&application_id=${nicoOpen}&back=applicants`,
    );
    const declined = await postForm(app, carla.token, `/gigs/${open}/confirm`, {
      intent: "decline",
      application_id: nicoOpen,
      back: "applicants",
      confirm: "yes",
    });
    assertEquals(declined.status, 303);
    assertEquals(declined.location, `/gigs/${open}/applications`);
  });

  await t.step("editing a draft", async () => {
    const form = await getPage(app, carla.token, `/gigs/${draft}/edit`);
    assertEquals(form.status, 200);
    assert(form.text.includes('value="Draft brunch"'), "the form holds the draft");
    assertEquals((await getPage(app, eve.token, `/gigs/${draft}/edit`)).status, 404);
    const published = await app.fetch(`/gigs/${open}/edit`, { headers: browser(app, carla.token) });
    assertEquals(published.status, 303, "a published gig goes back to its page");
    await published.body?.cancel();
    const saved = await postForm(app, carla.token, `/gigs/${draft}/edit`, {
      ...Object.fromEntries(
        Object.entries(gigBody("Draft brunch, renamed", 40)).map(([k, v]) => [k, String(v)]),
      ),
      starts_at: "2030-06-01T20:00",
      timezone: "Europe/Lisbon",
      budget_min: "300",
      budget_max: "500",
      intent: "save",
    });
    assertEquals(saved.status, 303, saved.text.slice(0, 300));
    const g = await apiCall(app, carla, "GET", `/api/gigs/${draft}`, undefined, 200);
    assertEquals(g.title, "Draft brunch, renamed");
    assertEquals(g.budget_max_minor, 50000);
    assertEquals(g.status, "draft");
  });

  await t.step("every marketplace notification linking to a gig resolves to a page", async () => {
    const rows = await app.platform.db.asService((tx) =>
      tx.query<{ id: string; user_id: string; kind: string; link: string }>(
        `select id, user_id, kind, link from public.notifications
          where link ~ '^/(gigs|bookings|my)/' order by created_at`,
      )
    );
    const people = new Map([carla, eve, mira, nico].map((p) => [p.id, p]));
    const kinds = new Set<string>();
    for (const n of rows) {
      const who = people.get(n.user_id)!;
      const res = await app.fetch(`/notifications/${n.id}`, { headers: browser(app, who.token) });
      await res.body?.cancel();
      assertEquals(res.status, 303, `${n.kind}: ${n.link}`);
      assertEquals(res.headers.get("location"), n.link);
      const target = await getPage(app, who.token, n.link);
      assertEquals(target.status, 200, `${n.kind} → ${n.link} as ${who.name}`);
      kinds.add(n.kind);
    }
    for (const k of ["application", "withdrawn", "shortlisted", "declined", "accepted", "invite"]) {
      assert(kinds.has(k), `a ${k} notification was followed (got ${[...kinds].join(", ")})`);
    }
  });
});
