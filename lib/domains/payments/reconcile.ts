/**
 * The daily reconcile: for each payment touched in the last N days, the provider's objects (the
 * client's payment, the refund, the musician's transfer) are fetched and compared with what the
 * ledger posted for them. Disagreement is recorded in `payment_drift` (one open row per payment
 * and object, shown to admins on /admin/payments); agreement again resolves it.
 *
 * The built-in provider keeps its record in memory: an object it forgot (a restart) is counted as
 * unchecked rather than flagged. Stripe or Razorpay having no such object is drift.
 *
 * @module
 */
import { z } from "zod";
import type { Tx } from "../../ports/db/mod.ts";
import type {
  PaymentProvider,
  ProviderName,
  ProviderObject,
  ProviderObjectKind,
} from "../../ports/payments/mod.ts";
import type { Commit } from "../../ports/queue/worker.ts";
import type { PaymentDeps } from "./deps.ts";

const Minor = z.coerce.number().int();
const Touched = z.object({
  id: z.uuid(),
  booking_id: z.uuid(),
  provider: z.enum(["builtin", "stripe", "razorpay"]),
  currency: z.string(),
  provider_payment_id: z.string().nullable(),
  refund_state: z.string(),
  refund_ref: z.string().nullable(),
  payout_state: z.string(),
  payout_ref: z.string().nullable(),
  captured: Minor,
  refunded: Minor,
  payable: Minor,
});
type Touched = z.infer<typeof Touched>;

/** What the ledger says one provider object should be. */
export interface Expected {
  kind: ProviderObjectKind;
  ref: string;
  amountMinor: number;
  currency: string;
  /** Provider statuses that agree with the ledger. */
  statuses: ProviderObject["status"][];
}

export interface Finding {
  paymentId: string;
  bookingId: string;
  provider: ProviderName;
  expected: Expected;
  /** Undefined: not compared (the provider could not say); null: the provider has no such object. */
  actual?: ProviderObject | null;
  /** Why it drifts; null when it agrees. */
  drift: string | null;
}

export interface ReconcileSummary {
  checked: number;
  drifted: number;
  unchecked: number;
}

/** Payments whose money moved in the last `days` days, with the ledger's amounts per object. */
async function touched(tx: Tx, days: number): Promise<Touched[]> {
  const rows = await tx.query(
    `select p.id, p.booking_id, p.provider, p.currency, p.provider_payment_id, p.refund_state,
            p.refund_ref, p.payout_state, p.payout_ref,
            coalesce(sum(e.amount_minor) filter (where t.kind = 'capture' and e.account = 'escrow'), 0)
              as captured,
            coalesce(sum(e.amount_minor) filter (where e.account = 'refunds'), 0) as refunded,
            coalesce(sum(e.amount_minor) filter (where e.account = 'musician_payable'
                                                   and e.amount_minor > 0), 0) as payable
       from public.payments p
       left join public.ledger_transactions t on t.payment_id = p.id
       left join public.ledger_entries e on e.transaction_id = t.id
      where p.provider is not null and p.held_at is not null
        and p.updated_at >= now() - make_interval(days => $1::int)
      group by p.id
      order by p.updated_at desc
      limit 1000`,
    [days],
  );
  return rows.map((r) => Touched.parse(r));
}

/** The objects the ledger expects at the provider for one payment. */
export function expectations(p: Touched): Expected[] {
  const out: Expected[] = [];
  const base = { currency: p.currency };
  if (p.provider_payment_id && p.captured > 0) {
    out.push({
      ...base,
      kind: "payment",
      ref: p.provider_payment_id,
      amountMinor: p.captured,
      statuses: ["succeeded"],
    });
  }
  if (p.refund_state === "done" && p.refund_ref) {
    out.push({
      ...base,
      kind: "refund",
      ref: p.refund_ref,
      amountMinor: p.refunded,
      // A provider's refund may still be on its way; failed or missing is drift.
      statuses: ["succeeded", "pending"],
    });
  }
  if (p.payout_ref && p.payout_state !== "failed") {
    out.push({
      ...base,
      kind: "transfer",
      ref: p.payout_ref,
      amountMinor: p.payable,
      // Paid in our ledger: the provider must have made it; still settling: either.
      statuses: p.payout_state === "paid" ? ["succeeded"] : ["succeeded", "pending"],
    });
  }
  return out;
}

