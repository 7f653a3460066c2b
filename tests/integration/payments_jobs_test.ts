/**
 * The `payments` queue: a payout whose provider fails twice then succeeds is paid after two
 * retries with growing waits, posted once, with one idempotency key throughout; a payout that
 * always fails gives up after the last attempt, and the musician (earnings, booking page, a
 * notification) and admins (/admin/payments) see the provider's error. The worker runs by hand
 * (WORKER off); "waiting" moves the queue's and the payment's clocks, nothing else.
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { type TestApp } from "../_helpers/app.ts";
import {
  adminPerson,
  apiCall,
  browser,
  type Person,
  postForm,
  signUpPerson,
} from "../_helpers/fuzz.ts";
import {
  heldBooking,
  postings,
  releaseAs,
  serviceSql,
  startPaymentsApp,
} from "../_helpers/payments.ts";
import { paymentDeps, RETRY, sweepPayments } from "../../lib/domains/payments/mod.ts";
import type { TransferRequest } from "../../lib/ports/payments/mod.ts";

interface Work {
  payout_state: string;
  payout_error: string | null;
  payout_ref: string | null;
  work_attempts: number;
  wait_s: number | null;
  gave_up: boolean;
}

async function work(a: TestApp, bookingId: string): Promise<Work> {
  const [w] = await serviceSql<Work>(
    a,
    `select payout_state, payout_error, payout_ref, work_attempts,
            round(extract(epoch from work_retry_at - now()))::int as wait_s,
            work_gave_up_at is not null as gave_up
       from public.payments where booking_id = $1`,
    [bookingId],
  );
  return w;
}

/** Time passes for the retry: the delayed messages become visible and the attempt due. */
async function waitForRetry(a: TestApp) {
  await serviceSql(a, "update pgmq.q_payments set vt = now() where vt > now()");
  await serviceSql(
    a,
    "update public.payments set work_retry_at = now() where work_retry_at > now()",
  );
}

/** The built-in provider's transfers fail `failures` times (Infinity: until healed). */
function flakyTransfers(a: TestApp, failures: number, error: string) {
  const builtin = paymentDeps(a.platform).providers.builtin;
  const real = builtin.transfer.bind(builtin);
  const calls: TransferRequest[] = [];
  let left = failures;
  builtin.transfer = (req) => {
    calls.push(req);
    return left-- > 0 ? Promise.reject(new Error(error)) : real(req);
  };
  return { calls, heal: () => left = 0 };
}

async function page(a: TestApp, who: Person, path: string) {
  const res = await a.fetch(path, { headers: browser(a, who.token) });
  return { status: res.status, text: (await res.text()).replaceAll("&#x27;", "'") };
}

Deno.test("payments jobs - a payout failing twice then succeeding is paid once after backoff", async () => {
  await using a = await startPaymentsApp();
  const b = await heldBooking(a, "Flaky");
  const { calls } = flakyTransfers(a, 2, "The bank timed out");

  // The release's first attempt runs in the request and fails: the error and the retry are kept.
  await releaseAs(a, b);
  let w = await work(a, b.bookingId);
  assertEquals([w.payout_state, w.payout_error, w.work_attempts], [
    "failed",
    "The bank timed out",
    1,
  ]);
  assert(Math.abs(w.wait_s! - RETRY.baseS) <= 2, `first wait ${w.wait_s}`);

  // The trigger's message finds the attempt not due yet; the retry's message is still delayed.
  await a.platform.worker.runOnce();
  assertEquals(calls.length, 1, "no attempt before its time");

  const seen = await page(a, b.musician, "/earnings");
  assert(seen.text.includes("Payout failed: The bank timed out. We'll retry at"), "earnings");
  const booking = await page(a, b.musician, `/bookings/${b.bookingId}`);
  assert(booking.text.includes("failed: The bank timed out. We'll retry at"), "booking page");
  const treasurer = await adminPerson(a, "Treasurer");
  const listed = await page(a, treasurer, "/admin/payments");
  assertEquals(listed.status, 200);
  assert(listed.text.includes("Flaky night") && listed.text.includes("attempt 1"), "admin list");

  await waitForRetry(a);
  await a.platform.worker.runOnce();
  w = await work(a, b.bookingId);
  assertEquals([w.payout_state, w.work_attempts], ["failed", 2]);
  assert(Math.abs(w.wait_s! - 2 * RETRY.baseS) <= 2, `the second wait doubles: ${w.wait_s}`);

  await waitForRetry(a);
  await a.platform.worker.runOnce();
  w = await work(a, b.bookingId);
  assertEquals([w.payout_state, w.payout_error, w.work_attempts, w.wait_s, w.gave_up], [
    "pending",
    null,
    3,
    null,
    false,
  ]);
  assertEquals(new Set(calls.map((c) => c.idempotencyKey)), new Set([`${b.bookingId}:release`]));

  // Nothing more runs: a duplicate message, another sweep, more time.
  await waitForRetry(a);
  await serviceSql(
    a,
    `select pgmq.send('payments', jsonb_build_object('kind', 'provider_work', 'payment_id', id,
       'idempotency_key', 'dup:' || id)) from public.payments where booking_id = $1`,
    [b.bookingId],
  );
  await a.platform.worker.runOnce();
  await sweepPayments(paymentDeps(a.platform));
  await sweepPayments(paymentDeps(a.platform));
  assertEquals(calls.length, 3, "three provider calls in all");
  assertEquals((await work(a, b.bookingId)).payout_state, "paid");
  assertEquals(await postings(a, b.bookingId, "release"), 1);
  assertEquals(await postings(a, b.bookingId, "payout"), 1, "paid out once");
  const [q] = await serviceSql<{ n: number }>(a, "select count(*)::int as n from pgmq.q_payments");
  assertEquals(q.n, 0, "the queue is empty");
  const after = await page(a, b.musician, "/earnings");
  assert(!after.text.includes("Payout failed"), "the failure is gone once paid");
});

