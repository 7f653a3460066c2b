/**
 * The gig scout's people and pages: CSV uploads (errors by line, nothing written when no row is
 * read, other kinds refuse uploads); who sees what (a musician's sources and their gigs are
 * theirs alone, an admin's are everyone's, a client keeps no sources); the /scout pages' forms;
 * Eventbrite without a token says what to set.
 */
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import {
  adminPerson,
  apiCall,
  FUZZ_ENV,
  getPage,
  type Person,
  postForm,
  signUpPerson,
} from "../_helpers/fuzz.ts";
import { sampleFeeds } from "../_helpers/feeds.ts";
import type { SourceView } from "../../lib/domains/scout/sources.ts";
import type { ExternalGigView } from "../../lib/domains/scout/external.ts";
import { readSource } from "../../lib/domains/scout/source_job.ts";
import { createFeedFetcher } from "../../lib/ports/feeds/mod.ts";
import type { AiPort } from "../../lib/ports/ai/mod.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

function csvForm(text: string): FormData {
  const form = new FormData();
  form.set("file", new File([text], "gigs.csv", { type: "text/csv" }));
  return form;
}

async function csvSource(app: TestApp, who: Person, name: string): Promise<SourceView> {
  const { source } = await apiCall(app, who, "POST", "/api/scout/sources", {
    kind: "csv",
    name,
  }, 201);
  return source as SourceView;
}

