/**
 * Moderation over HTTP, as browsers post it: a user reports a gig from its page (the form says
 * what is wrong, a second report keeps the first); an admin made by scripts/make_admin.ts finds it
 * on /admin/reports, confirms hiding it (a post without the confirmation changes nothing); the
 * gig is then 404 for everyone but its owner (who sees why) and admins; the reporter's
 * notification opens /reports with the outcome; the admin shows it again. A reported message is
 * dismissed: it stays, and its reporter is told so.
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { startTestApp } from "../_helpers/app.ts";
import {
  adminPerson,
  apiCall,
  browser,
  FUZZ_ENV,
  getPage,
  postForm,
  signUpPerson,
} from "../_helpers/fuzz.ts";
import { applyTo, publishedGig, publishedMusician } from "../_helpers/booking.ts";
import { serviceSql } from "../_helpers/payments.ts";

const DAY = 86_400_000;

Deno.test({
  name: "moderation - a reported gig is hidden, a reported message dismissed; reporters are told",
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  await using app = await startTestApp(FUZZ_ENV);
  const cleo = await signUpPerson(app, "Cleo", "client");
  const mo = await publishedMusician(app, "Mo", "Mo Quartet");
  const rae = await signUpPerson(app, "Rae", "musician");
  const gig = await publishedGig(app, cleo, "Too good to be true", new Date(Date.now() + 20 * DAY));
  const gigPage = `/gigs/${gig}`;
  const openReports = () =>
    serviceSql<{ n: number }>(
      app,
      "select count(*)::int as n from public.reports where status = 'open'",
    );

  // The reporter finds "Report this gig" on its page, and the form names the gig.
  const seen = await getPage(app, rae.token, gigPage);
  assertEquals(seen.status, 200);
  const link = `/report?type=gig&amp;id=${gig}&amp;back=%2Fgigs%2F${gig}`;
  assert(seen.text.includes(link), "the gig page links to its report form");
  assert(
    !(await getPage(app, cleo.token, gigPage)).text.includes("Report this gig"),
    "not its owner",
  );
  const form = await getPage(app, rae.token, `/report?type=gig&id=${gig}&back=${gigPage}`);
  assertEquals(form.status, 200);
  assert(form.text.includes("Too good to be true") && form.text.includes("Scam or fraud"));
  assertEquals((await getPage(app, cleo.token, `/report?type=gig&id=${gig}`)).status, 403);
  assertEquals(
    (await getPage(app, rae.token, `/report?type=gig&id=${crypto.randomUUID()}`)).status,
    404,
  );
  assertEquals((await getPage(app, rae.token, "/report?type=song&id=1")).status, 400);

  const fields = { type: "gig", id: gig, back: gigPage };
  const vague = await postForm(app, rae.token, "/report", { ...fields, reason: "other" });
  assertEquals(vague.status, 422);
  assert(vague.text.includes("Tell us what is wrong"), "“Something else” needs details");
  assertEquals((await openReports())[0].n, 0, "a refused report files nothing");
  const sent = await postForm(app, rae.token, "/report", {
    ...fields,
    reason: "scam",
    details: "Asks for a deposit by bank transfer.",
  });
  assertEquals([sent.status, sent.location], [303, gigPage]);
  const again = await postForm(app, rae.token, "/report", { ...fields, reason: "spam" });
  assertEquals(again.status, 303);
  assertEquals((await openReports())[0].n, 1, "reporting twice keeps one open report");

  // Only admins reach the queue.
  assertEquals((await getPage(app, rae.token, "/admin/reports")).status, 403);
  const admin = await adminPerson(app, "Ada");
  const queue = await getPage(app, admin.token, "/admin/reports");
  assertEquals(queue.status, 200);
  assert(queue.text.includes("Too good to be true") && queue.text.includes("Asks for a deposit"));
  const [{ id: reportId }] = await serviceSql<{ id: string }>(
    app,
    "select id from public.reports where target_id = $1",
    [gig],
  );

  // Hiding: the review step first; a post that skipped it changes nothing (428).
  const review = await postForm(app, admin.token, "/admin/reports", {
    intent: "review-hide",
    report_id: reportId,
    note: "Fake listing",
  });
  assertEquals(review.status, 200);
  assert(review.text.includes("Hide the gig") && review.text.includes("Yes, hide it"));
  const skipped = await postForm(app, admin.token, "/admin/reports", {
    intent: "hide",
    report_id: reportId,
    note: "Fake listing",
  });
  assertEquals(skipped.status, 428);
  assertEquals((await getPage(app, rae.token, gigPage)).status, 200, "nothing hidden yet");
  const hidden = await postForm(app, admin.token, "/admin/reports", {
    intent: "hide",
    report_id: reportId,
    note: "Fake listing",
    confirm: "yes",
  });
  assertEquals([hidden.status, hidden.location], [303, "/admin/reports"]);

  // Gone for others; its owner sees why; admins still see it.
  assertEquals((await getPage(app, rae.token, gigPage)).status, 404);
  assertEquals((await getPage(app, mo.token, gigPage)).status, 404);
  assertEquals((await getPage(app, null, gigPage)).status, 404);
  const own = await getPage(app, cleo.token, gigPage);
  assertEquals(own.status, 200);
  assert(own.text.includes("Hidden by moderators: Fake listing"), "the owner's notice");
  assertEquals((await getPage(app, admin.token, gigPage)).status, 200);
  const audit = await serviceSql<{ actor_id: string; after: { hidden_reason: string } }>(
    app,
    "select actor_id, after from public.admin_audit_log where action = 'moderation.hide'",
  );
  assertEquals(audit.map((a) => [a.actor_id, a.after.hidden_reason]), [[
    admin.id,
    "Fake listing",
  ]]);
  const decided = await getPage(app, admin.token, "/admin/reports?show=resolved");
  assert(decided.text.includes("Too good to be true") && decided.text.includes("Show it again"));

  // The reporter's notification leads to the outcome.
  const told = async (who: { id: string; token: string }) => {
    const [n] = await serviceSql<{ id: string; link: string }>(
      app,
      "select id, link from public.notifications where user_id = $1 and kind = 'report_resolved'",
      [who.id],
    );
    assert(n, "the reporter was told");
    const opened = await app.fetch(`/notifications/${n.id}`, { headers: browser(app, who.token) });
    await opened.body?.cancel();
    assertEquals([opened.status, opened.headers.get("location")], [303, n.link]);
    const res = await getPage(app, who.token, n.link);
    assertEquals(res.status, 200);
    return res.text;
  };
  const outcome = await told(rae);
  assert(outcome.includes("Removed") && outcome.includes("Fake listing"), "the outcome and note");

  // Shown again from the decided list (audited): the gig is back for everyone.
  const shown = await postForm(app, admin.token, "/admin/reports?show=resolved", {
    intent: "unhide",
    target_type: "gig",
    target_id: gig,
  });
  assertEquals([shown.status, shown.location], [303, "/admin/reports?show=resolved"]);
  assertEquals((await getPage(app, rae.token, gigPage)).status, 200);
  const unhidden = await serviceSql(
    app,
    "select 1 from public.admin_audit_log where action = 'moderation.unhide' and target_id = $1",
    [gig],
  );
  assertEquals(unhidden.length, 1);

  // A message reported by the person it was sent to, then dismissed.
  const gig2 = await publishedGig(app, cleo, "Sunday brunch", new Date(Date.now() + 25 * DAY));
  await applyTo(app, mo, gig2);
  const { conversations } = await apiCall(
    app,
    cleo,
    "GET",
    "/api/conversations",
    undefined,
    200,
  ) as {
    conversations: { id: string }[];
  };
  const chat = conversations[0].id;
  const msg = await apiCall(app, mo, "POST", `/api/conversations/${chat}/messages`, {
    body: "You will regret not booking me.",
  }, 201);
  const thread = await getPage(app, cleo.token, `/messages/${chat}`);
  assert(thread.text.includes(`type=message&amp;id=${msg.id}`), "other people's messages link");
  assert(
    !(await getPage(app, mo.token, `/messages/${chat}`)).text.includes("type=message"),
    "one's own messages have no report link",
  );
  const back = `/messages/${chat}#m${msg.id}`;
  const reported = await postForm(app, cleo.token, "/report", {
    type: "message",
    id: String(msg.id),
    reason: "harassment",
    back,
  });
  assertEquals([reported.status, reported.location], [303, back]);
  const [{ id: msgReport }] = await serviceSql<{ id: string }>(
    app,
    "select id from public.reports where target_type = 'message'",
  );
  assert((await getPage(app, admin.token, "/admin/reports")).text.includes("You will regret"));
  const dismissed = await postForm(app, admin.token, "/admin/reports", {
    intent: "dismiss",
    report_id: msgReport,
    note: "Rude, but not a threat.",
  });
  assertEquals(dismissed.status, 303);
  assert((await getPage(app, cleo.token, `/messages/${chat}`)).text.includes("You will regret"));
  const kept = await told(cleo);
  assert(kept.includes("No action taken") && kept.includes("Rude, but not a threat."));
  assertEquals((await openReports())[0].n, 0, "the queue is empty");
  assert((await getPage(app, admin.token, "/admin/reports")).text.includes("Nothing to review"));
});
