/**
 * The auto-apply pages end to end on the embedded app: draft a template with the (offline) AI,
 * save, approve, switch on; a client publishes a matching gig; the worker applies; the
 * notification leads to the application, which the musician withdraws with one click; "My
 * applications" counts it and marks it auto-applied; the audit trail shows it all. Also the
 * clients' auto-shortlist page, the JSON API's refusals, and a stranger's 404.
 */
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { drainJobs, startTestApp, type TestApp } from "../_helpers/app.ts";
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

async function musician(app: TestApp, name: string): Promise<Person> {
  const p = await signUpPerson(app, name, "musician");
  await apiCall(app, p, "PUT", "/api/profile", {
    musician: {
      stage_name: `${name} Trio`,
      instruments: "piano",
      genres: "jazz",
      city: "Lisbon",
      country: "PT",
      lat: 38.72,
      lng: -9.14,
      published: true,
    },
  }, 200);
  return p;
}

const unescape = (html: string) => html.replaceAll("&#123;", "{").replaceAll("&#125;", "}");

Deno.test({
  name: "auto-apply pages - opt in, get applied, withdraw in one click, see it all",
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  await using app = await startTestApp({ WORKER: "off" });
  const mira = await musician(app, "Mira");
  const eve = await musician(app, "Eve");
  const carla = await signUpPerson(app, "Carla", "client");
  const P = "/settings/auto-apply";
  const days = ["1", "2", "3", "4", "5", "6", "7"];
  const form = (fields: Record<string, string>) =>
    new URLSearchParams([...Object.entries(fields), ...days.map((d) => ["weekdays", d])]);

  const first = await getPage(app, mira.token, P);
  assertEquals(first.status, 200);
  assert(first.text.includes("Auto-apply is off."));

  const drafted = await postForm(app, mira.token, P, { intent: "draft", daily_cap: "5" });
  assertEquals(drafted.status, 200);
  assert(unescape(drafted.text).includes("{gig_title}"), "the AI draft has placeholders");

  const template = "Hello, {stage_name} here: I'd love to play {gig_title} on {date} for {fee}.";
  const bad = await postForm(app, mira.token, P, { intent: "save", template, daily_cap: "25" });
  assertEquals(bad.status, 422);
  assert(bad.text.includes("At most 20 a day"), "the error beside the field");
  // Weekdays are checkboxes: the same name repeated.
  const saved = await app.fetch(P, {
    method: "POST",
    headers: {
      ...browser(app, mira.token),
      "content-type": "application/x-www-form-urlencoded",
    },
    body: form({ _csrf: CSRF, intent: "save", template, daily_cap: "3" }),
  });
  assertEquals(saved.status, 303);
  const early = await postForm(app, mira.token, P, { intent: "enable" });
  assertEquals(early.status, 422);
  assert(early.text.includes("Approve your proposal template first"));
  assertEquals((await postForm(app, mira.token, P, { intent: "approve", template })).status, 303);
  assertEquals((await postForm(app, mira.token, P, { intent: "enable" })).status, 303);
  assert((await getPage(app, mira.token, P)).text.includes("Auto-apply is on."));

  await apiCall(app, carla, "POST", "/api/gigs?publish=true", gigBody("Courtyard jazz", 12), 201);
  await drainJobs(app);

  const mine = await apiCall(app, mira, "GET", "/api/my/applications", undefined, 200) as {
    counts: Record<string, number>;
    applications: {
      id: string;
      gig_id: string;
      auto: boolean;
      proposal: string;
      quoted_fee_minor: number;
    }[];
  };
  assertEquals(mine.counts.submitted, 1);
  const [a] = mine.applications;
  assertEquals(a.auto, true);
  assertMatch(
    a.proposal,
    /^Hello, Mira Trio here: I'd love to play Courtyard jazz on \w+day \d+ \w+ for €300\.$/,
  );
  const note = await app.platform.db.asService((tx) =>
    tx.query<{ link: string }>(
      "select link from public.notifications where user_id = $1 and kind = 'auto_applied'",
      [mira.id],
    )
  );
  assertEquals(note.map((n) => n.link), [`/my/applications/${a.id}`]);

  const detail = await getPage(app, mira.token, `/my/applications/${a.id}`);
  assertEquals(detail.status, 200);
  assert(detail.text.includes("Withdraw") && detail.text.includes("the client is told at once"));
  assertEquals((await getPage(app, eve.token, `/my/applications/${a.id}`)).status, 404);
  // Withdraw leads to its confirmation page; only confirming there withdraws.
  const asked = await postForm(app, mira.token, `/my/applications/${a.id}`, { intent: "withdraw" });
  const confirmPage = `/gigs/${a.gig_id}/confirm`;
  assertEquals(
    [asked.status, asked.location],
    [303, `${confirmPage}?intent=withdraw&application_id=${a.id}&back=mine`],
  );
  const gone = await postForm(app, mira.token, confirmPage, {
    intent: "withdraw",
    application_id: a.id,
    back: "mine",
    confirm: "yes",
  });
  assertEquals([gone.status, gone.location], [303, `/my/applications/${a.id}`]);
  const after = await getPage(app, mira.token, "/my/applications?status=withdrawn");
  assert(after.text.includes("Auto-applied") && after.text.includes("Courtyard jazz"));
  assertMatch(after.text, /Withdrawn <span class="font-semibold">1<\/span>/);
  const trail = await getPage(app, mira.token, P);
  assert(trail.text.includes("Application withdrawn by you"), "the audit trail on the page");
  assert(trail.text.includes("Applied to “Courtyard jazz”"));

  // The JSON API names the field; another person's trail stays theirs.
  const res = await app.fetch("/api/auto-apply", {
    method: "PUT",
    headers: { authorization: `Bearer ${mira.token}`, "content-type": "application/json" },
    body: JSON.stringify({ template, daily_cap: 0 }),
  });
  assertEquals(res.status, 400);
  assertEquals((await res.json()).error.field, "daily_cap");
  const eveView = await apiCall(app, eve, "GET", "/api/auto-apply", undefined, 200);
  assertEquals([eveView.settings, (eveView.audit as unknown[]).length], [null, 0]);
});

