/**
 * /admin/disputes over HTTP, as a browser posts it: non-admins are refused (the page 403, the API's
 * resolve 404 from SQL); an admin made by scripts/make_admin.ts sees the empty state, then the
 * open dispute, reviews a split (nothing moves), confirms it: the ledger posts it, both parties
 * are notified and the booking page shows the outcome. Bad input names the field, changes nothing.
 * Evidence files: attached by either party (the page's dispute form, the API), checked by their
 * first bytes, read by the parties and admins only; the admin's read-only booking view; the JSON
 * resolve needs a note.
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { type TestApp, TINY_PNG } from "../_helpers/app.ts";
import {
  adminPerson,
  apiCall,
  bearer,
  browser,
  CSRF,
  getPage,
  type Person,
  postForm,
  signUpPerson,
} from "../_helpers/fuzz.ts";
import { makeBooking, serviceSql, startPaymentsApp } from "../_helpers/payments.ts";
import { makeAdmin } from "../../scripts/make_admin.ts";
import { EVIDENCE_MAX_BYTES } from "../../lib/domains/payments/evidence.ts";

/** The money's state and the ledger's lines for the booking: what must not change on a refusal. */
async function money(a: TestApp, bookingId: string) {
  return await a.platform.db.asService(async (tx) => {
    const [p] = await tx.query<{ state: string; resolution: string | null }>(
      "select state, resolution from public.payments where booking_id = $1",
      [bookingId],
    );
    const lines = await tx.query<{ account: string; amount: string }>(
      `select account, sum(amount_minor)::text as amount from public.ledger_entries
        where booking_id = $1 group by account order by account`,
      [bookingId],
    );
    return { ...p, ledger: Object.fromEntries(lines.map((l) => [l.account, Number(l.amount)])) };
  });
}