async function gigsAs(app: TestApp, token: string | null, q = ""): Promise<ExternalGigView[]> {
  const res = await app.fetch(`/api/scout/external-gigs?limit=50${q}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  assertEquals(res.status, 200);
  return ((await res.json()) as { gigs: ExternalGigView[] }).gigs;
}

Deno.test(
  "scout - CSV uploads, privacy between musicians, public admin sources, pages",
  opts,
  async () => {
    const feeds = sampleFeeds(new Date());
    await using app = await startTestApp({ ...FUZZ_ENV });
    const mira = await signUpPerson(app, "Mira", "musician");
    const tom = await signUpPerson(app, "Tom", "musician");
    const cleo = await signUpPerson(app, "Cleo", "client");
    const admin = await adminPerson(app, "Ada");

    // Mira's own list: two rows read, the dateless one named by line.
    const mine = await csvSource(app, mira, "My contacts' gigs");
    assertEquals([mine.is_public, mine.health, mine.next_run_at], [false, "new", null]);
    const up = await apiCall(
      app,
      mira,
      "POST",
      `/api/scout/sources/${mine.id}/upload`,
      csvForm(feeds.csv),
      200,
    ) as {
      run: { items: number; new_items: number };
      errors: { item: string; message: string }[];
    };
    assertEquals([up.run.items, up.run.new_items], [2, 2]);
    assertEquals(up.errors, [{ item: "line 4", message: "it has no date" }]);
    const again = await apiCall(
      app,
      mira,
      "POST",
      `/api/scout/sources/${mine.id}/upload`,
      csvForm(feeds.csv),
      200,
    ) as {
      run: { new_items: number; updated_items: number };
    };
    assertEquals(
      [again.run.new_items, again.run.updated_items],
      [0, 0],
      "the same file again changes nothing",
    );

    const before = (await gigsAs(app, mira.token)).length;
    const refused = await apiCall(
      app,
      mira,
      "POST",
      `/api/scout/sources/${mine.id}/upload`,
      csvForm("title,date\nNo date here,\n"),
      422,
    ) as { error: { issues: { message: string }[] } };
    assertMatch(refused.error.issues[0].message, /^line 2: /);
    assertEquals((await gigsAs(app, mira.token)).length, before, "a refused file writes nothing");

    // Times written without a zone are the source's local time: 20:00 in Kolkata (UTC+5:30, no
    // daylight saving) is 14:30 UTC.
    await apiCall(app, mira, "POST", "/api/scout/sources", {
      kind: "csv",
      name: "Nowhere",
      timezone: "Mars/Olympus",
    }, 400);
    const { source: kolkata } = await apiCall(app, mira, "POST", "/api/scout/sources", {
      kind: "csv",
      name: "Kolkata clubs",
      timezone: "Asia/Kolkata",
    }, 201) as { source: SourceView };
    assertEquals(kolkata.timezone, "Asia/Kolkata");
    const day = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await apiCall(
      app,
      mira,
      "POST",
      `/api/scout/sources/${kolkata.id}/upload`,
      csvForm(`title,date,time,venue,city\nJazz night,${day},20:00,The Piano Man,Kolkata\n`),
      200,
    );
    const jazz = (await gigsAs(app, mira.token)).find((g) => g.title === "Jazz night");
    assertEquals([jazz?.starts_at, jazz?.timezone], [`${day}T14:30:00.000Z`, "Asia/Kolkata"]);
    const moved = await apiCall(app, mira, "PATCH", `/api/scout/sources/${kolkata.id}`, {
      timezone: "America/New_York",
    }, 200) as { source: SourceView };
    assertEquals(moved.source.timezone, "America/New_York");
    await apiCall(app, mira, "DELETE", `/api/scout/sources/${kolkata.id}`, undefined, 204);

    // An admin's list is public.
    const pub = await csvSource(app, admin, "City listings");
    assertEquals(pub.is_public, true);
    const pubCsv = "title,date,time,venue,city,country\n" +
      `Open-air brass band,${
        new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)
      },18:00,Praça do Comércio,Lisbon,PT\n`;
    await apiCall(app, admin, "POST", `/api/scout/sources/${pub.id}/upload`, csvForm(pubCsv), 200);

    const titles = (gigs: ExternalGigView[]) => gigs.map((g) => g.title).sort();
    assertEquals(titles(await gigsAs(app, mira.token)), [
      "Hotel bar jazz trio",
      "Open-air brass band",
      "Wedding reception band",
    ]);
    assertEquals(
      titles(await gigsAs(app, tom.token)),
      ["Open-air brass band"],
      "Tom sees only public gigs",
    );
    assertEquals(titles(await gigsAs(app, null)), ["Open-air brass band"], "so does a visitor");
    const miraGig = (await gigsAs(app, mira.token, "&q=wedding"))[0];
    assertEquals((await app.fetch(`/api/scout/external-gigs/${miraGig.id}`)).status, 404);
    assertEquals((await app.fetch(`/gigs/external/${miraGig.id}`)).status, 404);
    const tomAsks = (path: string, method = "GET", body?: unknown) =>
      apiCall(app, tom, method, path, body, 404);
    await tomAsks(`/api/scout/sources/${mine.id}`);
    await tomAsks(`/api/scout/sources/${mine.id}`, "PATCH", { name: "Mine now" });
    await tomAsks(`/api/scout/sources/${mine.id}`, "DELETE");
    await tomAsks(`/api/scout/sources/${mine.id}/upload`, "POST", csvForm(feeds.csv));
    await apiCall(app, tom, "POST", `/api/scout/sources/${pub.id}/run`, undefined, 403);
    const tomList = await apiCall(app, tom, "GET", "/api/scout/sources", undefined, 200);
    assertEquals(tomList.sources, [], "Tom's list has only his sources");
    const adaList = await apiCall(app, admin, "GET", "/api/scout/sources", undefined, 200) as {
      sources: SourceView[];
    };
    assertEquals(adaList.sources.map((s) => s.name), ["City listings"]);

    // A client keeps no sources; other kinds take no uploads; a CSV source is not fetched.
    const no = await apiCall(
      app,
      cleo,
      "POST",
      "/api/scout/sources",
      { kind: "csv", name: "x" },
      403,
    );
    assertMatch(JSON.stringify(no), /Only musicians and admins keep gig sources/);
    const feed = await apiCall(app, mira, "POST", "/api/scout/sources", {
      kind: "ical",
      name: "A calendar",
      url: "https://calendar.example/jazz.ics",
    }, 201) as { source: SourceView };
    await apiCall(
      app,
      mira,
      "POST",
      `/api/scout/sources/${feed.source.id}/upload`,
      csvForm(feeds.csv),
      409,
    );
    await apiCall(app, mira, "POST", `/api/scout/sources/${mine.id}/run`, undefined, 409);
    const bad = await apiCall(app, mira, "POST", "/api/scout/sources", {
      kind: "rss",
      name: "No address",
    }, 400) as { error: { field: string } };
    assertEquals(bad.error.field, "url");

    // Pause and resume through the API.
    const paused = await apiCall(app, mira, "PATCH", `/api/scout/sources/${feed.source.id}`, {
      enabled: false,
    }, 200) as { source: SourceView };
    assertEquals([paused.source.health, paused.source.next_run_at], ["paused", null]);
    await apiCall(app, mira, "POST", `/api/scout/sources/${feed.source.id}/run`, undefined, 409);
    const resumed = await apiCall(app, mira, "PATCH", `/api/scout/sources/${feed.source.id}`, {
      enabled: true,
    }, 200) as { source: SourceView };
    assertEquals(resumed.source.health, "new");

    // Pages: the list, adding through the form, a refusal beside its field, the source's page.
    const list = await getPage(app, mira.token, "/scout");
    assertEquals(list.status, 200);
    assertMatch(list.text, /My contacts&#39;? gigs|My contacts' gigs/);
    const added = await postForm(app, mira.token, "/scout", {
      intent: "add",
      kind: "atom",
      name: "Porto agenda",
      url: "https://porto.example/agenda.atom",
      org_id: "",
      every_hours: "12",
    });
    assertEquals(added.status, 303);
    assertMatch(added.location ?? "", /^\/scout\/[0-9a-f-]{36}$/);
    const wrong = await postForm(app, mira.token, "/scout", {
      intent: "add",
      kind: "atom",
      name: "No address",
      url: "",
      org_id: "",
      every_hours: "12",
    });
    assertEquals(wrong.status, 400, "the database names the field");
    assertMatch(wrong.text, /id="f-url-error"/);
    const outOfRange = await postForm(app, mira.token, "/scout", {
      intent: "add",
      kind: "atom",
      name: "Too often",
      url: "https://porto.example/a.atom",
      org_id: "",
      every_hours: "0",
    });
    assertEquals(outOfRange.status, 422);
    assertMatch(outOfRange.text, /id="f-every_hours-error"/);
    const clientTry = await postForm(app, cleo.token, "/scout", {
      intent: "add",
      kind: "csv",
      name: "Mine",
      url: "",
      org_id: "",
      every_hours: "24",
    });
    assertEquals(clientTry.status, 403);
    assertMatch(clientTry.text, /Only musicians and admins keep gig sources/);
    const detail = await getPage(app, mira.token, `/scout/${mine.id}`);
    assertEquals(detail.status, 200);
    assertMatch(detail.text, /data-testid="csv-form"/);
    assertMatch(detail.text, /Wedding reception band/);
    assertEquals((await getPage(app, tom.token, `/scout/${mine.id}`)).status, 404);
    const paused2 = await postForm(app, mira.token, added.location!, { intent: "pause" });
    assertEquals(paused2.status, 303);
    // Deleting asks first, saying what goes with the source: without the disclosure's
    // confirm=yes, 428 from either page and nothing changes.
    assertMatch(detail.text, /data-testid="source-delete"[\s\S]*every gig it found/);
    const gigsOf = async (id: string) =>
      (await app.platform.db.asService((tx) =>
        tx.query("select 1 from public.external_gigs where source_id = $1", [id])
      )).length;
    const found = await gigsOf(mine.id);
    assert(found > 0, "the CSV source found gigs");
    const bare = await postForm(app, mira.token, `/scout/${mine.id}`, { intent: "delete" });
    assertEquals(bare.status, 428);
    assertMatch(bare.text, /Nothing changed/);
    const bareList = await postForm(app, mira.token, "/scout", {
      intent: "delete",
      source: mine.id,
    });
    assertEquals(bareList.status, 428);
    assertMatch(bareList.text, /Nothing changed/);
    assertEquals((await getPage(app, mira.token, `/scout/${mine.id}`)).status, 200);
    assertEquals(await gigsOf(mine.id), found, "its gigs are still there");
    const mineGone = await postForm(app, mira.token, "/scout", {
      intent: "delete",
      source: mine.id,
      confirm: "yes",
    });
    assertEquals([mineGone.status, mineGone.location], [303, "/scout"]);
    assertEquals(await gigsOf(mine.id), 0, "and now they went with it");
    const deleted = await postForm(app, mira.token, added.location!, {
      intent: "delete",
      confirm: "yes",
    });
    assertEquals([deleted.status, deleted.location], [303, "/scout"]);
    assertEquals((await getPage(app, mira.token, added.location!)).status, 404);
  },
);

Deno.test(
  "scout - Eventbrite without a token says what to set, and requests nothing",
  opts,
  async () => {
    let requests = 0;
    const fetcher = createFeedFetcher({
      userAgent: "t",
      allowHosts: ["127.0.0.1"],
      hostIntervalMs: 0,
    });
    const counting = {
      ...fetcher,
      fetch: (r: Parameters<typeof fetcher.fetch>[0]) => (requests++, fetcher.fetch(r)),
    };
    const outcome = await readSource({
      fetcher: counting,
      ai: {} as AiPort,
      eventbrite: { apiUrl: "http://127.0.0.1:9", token: undefined },
    }, {
      id: crypto.randomUUID(),
      owner_id: crypto.randomUUID(),
      is_public: true,
      kind: "eventbrite",
      url: null,
      org_id: "4242",
      timezone: "UTC",
      enabled: true,
      etag: null,
      last_modified: null,
    });
    assert(outcome.status === "failed");
    assertMatch(outcome.error, /^Set EVENTBRITE_TOKEN/);
    assertEquals(requests, 0);
  },
);
