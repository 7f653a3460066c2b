import { assertEquals } from "../../../tests/_helpers/assert.ts";
import type { PaymentRow, PaymentView } from "./mod.ts";
import {
  balanceOutlook,
  type Earning,
  type EarningRow,
  monthlyPaid,
  totalsByCurrency,
} from "./earnings.ts";
import { paymentTimeline } from "./timeline.ts";

const ID = "00000000-0000-4000-8000-000000000001";
const NAMES = { client: "Blue Door", musician: "Ella" };
const at = (s: string) => new Date(s);

function payment(over: Partial<PaymentRow>): PaymentRow {
  return {
    id: ID,
    booking_id: ID,
    part: "full",
    provider: "builtin",
    state: "held",
    resolution: null,
    currency: "EUR",
    fee_minor: 40000,
    platform_fee_minor: 2000,
    provider_fee_minor: 0,
    total_minor: 42000,
    refunded_minor: 0,
    payout_state: "none",
    payout_error: null,
    refund_state: "none",
    charge_state: "none",
    release_at: at("2026-12-15T20:00:00Z"),
    held_at: at("2026-12-01T10:00:00Z"),
    settled_at: null,
    ...over,
  };
}

function view(p: PaymentRow | null, timeline: PaymentView["timeline"] = []): PaymentView {
  return {
    booking_id: ID,
    state: p?.state ?? "unpaid",
    payment: p,
    ledger: [],
    timeline,
    dispute: null,
  };
}

/** A €400 booking paid as a €100 deposit and a €300 balance (5% fees), the deposit in focus. */
function twoParts(
  deposit: Partial<PaymentRow>,
  balance: Partial<PaymentRow>,
  timeline: PaymentView["timeline"] = [],
): PaymentView {
  const d = payment({
    part: "deposit",
    fee_minor: 10000,
    platform_fee_minor: 500,
    total_minor: 10500,
    ...deposit,
  });
  const b = payment({
    id: "00000000-0000-4000-8000-000000000002",
    part: "balance",
    fee_minor: 30000,
    platform_fee_minor: 1500,
    total_minor: 31500,
    state: "unpaid",
    held_at: null,
    release_at: null,
    due_at: at("2026-12-08T20:00:00Z"),
    ...balance,
  });
  return {
    ...view(d.state === "checkout_open" ? d : b.state === "checkout_open" ? b : d, timeline),
    parts: [d, b],
  };
}

const shape = (v: PaymentView) =>
  paymentTimeline(v, NAMES).map((s) => `${s.key}:${s.status}:${s.amountMinor ?? "-"}`);

Deno.test("payment timeline - each state reads as the steps done, now and next", () => {
  assertEquals(shape(view(null)), ["unpaid:current:-", "held:upcoming:-", "released:upcoming:-"]);
  assertEquals(shape(view(payment({ state: "checkout_open", held_at: null }))), [
    "checkout:current:-",
    "held:upcoming:-",
    "released:upcoming:40000",
  ]);
  const held = paymentTimeline(view(payment({})), NAMES);
  assertEquals(held.map((s) => s.status), ["done", "done", "upcoming"]);
  assertEquals(held[2].at, at("2026-12-15T20:00:00Z"), "the release step carries its due date");
  assertEquals(
    shape(view(payment({ state: "released", payout_state: "paid", settled_at: at("2026-12-16") }), [
      { at: at("2026-12-16T01:00:00Z"), what: "payout", amount_minor: null },
    ])),
    ["checkout:done:-", "held:done:42000", "released:done:40000", "payout:done:40000"],
  );
  assertEquals(
    shape(
      view(payment({ state: "refunded", refunded_minor: 42000, settled_at: at("2026-12-02") })),
    ),
    ["checkout:done:-", "held:done:42000", "refunded:done:42000"],
    "a full refund has no payout step",
  );
  const failed = paymentTimeline(
    view(payment({ state: "released", payout_state: "failed", payout_error: "card_declined" })),
    NAMES,
  );
  assertEquals(failed.at(-1)?.status, "problem");
  assertEquals(failed.at(-1)?.note, "card_declined");
  assertEquals(shape(view(payment({ state: "disputed" }))), [
    "checkout:done:-",
    "held:done:42000",
    "disputed:current:-",
    "resolved:upcoming:-",
  ]);
});