Deno.test({
  name: "auto-shortlist page - clients only, rules checked, saved and audited",
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  await using app = await startTestApp({ WORKER: "off" });
  const carla = await signUpPerson(app, "Carla", "client");
  const mira = await musician(app, "Mira");
  const P = "/settings/auto-shortlist";
  assertEquals((await getPage(app, mira.token, P)).status, 403);
  assertEquals((await getPage(app, carla.token, P)).status, 200);
  const bad = await postForm(app, carla.token, P, {
    enabled: "on",
    min_rating: "9",
    daily_cap: "2",
  });
  assertEquals(bad.status, 422);
  assert(bad.text.includes("To 5"));
  const ok = await postForm(app, carla.token, P, {
    enabled: "on",
    within_budget: "on",
    genres: "Jazz, soul",
    daily_cap: "2",
  });
  assertEquals(ok.status, 303);
  const view = await apiCall(app, carla, "GET", "/api/auto-shortlist", undefined, 200) as {
    settings: { enabled: boolean; genres: string[] };
    audit: { action: string }[];
  };
  assertEquals([view.settings.enabled, view.settings.genres], [true, ["jazz", "soul"]]);
  assertEquals(view.audit.map((e) => e.action), ["enabled", "settings_changed"]);

  const gig = await apiCall(
    app,
    carla,
    "POST",
    "/api/gigs?publish=true",
    gigBody("Soul night", 9),
    201,
  );
  await apiCall(app, mira, "POST", `/api/gigs/${gig.id}/applications`, {
    proposal: "Mira Trio would love to play this, two sets of soul standards.",
    quoted_fee_minor: 40000,
  }, 201);
  await drainJobs(app);
  const page = await getPage(app, carla.token, P);
  assert(page.text.includes("Shortlisted Mira Trio for “Soul night”"), "audited on the page");
});