Deno.test("admin disputes - only admins; a split is reviewed, confirmed, posted and told", async () => {
  await using a = await startPaymentsApp();
  const b = await makeBooking(a, "Admin");
  const page = `/bookings/${b.bookingId}`;

  // An admin made by the script: the role reaches the JWT at the next sign-in.
  const signedUp = await signUpPerson(a, "Arbiter", "client");
  assert(await makeAdmin(a.platform.db, signedUp.email.toUpperCase()));
  assertEquals(await makeAdmin(a.platform.db, "nobody@fuzz.test"), false);
  const session = await a.platform.auth.signIn({
    email: signedUp.email,
    password: "fuzz-password-123",
  });
  const admin: Person = { ...signedUp, token: session.accessToken };
  const empty = await getPage(a, admin.token, "/admin/disputes");
  assertEquals(empty.status, 200);
  assert(empty.text.includes("No open disputes"), "the empty state");

  await postForm(a, b.client.token, page, { intent: "checkout" });
  await postForm(a, b.client.token, `/pay/${b.bookingId}`, {
    card: "4242424242424242",
    intent: "pay",
  });
  const opened = await postForm(a, b.client.token, page, {
    intent: "dispute",
    dispute_reason: "Half the set was missing.",
  });
  assertEquals(opened.status, 303);
  const before = await money(a, b.bookingId);
  assertEquals(before.state, "disputed");

  // Non-admins: the page is refused, and so is the API's resolve (SQL checks the JWT again).
  for (const who of [b.client, b.musician, signedUp]) {
    assertEquals((await getPage(a, who.token, "/admin/disputes")).status, 403);
    const r = await postForm(a, who.token, "/admin/disputes", {
      intent: "decide",
      booking_id: b.bookingId,
      decision: "release",
      note: "Mine now.",
    });
    assertEquals(r.status, 403);
  }
  await apiCall(a, b.client, "POST", `/api/bookings/${b.bookingId}/payment/resolve`, {
    decision: "release",
    note: "I decide myself.",
  }, 404);
  assertEquals(await money(a, b.bookingId), before);

  const listed = await getPage(a, admin.token, "/admin/disputes");
  assertEquals(listed.status, 200);
  for (const s of ["Admin night", "Half the set was missing.", "AdminClient", "€400", "€420"]) {
    assert(listed.text.includes(s), `the open dispute shows ${s}`);
  }

  // Bad input: each names its field, and nothing moves (not even with intent=decide).
  const id = b.bookingId;
  const cases: [Record<string, string>, string, string][] = [
    [{ decision: "split", musician_amount: "250", note: "  " }, "note", "Write a note"],
    [{ decision: "split", musician_amount: "400", note: "Half." }, "musician_amount", "less than"],
    [{ decision: "split", musician_amount: "0", note: "Half." }, "musician_amount", "less than"],
    [{ decision: "split", musician_amount: "", note: "Half." }, "musician_amount", "less than"],
    [{ decision: "keep", note: "Mine." }, "decision", "Choose release, refund or split"],
  ];
  for (const [fields, field, text] of cases) {
    for (const intent of ["review", "decide"]) {
      const r = await postForm(a, admin.token, "/admin/disputes", {
        intent,
        booking_id: id,
        ...fields,
      });
      assertEquals(r.status, 422, `${intent} ${JSON.stringify(fields)}`);
      assert(r.text.includes(`id="d-${id}-${field}-error"`), `names ${field}`);
      assert(r.text.includes(text), text);
    }
  }
  assertEquals(await money(a, b.bookingId), before);

  // The confirmation step moves nothing; "Yes, decide" does.
  const review = await postForm(a, admin.token, "/admin/disputes", {
    intent: "review",
    booking_id: id,
    decision: "split",
    musician_amount: "250.75",
    note: "Half the set: most of the fee.",
  });
  assertEquals(review.status, 200);
  assert(review.text.includes("AdminMusician gets €250.75"), "what the musician gets");
  assert(review.text.includes("Yes, decide"));
  assertEquals(await money(a, b.bookingId), before);

  const decision = {
    intent: "decide",
    booking_id: id,
    decision: "split",
    musician_amount: "250.75",
    note: "Half the set: most of the fee.",
  };
  // Without the step's confirm=yes (a stale page, a script): the step again, nothing moved.
  const bare = await postForm(a, admin.token, "/admin/disputes", decision);
  assertEquals(bare.status, 428);
  assert(bare.text.includes("Yes, decide") && bare.text.includes("cannot be undone"));
  assertEquals(await money(a, b.bookingId), before);
  const decided = await postForm(a, admin.token, "/admin/disputes", {
    ...decision,
    confirm: "yes",
  });
  assertEquals([decided.status, decided.location], [303, "/admin/disputes"]);
  const after = await money(a, b.bookingId);
  assertEquals([after.state, after.resolution], ["resolved", "split"]);
  assertEquals(after.ledger.musician_payable, 25075, "the musician's share is payable");
  assertEquals(after.ledger.refunds, 42000 - 25075 - 2000, "the rest of the fee goes back");
  const sum = Object.values(after.ledger).reduce((s, n) => s + n, 0);
  assertEquals(sum, 0, "the ledger balances");

  const again = await postForm(a, admin.token, "/admin/disputes", {
    intent: "decide",
    booking_id: id,
    decision: "refund",
    note: "Changed my mind.",
  });
  assertEquals(again.status, 422, "a decided dispute is not open any more");
  assertEquals(await money(a, b.bookingId), after);

  const told = await a.platform.db.asService((tx) =>
    tx.query<{ user_id: string }>(
      `select user_id from public.notifications
        where kind = 'dispute_resolved' and link = $1 order by user_id`,
      [page],
    )
  );
  assertEquals(told.map((n) => n.user_id).sort(), [b.client.id, b.musician.id].sort());

  for (const who of [b.client, b.musician]) {
    const seen = await getPage(a, who.token, page);
    assert(seen.text.includes("Decided: split between both"), "the outcome on the booking page");
    assert(seen.text.includes("Half the set: most of the fee."), "and the note");
  }
  const history = await getPage(a, admin.token, "/admin/disputes");
  assert(history.text.includes("No open disputes"));
  assert(history.text.includes('data-testid="decided-dispute"') && history.text.includes("Split"));
  assert(history.text.includes("Half the set: most of the fee."));
});

Deno.test("admin disputes - a release without a dispute is told to both parties too", async () => {
  await using a = await startPaymentsApp();
  const b = await makeBooking(a, "Told");
  const page = `/bookings/${b.bookingId}`;
  await postForm(a, b.client.token, page, { intent: "checkout" });
  await postForm(a, b.client.token, `/pay/${b.bookingId}`, {
    card: "4242424242424242",
    intent: "pay",
  });
  assertEquals(
    (await postForm(a, b.client.token, page, { intent: "release", confirm: "yes" })).status,
    303,
  );
  const told = await a.platform.db.asService((tx) =>
    tx.query<{ user_id: string; body: string }>(
      `select user_id, body from public.notifications
        where kind = 'payment_released' and link = $1`,
      [page],
    )
  );
  assertEquals(told.map((n) => n.user_id).sort(), [b.client.id, b.musician.id].sort());
  assert(told.every((n) => n.body.includes("€400")), "the fee in the text");
});