Deno.test("payments jobs - a payout that always fails gives up; musician and admins see it", async () => {
  await using a = await startPaymentsApp();
  const b = await heldBooking(a, "Doomed");
  const flaky = flakyTransfers(a, Infinity, "No such destination: the account was closed");
  const calls = flaky.calls;

  // Auto-release by the sweep this time: the trigger queues the first attempt.
  await serviceSql(
    a,
    "update public.payments set release_at = now() - interval '1 minute' where booking_id = $1",
    [b.bookingId],
  );
  assertEquals((await sweepPayments(paymentDeps(a.platform))).released, 1);
  assertEquals(calls.length, 0, "the sweep calls no provider");
  await a.platform.worker.runOnce();
  assertEquals(calls.length, 1, "the queue made the first attempt");
  for (let i = 2; i <= RETRY.maxAttempts; i++) {
    await waitForRetry(a);
    await a.platform.worker.runOnce();
    assertEquals(calls.length, i);
  }
  const w = await work(a, b.bookingId);
  assertEquals([w.payout_state, w.work_attempts, w.wait_s, w.gave_up], [
    "failed",
    RETRY.maxAttempts,
    null,
    true,
  ]);
  await waitForRetry(a);
  await a.platform.worker.runOnce();
  await sweepPayments(paymentDeps(a.platform));
  await a.platform.worker.runOnce();
  assertEquals(calls.length, RETRY.maxAttempts, "no attempt after giving up");
  assertEquals(await postings(a, b.bookingId, "payout"), 0);

  const stopped = "failed: No such destination: the account was closed. We stopped retrying; " +
    "an admin will look at it.";
  assert((await page(a, b.musician, "/earnings")).text.includes(`Payout ${stopped}`), "earnings");
  assert((await page(a, b.musician, `/bookings/${b.bookingId}`)).text.includes(stopped), "booking");
  const [n] = await serviceSql<{ body: string }>(
    a,
    "select body from public.notifications where user_id = $1 and kind = 'payout_failed'",
    [b.musician.id],
  );
  assert(n?.body.includes("account was closed"), "the musician is told");

  const treasurer = await adminPerson(a, "Treasurer");
  const listed = await page(a, treasurer, "/admin/payments");
  assert(listed.text.includes("Doomed night") && listed.text.includes(stopped), "admins see it");
  for (const who of [b.client, b.musician]) {
    assertEquals((await page(a, who, "/admin/payments")).status, 403);
    await apiCall(a, who, "GET", `/api/bookings/${b.bookingId}/payment`, undefined, 200);
  }
  const stranger = await signUpPerson(a, "Nosy", "client");
  const [leak] = await a.platform.db.queryAsUser<{ n: number }>(
    { sub: stranger.id, role: "authenticated" },
    "select count(*)::int as n from public.payments where work_gave_up_at is not null",
  );
  assertEquals(leak.n, 0, "a stranger reads no one's failed payout");

  // Only an admin retries; bad input changes nothing; the provider healed → paid.
  const retry = { booking_id: b.bookingId };
  assertEquals((await postForm(a, b.musician.token, "/admin/payments", retry)).status, 403);
  assertEquals(
    (await postForm(a, treasurer.token, "/admin/payments", { booking_id: "nope" })).status,
    422,
  );
  assertEquals(calls.length, RETRY.maxAttempts, "refused retries call no provider");
  flaky.heal();
  assertEquals((await postForm(a, treasurer.token, "/admin/payments", retry)).status, 303);
  assertEquals(calls.length, RETRY.maxAttempts + 1);
  const healed = await work(a, b.bookingId);
  assertEquals([healed.payout_state, healed.work_attempts, healed.gave_up], ["pending", 1, false]);
  assertEquals(
    (await postForm(a, treasurer.token, "/admin/payments", retry)).status,
    409,
    "nothing failed now",
  );
  await a.platform.worker.runOnce(); // the retry's queued job finds the work done
  await sweepPayments(paymentDeps(a.platform));
  assertEquals(calls.length, RETRY.maxAttempts + 1, "one call for the retry");
  assertEquals((await work(a, b.bookingId)).payout_state, "paid");
  assertEquals(await postings(a, b.bookingId, "payout"), 1);
});
