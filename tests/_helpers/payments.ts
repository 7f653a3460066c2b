/** A confirmed booking made through the API, and signed built-in webhooks, for payment tests. */
import { startTestApp, type TestApp } from "./app.ts";
import { assertEquals } from "./assert.ts";
import { apiCall, type Person, signUpPerson } from "./fuzz.ts";
import { applyTo, publishedGig, publishedMusician } from "./booking.ts";
import { SIGNATURE_HEADER, signBuiltin } from "../../lib/ports/payments/builtin.ts";

export const BUILTIN_SECRET = "payments-test-builtin-secret-0123456789";
const DAY = 86_400_000;

export interface Booked {
  client: Person;
  musician: Person;
  bookingId: string;
}

/** A client, a published musician, a gig `days` ahead and the accepted application. */
export async function makeBooking(app: TestApp, tag: string, days = 30): Promise<Booked> {
  const client = await signUpPerson(app, `${tag}Client`, "client");
  const musician = await publishedMusician(app, `${tag}Musician`, `${tag} Trio`);
  const gigId = await publishedGig(app, client, `${tag} night`, new Date(Date.now() + days * DAY));
  const applicationId = await applyTo(app, musician, gigId);
  const booking = await apiCall(
    app,
    client,
    "POST",
    `/api/applications/${applicationId}/accept`,
    undefined,
    201,
  );
  return { client, musician, bookingId: String(booking.id) };
}

/** A built-in provider webhook as the provider would send it. */
export async function builtinWebhook(
  app: TestApp,
  body: Record<string, unknown>,
  opts: { secret?: string; now?: number; tamper?: boolean } = {},
): Promise<Response> {
  const raw = JSON.stringify(body);
  const signature = await signBuiltin(opts.secret ?? BUILTIN_SECRET, raw, opts.now);
  return await app.fetch("/functions/v1/payments-webhook", {
    method: "POST",
    headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signature },
    body: opts.tamper ? raw.replace(/"amount_minor":(\d+)/, '"amount_minor":1$1') : raw,
  });
}

/** A query as the service role, on whichever database the test app runs. */
export function serviceSql<T>(a: TestApp, text: string, params: unknown[] = []): Promise<T[]> {
  return a.platform.db.asService((tx) => tx.query<T>(text, params));
}

/** Every invariant of the ledger and of each payment against its postings; [] when all hold. */
export function ledgerViolations(q: (text: string) => Promise<unknown[]>): Promise<unknown[]> {
  return q(
    `select 'unbalanced' as what, transaction_id::text as id from public.ledger_entries
      group by transaction_id having sum(amount_minor) <> 0
     union all
     select 'currencies', t.id::text from public.ledger_transactions t
       join public.ledger_entries e on e.transaction_id = t.id
      group by t.id, t.currency having count(distinct e.currency) <> 1 or min(e.currency) <> t.currency
     union all
     select 'negative escrow', booking_id::text from public.ledger_entries where account = 'escrow'
      group by booking_id having sum(amount_minor) < 0
     union all
     select 'state vs postings: ' || p.state, p.id::text from public.payments p
       left join lateral (
         select count(*) filter (where t.kind = 'capture') as captures,
                count(*) filter (where t.kind in ('release', 'refund')) as settles,
                count(*) filter (where t.kind = 'payout') as payouts
           from public.ledger_transactions t where t.payment_id = p.id) t on true
       left join lateral (
         select coalesce(sum(amount_minor) filter (where account = 'escrow'), 0) as escrow,
                coalesce(sum(amount_minor) filter (where account = 'client_funds'), 0) as client,
                coalesce(sum(amount_minor) filter (where account = 'refunds'), 0) as refunds,
                coalesce(sum(amount_minor) filter (where account in ('musician_payable', 'payouts')),
                  0) as musician,
                coalesce(sum(amount_minor) filter (where account = 'payouts'), 0) as paid_out
           from public.ledger_entries e
           join public.ledger_transactions tx on tx.id = e.transaction_id
          where tx.payment_id = p.id) e on true
      where not case
        when p.state in ('unpaid', 'checkout_open') then
          t.captures = 0 and t.settles = 0 and t.payouts = 0 and e.escrow = 0 and e.client = 0
        when p.state in ('held', 'disputed') then
          t.captures = 1 and t.settles = 0 and t.payouts = 0 and e.escrow = p.total_minor
          and e.client = -p.total_minor
        else
          t.captures = 1 and t.settles = 1 and e.escrow = 0 and e.client = -p.total_minor
          and e.refunds = p.refunded_minor
          and e.musician = greatest(p.fee_minor - p.refunded_minor, 0)
          and (t.payouts = 1) = (p.payout_state = 'paid')
          and e.paid_out = case when p.payout_state = 'paid' then e.musician else 0 end
      end`,
  );
}