/** Why `actual` disagrees with `expected`, or null. */
export function compare(expected: Expected, actual: ProviderObject | null): string | null {
  if (!actual) return `The provider has no ${expected.kind} ${expected.ref}`;
  const problems: string[] = [];
  if (actual.amountMinor !== expected.amountMinor) {
    problems.push(
      `amount ${actual.amountMinor} at the provider, ${expected.amountMinor} in the ledger`,
    );
  }
  if (actual.currency !== expected.currency) {
    problems.push(
      `currency ${actual.currency} at the provider, ${expected.currency} in the ledger`,
    );
  }
  if (!expected.statuses.includes(actual.status)) {
    problems.push(`status ${actual.status} at the provider, ${expected.statuses[0]} expected`);
  }
  return problems.length ? `${expected.kind} ${expected.ref}: ${problems.join("; ")}` : null;
}

async function check(
  provider: PaymentProvider,
  p: Touched,
  expected: Expected,
): Promise<Finding> {
  const base = { paymentId: p.id, bookingId: p.booking_id, provider: p.provider, expected };
  let actual: ProviderObject | null;
  try {
    actual = await provider.retrieve(expected.kind, expected.ref);
  } catch {
    return { ...base, drift: null }; // the provider did not answer: tomorrow's run tries again
  }
  if (!actual && p.provider === "builtin") return { ...base, drift: null };
  return { ...base, actual, drift: compare(expected, actual) };
}

/** Records findings: drift upserted per (payment, object), agreement resolving an open one. */
async function recordFindings(tx: Tx, findings: Finding[], day: string | null): Promise<void> {
  for (const f of findings) {
    if (f.actual === undefined) continue;
    const e = f.expected;
    if (f.drift) {
      await tx.query(
        `insert into public.payment_drift
           (payment_id, booking_id, provider, object, provider_ref, expected, actual, detail)
         values ($1::uuid, $2::uuid, $3, $4, $5, $6::jsonb, $7::jsonb, $8)
         on conflict (payment_id, object) do update
           set provider_ref = excluded.provider_ref, expected = excluded.expected,
               actual = excluded.actual, detail = excluded.detail, last_seen_at = now(),
               resolved_at = null,
               first_seen_at = case when payment_drift.resolved_at is null
                                    then payment_drift.first_seen_at else now() end`,
        [
          f.paymentId,
          f.bookingId,
          f.provider,
          e.kind,
          e.ref,
          JSON.stringify({ amount_minor: e.amountMinor, currency: e.currency, status: e.statuses }),
          f.actual === null ? null : JSON.stringify({
            amount_minor: f.actual.amountMinor,
            currency: f.actual.currency,
            status: f.actual.status,
          }),
          f.drift.slice(0, 1000),
        ],
      );
    } else {
      await tx.query(
        `update public.payment_drift set resolved_at = now()
          where payment_id = $1::uuid and object = $2 and resolved_at is null`,
        [f.paymentId, e.kind],
      );
    }
  }
  const s = summarise(findings);
  if (day) {
    await tx.query(
      `update public.payment_reconcile_runs
          set finished_at = now(), checked = $2::int, drifted = $3::int, unchecked = $4::int
        where day = $1::date`,
      [day, s.checked, s.drifted, s.unchecked],
    );
  }
}

export function summarise(findings: Finding[]): ReconcileSummary {
  const compared = findings.filter((f) => f.actual !== undefined);
  return {
    checked: compared.length,
    drifted: compared.filter((f) => f.drift).length,
    unchecked: findings.length - compared.length,
  };
}

/**
 * Fetches and compares (outside any transaction); the commit records drift and, with `day`, the
 * day's run. The queue's reconcile message runs it; tests call it directly.
 */
export async function reconcilePayments(
  deps: PaymentDeps,
  opts: { days: number; day?: string },
): Promise<Commit> {
  const payments = await deps.db.asService((tx) => touched(tx, opts.days));
  const findings: Finding[] = [];
  for (const p of payments) {
    let provider: PaymentProvider;
    try {
      provider = deps.providers.get(p.provider);
    } catch {
      // Not configured here any more: nothing to compare with.
      for (const e of expectations(p)) {
        findings.push({
          paymentId: p.id,
          bookingId: p.booking_id,
          provider: p.provider,
          expected: e,
          drift: null,
        });
      }
      continue;
    }
    for (const e of expectations(p)) findings.push(await check(provider, p, e));
  }
  deps.log?.({ level: "info", msg: "payments reconciled", ...summarise(findings) });
  return (tx) => recordFindings(tx, findings, opts.day ?? null);
}
