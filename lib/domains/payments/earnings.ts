/**
 * A musician's earnings: each paid part's share (the whole fee, or the deposit and the balance)
 * in one of three buckets (held in escrow, released and on its way, paid out), totals per currency
 * and paid-out amounts per month. A balance not paid yet is listed as due, never counted as held.
 * The query reads as the musician, so RLS shows only their own bookings' payments.
 *
 * @module
 */
import { z } from "zod";
import type { Tx } from "../../ports/db/mod.ts";
import { listOwnBookings } from "../gigs/mod.ts";
import { musicianShare } from "./timeline.ts";
import { PaymentPart } from "./schemas.ts";

const Minor = z.coerce.number().int();

export const EarningRow = z.object({
  payment_id: z.string().uuid(),
  booking_id: z.string().uuid(),
  part: PaymentPart.default("full"),
  state: z.string(),
  resolution: z.string().nullable(),
  currency: z.string(),
  fee_minor: Minor,
  refunded_minor: Minor,
  payout_state: z.string(),
  payout_error: z.string().nullable(),
  /** The next payout attempt after a failure (null: none scheduled). */
  work_retry_at: z.coerce.date().nullish(),
  /** Set once the payments queue stopped retrying a failed payout. */
  work_gave_up_at: z.coerce.date().nullish(),
  release_at: z.coerce.date().nullable(),
  /** The balance: when it falls due. */
  due_at: z.coerce.date().nullish(),
  held_at: z.coerce.date().nullable(),
  settled_at: z.coerce.date().nullable(),
  paid_at: z.coerce.date().nullable(),
});
export type EarningRow = z.infer<typeof EarningRow>;

export interface Earning extends EarningRow {
  gig_title: string;
  client_name: string;
  starts_at: string;
  timezone: string;
  booking_status: string;
}

/**
 * held: in escrow (frozen too, when disputed); releasing: released, payout not yet paid;
 * due: a balance the client has not paid yet (counted in no total).
 */
export type Bucket = "due" | "held" | "releasing" | "paid" | "refunded";

export function bucketOf(
  e: Pick<EarningRow, "state" | "fee_minor" | "refunded_minor" | "payout_state">,
): Bucket {
  if (e.state === "unpaid" || e.state === "checkout_open") return "due";
  if (e.state === "held" || e.state === "disputed") return "held";
  if (musicianShare(e) === 0) return "refunded";
  return e.payout_state === "paid" ? "paid" : "releasing";
}

/** What counts for the musician: the whole fee (of the part) while held or due, their share once settled. */
export function amountOf(e: EarningRow): number {
  const bucket = bucketOf(e);
  return bucket === "held" || bucket === "due" ? e.fee_minor : musicianShare(e);
}

/** Where an unpaid balance stands: due on its date, on hold, or no longer expected. */
export function balanceOutlook(
  e: Earning,
  all: Earning[],
  now = new Date(),
): "due" | "on_hold" | "not_paid" | "cancelled" {
  if (e.booking_status === "cancelled") return "cancelled";
  const deposit = all.find((x) => x.booking_id === e.booking_id && x.part === "deposit");
  if (deposit?.state === "disputed") return "on_hold";
  if (new Date(e.starts_at) <= now || (deposit && deposit.state !== "held")) return "not_paid";
  return "due";
}

export interface Totals {
  currency: string;
  held: number;
  releasing: number;
  paid: number;
}

export function totalsByCurrency(rows: EarningRow[]): Totals[] {
  const by = new Map<string, Totals>();
  for (const e of rows) {
    const bucket = bucketOf(e);
    if (bucket === "refunded" || bucket === "due") continue;
    const t = by.get(e.currency) ?? { currency: e.currency, held: 0, releasing: 0, paid: 0 };
    t[bucket] += amountOf(e);
    by.set(e.currency, t);
  }
  return [...by.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

export interface MonthBar {
  /** `YYYY-MM` (UTC). */
  key: string;
  label: string;
  paidMinor: number;
}

const MONTH = new Intl.DateTimeFormat("en-GB", {
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

/** Paid-out amounts per month for the `months` months up to `now`, per currency paid in. */
export function monthlyPaid(
  rows: EarningRow[],
  now: Date,
  months = 6,
): { currency: string; bars: MonthBar[] }[] {
  const keys: MonthBar[] = [];
  for (let i = months - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    keys.push({ key: d.toISOString().slice(0, 7), label: MONTH.format(d), paidMinor: 0 });
  }
  const by = new Map<string, MonthBar[]>();
  for (const e of rows) {
    if (bucketOf(e) !== "paid" || !e.paid_at) continue;
    const bars = by.get(e.currency) ?? keys.map((k) => ({ ...k }));
    const bar = bars.find((b) => b.key === e.paid_at!.toISOString().slice(0, 7));
    if (bar) bar.paidMinor += amountOf(e);
    by.set(e.currency, bars);
  }
  return [...by.entries()].sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, bars]) => ({ currency, bars }));
}

/**
 * The caller's payments as the musician of a booking: every part paid, and a balance still to
 * pay once its deposit was paid; the most recently paid booking first, each deposit before its
 * balance.
 */
export async function listEarnings(tx: Tx): Promise<Earning[]> {
  const bookings = await listOwnBookings(tx, { role: "musician" });
  if (bookings.length === 0) return [];
  const rows = await tx.query(
    `select p.id as payment_id, p.booking_id, p.part, p.state, p.resolution, p.currency,
            p.fee_minor, p.refunded_minor, p.payout_state, p.payout_error, p.work_retry_at,
            p.work_gave_up_at, p.release_at, p.due_at, p.held_at, p.settled_at,
            (select t.created_at from public.ledger_transactions t
              where t.payment_id = p.id and t.kind = 'payout') as paid_at
       from public.payments p
      where p.booking_id = any($1::uuid[])
        and (p.held_at is not null
             or p.part = 'balance' and exists (
               select 1 from public.payments d
                where d.booking_id = p.booking_id and d.part = 'deposit' and d.held_at is not null))
      order by max(p.held_at) over (partition by p.booking_id) desc, p.booking_id,
               case p.part when 'balance' then 2 when 'deposit' then 1 else 0 end`,
    [bookings.map((b) => b.id)],
  );
  const byId = new Map(bookings.map((b) => [b.id, b]));
  return rows.map((r) => {
    const e = EarningRow.parse(r);
    const b = byId.get(e.booking_id)!;
    return {
      ...e,
      gig_title: b.gig_title,
      client_name: b.client_name,
      starts_at: b.starts_at,
      timezone: b.timezone,
      booking_status: b.status,
    };
  });
}
