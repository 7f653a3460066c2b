/**
 * /admin/disputes over HTTP, as a browser posts it: non-admins are refused (the page 403, the API's
 * resolve 404 from SQL); an admin made by scripts/make_admin.ts sees the empty state, then the
 * open dispute, reviews a split (nothing moves), confirms it: the ledger posts it, both parties
 * are notified and the booking page shows the outcome. Bad input names the field, changes nothing.
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import { apiCall, browser, CSRF, type Person, signUpPerson } from "../_helpers/fuzz.ts";
import { BUILTIN_SECRET, makeBooking } from "../_helpers/payments.ts";
import { makeAdmin } from "../../scripts/make_admin.ts";

async function post(a: TestApp, who: Person, path: string, fields: Record<string, string>) {
  const res = await a.fetch(path, {
    method: "POST",
    headers: { ...browser(a, who.token), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: CSRF, ...fields }),
  });
  return { status: res.status, location: res.headers.get("location"), text: await res.text() };
}

async function get(a: TestApp, who: Person, path: string) {
  const res = await a.fetch(path, { headers: browser(a, who.token) });
  return { status: res.status, text: await res.text() };
}

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
  await using a = await startTestApp({
    WORKER: "off",
    PAYMENTS_BUILTIN_SECRET: BUILTIN_SECRET,
    PAYMENTS_BUILTIN_PAYOUT_DELAY_S: "0",
  });
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
  const empty = await get(a, admin, "/admin/disputes");
  assertEquals(empty.status, 200);
  assert(empty.text.includes("No open disputes"), "the empty state");

  await post(a, b.client, page, { intent: "checkout" });
  await post(a, b.client, `/pay/${b.bookingId}`, { card: "4242424242424242", intent: "pay" });
  const opened = await post(a, b.client, page, {
    intent: "dispute",
    dispute_reason: "Half the set was missing.",
  });
  assertEquals(opened.status, 303);
  const before = await money(a, b.bookingId);
  assertEquals(before.state, "disputed");

  // Non-admins: the page is refused, and so is the API's resolve (SQL checks the JWT again).
  for (const who of [b.client, b.musician, signedUp]) {
    assertEquals((await get(a, who, "/admin/disputes")).status, 403);
    const r = await post(a, who, "/admin/disputes", {
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

  const listed = await get(a, admin, "/admin/disputes");
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
      const r = await post(a, admin, "/admin/disputes", { intent, booking_id: id, ...fields });
      assertEquals(r.status, 422, `${intent} ${JSON.stringify(fields)}`);
      assert(r.text.includes(`id="d-${id}-${field}-error"`), `names ${field}`);
      assert(r.text.includes(text), text);
    }
  }
  assertEquals(await money(a, b.bookingId), before);

  // The confirmation step moves nothing; "Yes, decide" does.
  const review = await post(a, admin, "/admin/disputes", {
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

  const decided = await post(a, admin, "/admin/disputes", {
    intent: "decide",
    booking_id: id,
    decision: "split",
    musician_amount: "250.75",
    note: "Half the set: most of the fee.",
  });
  assertEquals([decided.status, decided.location], [303, "/admin/disputes"]);
  const after = await money(a, b.bookingId);
  assertEquals([after.state, after.resolution], ["resolved", "split"]);
  assertEquals(after.ledger.musician_payable, 25075, "the musician's share is payable");
  assertEquals(after.ledger.refunds, 42000 - 25075 - 2000, "the rest of the fee goes back");
  const sum = Object.values(after.ledger).reduce((s, n) => s + n, 0);
  assertEquals(sum, 0, "the ledger balances");

  const again = await post(a, admin, "/admin/disputes", {
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
    const seen = await get(a, who, page);
    assert(seen.text.includes("Decided: split between both"), "the outcome on the booking page");
    assert(seen.text.includes("Half the set: most of the fee."), "and the note");
  }
  const history = await get(a, admin, "/admin/disputes");
  assert(history.text.includes("No open disputes"));
  assert(history.text.includes('data-testid="decided-dispute"') && history.text.includes("Split"));
  assert(history.text.includes("Half the set: most of the fee."));
});

Deno.test("admin disputes - a release without a dispute is told to both parties too", async () => {
  await using a = await startTestApp({
    WORKER: "off",
    PAYMENTS_BUILTIN_SECRET: BUILTIN_SECRET,
    PAYMENTS_BUILTIN_PAYOUT_DELAY_S: "0",
  });
  const b = await makeBooking(a, "Told");
  const page = `/bookings/${b.bookingId}`;
  await post(a, b.client, page, { intent: "checkout" });
  await post(a, b.client, `/pay/${b.bookingId}`, { card: "4242424242424242", intent: "pay" });
  assertEquals((await post(a, b.client, page, { intent: "release" })).status, 303);
  const told = await a.platform.db.asService((tx) =>
    tx.query<{ user_id: string; body: string }>(
      `select user_id, body from public.notifications
        where kind = 'payment_released' and link = $1`,
      [page],
    )
  );
  assertEquals(told.map((n) => n.user_id).sort(), [b.client.id, b.musician.id].sort());
  assert(told.every((n) => n.body.includes("EUR 400.00")), "the fee in the text");
});