function earning(over: Partial<EarningRow>): EarningRow {
  return {
    payment_id: crypto.randomUUID(),
    booking_id: ID,
    part: "full",
    state: "held",
    resolution: null,
    currency: "EUR",
    fee_minor: 10000,
    refunded_minor: 0,
    payout_state: "none",
    payout_error: null,
    release_at: null,
    held_at: at("2026-11-01"),
    settled_at: null,
    paid_at: null,
    ...over,
  };
}

Deno.test("earnings - totals per currency by bucket; refunds count for nothing", () => {
  const rows = [
    earning({}),
    earning({ state: "disputed", fee_minor: 5000 }),
    earning({ state: "released", payout_state: "pending" }),
    earning({ state: "partially_refunded", refunded_minor: 2500, payout_state: "paid" }),
    earning({ state: "refunded", refunded_minor: 10500 }),
    earning({ state: "released", payout_state: "paid", currency: "GBP", fee_minor: 30000 }),
  ];
  assertEquals(totalsByCurrency(rows), [
    { currency: "EUR", held: 15000, releasing: 10000, paid: 7500 },
    { currency: "GBP", held: 0, releasing: 0, paid: 30000 },
  ]);
});

Deno.test("earnings - paid out per month over the last months, by payout date", () => {
  const rows = [
    earning({ state: "released", payout_state: "paid", paid_at: at("2026-12-03T00:00:00Z") }),
    earning({ state: "released", payout_state: "paid", paid_at: at("2026-12-20T00:00:00Z") }),
    earning({ state: "released", payout_state: "paid", paid_at: at("2026-10-31T23:00:00Z") }),
    earning({ state: "released", payout_state: "paid", paid_at: at("2025-01-01T00:00:00Z") }),
    earning({ state: "released", payout_state: "pending" }),
  ];
  const [eur, ...rest] = monthlyPaid(rows, at("2026-12-24T00:00:00Z"), 3);
  assertEquals(rest, []);
  assertEquals(eur.currency, "EUR");
  assertEquals(eur.bars.map((b) => [b.key, b.paidMinor]), [
    ["2026-10", 10000],
    ["2026-11", 0],
    ["2026-12", 20000],
  ]);
  assertEquals(eur.bars[2].label, "Dec 2026");
  assertEquals(monthlyPaid([earning({})], at("2026-12-24")), [], "nothing paid: no chart");
});