/** A multipart form posted as the browser does (the CSRF field first, files as `field`). */
async function postFiles(
  a: TestApp,
  who: Person,
  path: string,
  fields: Record<string, string>,
  files: File[],
  field = "evidence",
) {
  const form = new FormData();
  form.set("_csrf", CSRF);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  for (const f of files) form.append(field, f);
  const res = await a.fetch(path, { method: "POST", headers: browser(a, who.token), body: form });
  return { status: res.status, location: res.headers.get("location"), text: await res.text() };
}

async function evidenceRows(a: TestApp, bookingId: string) {
  return await a.platform.db.asService(async (tx) => {
    const rows = await tx.query<{ name: string; uploaded_as: string }>(
      "select name, uploaded_as from public.dispute_evidence where booking_id = $1 order by created_at",
      [bookingId],
    );
    const [{ n }] = await tx.query<{ n: number }>(
      "select count(*)::int as n from storage.objects where bucket_id = 'evidence'",
    );
    return { rows, objects: n };
  });
}

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

Deno.test("admin disputes - evidence from both parties, for their eyes and admins' only", async () => {
  await using a = await startPaymentsApp({ API_RATE_LIMIT: "0" });
  const b = await makeBooking(a, "Proof");
  const page = `/bookings/${b.bookingId}`;
  const api = `/api/bookings/${b.bookingId}/evidence`;
  const stranger = await signUpPerson(a, "Nosy", "client");
  const admin = await adminPerson(a, "Judge");
  const png = () => new File([TINY_PNG], "set list.png", { type: "image/png" });

  // The bucket's cap is the one the app checks against.
  const [bucket] = await a.platform.db.asService((tx) =>
    tx.query<{ limit: string }>(
      "select file_size_limit::text as limit from storage.buckets where id = 'evidence'",
    )
  );
  assertEquals(Number(bucket.limit), EVIDENCE_MAX_BYTES);

  // Nothing to dispute before the money is held: the files are refused, nothing is stored.
  const early = await postFiles(a, b.client, page, {
    intent: "dispute",
    dispute_reason: "Too early.",
  }, [png()]);
  assertEquals(early.status, 409, early.text.slice(0, 200));
  await postForm(a, b.client.token, page, { intent: "checkout" });
  await postForm(a, b.client.token, `/pay/${b.bookingId}`, {
    card: "4242424242424242",
    intent: "pay",
  });

  // A stranger gets a 404 for the page's forms and the API alike.
  const nosy = await postFiles(a, stranger, page, { intent: "evidence" }, [png()]);
  assertEquals(nosy.status, 404);
  await apiCall(a, stranger, "GET", api, undefined, 404);

  // A "PDF" that is really HTML is refused by its first bytes, naming the field; nothing frozen.
  const html = new File(["<html><script>alert(1)</script></html>"], "contract.pdf", {
    type: "application/pdf",
  });
  const fake = await postFiles(a, b.client, page, {
    intent: "dispute",
    dispute_reason: "The set was short.",
  }, [png(), html]);
  assertEquals(fake.status, 415);
  assert(fake.text.includes("not a valid PDF"), "says why");
  assert(fake.text.includes('id="dispute_evidence-error"'), "names the field");
  assertEquals(await money(a, b.bookingId).then((m) => m.state), "held");
  assertEquals(await evidenceRows(a, b.bookingId), { rows: [], objects: 0 });

  // The client opens the dispute with a file; the musician adds a PDF through the API.
  const opened = await postFiles(a, b.client, page, {
    intent: "dispute",
    dispute_reason: "The set was short.",
  }, [png()]);
  assertEquals([opened.status, opened.location], [303, `${page}#payment`]);
  const form = new FormData();
  form.append("file", new File([PDF], "rider.pdf", { type: "application/pdf" }));
  const added = await a.fetch(api, {
    method: "POST",
    headers: bearer(b.musician.token),
    body: form,
  });
  assertEquals(added.status, 201, await added.clone().text());
  const [item] = await added.json() as { id: string; uploaded_as: string; name: string }[];
  assertEquals([item.uploaded_as, item.name], ["musician", "rider.pdf"]);
  assertEquals((await evidenceRows(a, b.bookingId)).rows, [
    { name: "set list.png", uploaded_as: "client" },
    { name: "rider.pdf", uploaded_as: "musician" },
  ]);
  // The client hears of the musician's evidence; the client's own, sent with the dispute, is in
  // the dispute's notice.
  const evidenceNotices = (who: Person) =>
    serviceSql<{ body: string; link: string }>(
      a,
      "select body, link from public.notifications where user_id = $1 and kind = 'dispute_evidence'",
      [who.id],
    );
  assertEquals(await evidenceNotices(b.client), [{
    body: "The musician added evidence (rider.pdf). An admin weighs it with yours before deciding.",
    link: `/bookings/${b.bookingId}#payment`,
  }]);
  assertEquals(await evidenceNotices(b.musician), []);
  // Not multipart: 415; too big: 413; both name the field and store nothing.
  const json = await a.fetch(api, {
    method: "POST",
    headers: { ...bearer(b.musician.token), "content-type": "application/json" },
    body: "{}",
  });
  assertEquals(json.status, 415);
  await json.body?.cancel();
  const big = new FormData();
  const huge = new Uint8Array(EVIDENCE_MAX_BYTES + 1);
  huge.set(TINY_PNG);
  big.append("file", new File([huge], "huge.png", { type: "image/png" }));
  const tooBig = await a.fetch(api, {
    method: "POST",
    headers: bearer(b.musician.token),
    body: big,
  });
  assertEquals(tooBig.status, 413);
  assertEquals((await tooBig.json()).error.field, "file");
  assertEquals((await evidenceRows(a, b.bookingId)).objects, 2);

  // Both parties and the admin read the files; a stranger does not learn they exist.
  const list = await apiCall(a, b.client, "GET", api, undefined, 200) as unknown as {
    id: string;
  }[];
  assertEquals(list.length, 2);
  const first = `${api}/${list[0].id}`;
  for (const who of [b.client, b.musician, admin]) {
    const res = await a.fetch(first, { headers: bearer(who.token) });
    assertEquals(res.status, 200, who.name);
    assertEquals(res.headers.get("content-type"), "image/png");
    assertEquals(new Uint8Array(await res.arrayBuffer()), TINY_PNG);
  }
  const pdf = await a.fetch(`${api}/${list[1].id}`, { headers: bearer(admin.token) });
  assert(pdf.headers.get("content-disposition")?.startsWith("attachment"), "a PDF is downloaded");
  assertEquals(pdf.headers.get("x-content-type-options"), "nosniff");
  await pdf.body?.cancel();
  const hidden = await a.fetch(first, { headers: bearer(stranger.token) });
  assertEquals(hidden.status, 404);
  await hidden.body?.cancel();
  const seen = await getPage(a, b.musician.token, page);
  assert(seen.text.includes("set list.png") && seen.text.includes("rider.pdf"), "listed");
  assert(seen.text.includes('data-testid="evidence-form"'), "more can be added while open");

  // The admin sees the files on /admin/disputes and opens the booking's read-only view.
  const listed = await getPage(a, admin.token, "/admin/disputes");
  assert(listed.text.includes("set list.png") && listed.text.includes("rider.pdf"));
  assert(listed.text.includes(`href="/admin/bookings/${b.bookingId}"`), "links the booking");
  const view = await getPage(a, admin.token, `/admin/bookings/${b.bookingId}`);
  assertEquals(view.status, 200);
  for (
    const s of ["Proof night", "read-only", "Ledger", "Escrow", "The set was short.", "rider.pdf"]
  ) {
    assert(view.text.includes(s), `the admin's view shows ${s}`);
  }
  assert(/data-testid="ledger-sum"[^>]*>€0(\.00)?</.test(view.text), "the ledger sums to zero");
  for (const who of [b.client, b.musician, stranger]) {
    assertEquals(
      (await getPage(a, who.token, `/admin/bookings/${b.bookingId}`)).status,
      403,
      who.name,
    );
  }
  assertEquals(
    (await getPage(a, admin.token, `/admin/bookings/${crypto.randomUUID()}`)).status,
    404,
  );

  // The JSON resolve needs a note: missing or blank is a 400 naming it, and nothing moves.
  const before = await money(a, b.bookingId);
  const resolve = `/api/bookings/${b.bookingId}/payment/resolve`;
  for (const body of [{ decision: "refund" }, { decision: "refund", note: "   " }]) {
    const res = await a.fetch(resolve, {
      method: "POST",
      headers: { ...bearer(admin.token), "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    assertEquals(res.status, 400, JSON.stringify(body));
    assertEquals((await res.json()).error.field, "note");
  }
  assertEquals(await money(a, b.bookingId), before);
  await apiCall(a, admin, "POST", resolve, { decision: "refund", note: "No set at all." }, 200);

  // Decided: no more evidence, from anyone.
  const late = await postFiles(a, b.client, page, { intent: "evidence" }, [png()]);
  assertEquals(late.status, 409);
  assertEquals((await evidenceRows(a, b.bookingId)).objects, 2);
});