/**
 * Every ledger invariant holds (each transaction sums to zero in one currency, no escrow is
 * negative, each payment's postings match its state).
 */
export async function assertLedgerIntact(a: TestApp): Promise<void> {
  assertEquals(await ledgerViolations((text) => serviceSql(a, text)), []);
}

/** How many ledger transactions of `kind` the booking has. */
export async function postings(a: TestApp, bookingId: string, kind: string): Promise<number> {
  const [r] = await serviceSql<{ n: number }>(
    a,
    "select count(*)::int as n from public.ledger_transactions where booking_id = $1 and kind = $2",
    [bookingId, kind],
  );
  return r.n;
}

export interface OpenCheckout {
  id: string;
  total_minor: number;
  currency: string;
}

/** The client opens the booking's checkout through the API; its payment. */
export async function openCheckout(a: TestApp, b: Booked): Promise<OpenCheckout> {
  const r = await apiCall(
    a,
    b.client,
    "POST",
    `/api/bookings/${b.bookingId}/payment/checkout`,
    undefined,
    201,
  );
  return r.payment as OpenCheckout;
}

/** A booking whose funds are held: checkout, then the built-in provider's `charge.succeeded`. */
export async function heldBooking(
  a: TestApp,
  tag: string,
): Promise<Booked & { payment: OpenCheckout }> {
  const b = await makeBooking(a, tag);
  const payment = await openCheckout(a, b);
  const res = await builtinWebhook(a, {
    id: `evt_${payment.id}_ok`,
    type: "charge.succeeded",
    data: {
      payment_id: payment.id,
      amount_minor: payment.total_minor,
      currency: payment.currency,
      ref: `ch_${payment.id}`,
    },
  });
  assertEquals(res.status, 200);
  await res.body?.cancel();
  return { ...b, payment };
}

/** The client's "the gig happened" through the API, which must answer `expect`; its view. */
export async function releaseAs(a: TestApp, b: Booked, expect = 200) {
  const path = `/api/bookings/${b.bookingId}/payment/release`;
  return await apiCall(a, b.client, "POST", path, undefined, expect);
}

/** The client opens the checkout of one part ("full", "deposit" or "balance"); that part. */
export async function openPart(
  a: TestApp,
  b: Booked,
  part: "full" | "deposit" | "balance",
): Promise<OpenCheckout> {
  const path = `/api/bookings/${b.bookingId}/payment/checkout`;
  const r = await apiCall(a, b.client, "POST", path, { part }, 201);
  return r.payment as OpenCheckout;
}

/** The built-in provider's `charge.succeeded` for one part; the webhook's result. */
export async function capture(a: TestApp, p: OpenCheckout): Promise<string> {
  const res = await builtinWebhook(a, {
    id: `evt_${p.id}_ok`,
    type: "charge.succeeded",
    data: {
      payment_id: p.id,
      amount_minor: p.total_minor,
      currency: p.currency,
      ref: `ch_${p.id}`,
    },
  });
  assertEquals(res.status, 200);
  return (await res.json()).result;
}

/**
 * A booking `days` ahead paid in two parts: the deposit held and the balance's checkout open,
 * or (`balance: "held"`) both held.
 */
export async function depositBooking(
  a: TestApp,
  tag: string,
  opts: { days?: number; balance?: "open" | "held" } = {},
): Promise<Booked & { deposit: OpenCheckout; balance: OpenCheckout }> {
  const b = await makeBooking(a, tag, opts.days ?? 30);
  const deposit = await openPart(a, b, "deposit");
  assertEquals(await capture(a, deposit), "applied");
  const balance = await openPart(a, b, "balance");
  if (opts.balance === "held") assertEquals(await capture(a, balance), "applied");
  return { ...b, deposit, balance };
}

/** The embedded app as the payment tests run it: no worker, the built-in provider paying out at once. */
export function startPaymentsApp(env: Record<string, string> = {}): Promise<TestApp> {
  return startTestApp({
    WORKER: "off",
    PAYMENTS_BUILTIN_SECRET: BUILTIN_SECRET,
    PAYMENTS_BUILTIN_PAYOUT_DELAY_S: "0",
    ...env,
  });
}