Deno.test("payment timeline - two parts: the deposit, the balance due or paid, one outcome", () => {
  const names = { ...NAMES, startsAt: at("2026-12-15T20:00:00Z"), now: at("2026-12-01T12:00:00Z") };
  const two = (v: PaymentView) =>
    paymentTimeline(v, names).map((s) => `${s.key}:${s.status}:${s.amountMinor ?? "-"}`);
  assertEquals(
    two(twoParts({ state: "checkout_open", held_at: null, release_at: null }, {})),
    ["deposit:current:10500", "balance:upcoming:31500", "released:upcoming:40000"],
  );
  const held = paymentTimeline(twoParts({}, {}), names);
  assertEquals(held.map((s) => `${s.key}:${s.status}:${s.amountMinor}`), [
    "deposit:done:10500",
    "balance:upcoming:31500",
    "released:upcoming:40000",
  ]);
  assertEquals(held[1].at, at("2026-12-08T20:00:00Z"), "the balance step carries its due date");
  assertEquals(held[1].label, "Balance due");
  assertEquals(
    two(twoParts({}, { state: "held", held_at: at("2026-12-05"), release_at: at("2026-12-18") })),
    ["deposit:done:10500", "balance:done:31500", "released:upcoming:40000"],
  );
  // The gig started with the balance unpaid: only the deposit is still to be released.
  const missed = paymentTimeline(twoParts({}, {}), { ...names, now: at("2026-12-16") });
  assertEquals(missed.map((s) => `${s.key}:${s.status}:${s.amountMinor}`), [
    "deposit:done:10500",
    "balance:problem:31500",
    "released:upcoming:10000",
  ]);
  assertEquals(missed[1].label, "Balance not paid by the gig");
  const settled = { settled_at: at("2026-12-19"), payout_state: "paid" as const };
  assertEquals(
    two(
      twoParts({ state: "released", ...settled }, {
        state: "released",
        held_at: at("2026-12-05"),
        ...settled,
      }, [{ at: at("2026-12-19T01:00:00Z"), what: "payout", amount_minor: null }]),
    ),
    ["deposit:done:10500", "balance:done:31500", "released:done:40000", "payout:done:40000"],
  );
  // A refund of €200 is taken from the balance first; the musician keeps €200 of both parts.
  assertEquals(
    two(twoParts({ state: "released", ...settled, payout_state: "pending" }, {
      state: "partially_refunded",
      held_at: at("2026-12-05"),
      refunded_minor: 20000,
      ...settled,
      payout_state: "pending",
    })),
    ["deposit:done:10500", "balance:done:31500", "refunded:done:20000", "payout:current:20000"],
  );
  assertEquals(
    two(twoParts({ state: "disputed" }, { state: "disputed", held_at: at("2026-12-05") })),
    ["deposit:done:10500", "balance:done:31500", "disputed:current:-", "resolved:upcoming:-"],
  );
  assertEquals(
    two(twoParts({ state: "disputed" }, {})),
    ["deposit:done:10500", "balance:upcoming:31500", "disputed:current:-", "resolved:upcoming:-"],
    "a balance unpaid when the deposit is frozen waits",
  );
  assertEquals(
    paymentTimeline(twoParts({ state: "checkout_open", held_at: null }, {}), {
      ...names,
      cancelled: true,
    })[1].label,
    "Balance not needed: the booking was cancelled",
  );
});

Deno.test("earnings - a deposit held counts as held; an unpaid balance counts nowhere", () => {
  const deposit = earning({ part: "deposit", fee_minor: 10000 });
  const balance = earning({ part: "balance", fee_minor: 30000, state: "unpaid", held_at: null });
  assertEquals(totalsByCurrency([deposit, balance]), [
    { currency: "EUR", held: 10000, releasing: 0, paid: 0 },
  ]);
  const paid = { state: "released", payout_state: "paid", paid_at: at("2026-12-20T00:00:00Z") };
  const [eur] = monthlyPaid(
    [{ ...deposit, ...paid }, { ...balance, ...paid, held_at: at("2026-12-01") }],
    at("2026-12-24T00:00:00Z"),
    1,
  );
  assertEquals(eur.bars[0].paidMinor, 40000, "each paid-out part counts");
  const listed = (e: EarningRow, over: Partial<Earning> = {}): Earning => ({
    ...e,
    gig_title: "Night",
    client_name: "Blue Door",
    starts_at: "2026-12-15T20:00:00Z",
    timezone: "Europe/Berlin",
    booking_status: "confirmed",
    ...over,
  });
  const all = [listed(deposit), listed(balance)];
  assertEquals(balanceOutlook(all[1], all, at("2026-12-01")), "due");
  assertEquals(balanceOutlook(all[1], all, at("2026-12-16")), "not_paid");
  assertEquals(
    balanceOutlook(listed(balance, { booking_status: "cancelled" }), all, at("2026-12-01")),
    "cancelled",
  );
});
