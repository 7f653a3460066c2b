/**
 * The `payments` queue: every provider call a settled payment implies (the refund, the musician's
 * transfer) runs here as a job, and so does the daily reconcile (reconcile.ts).
 *
 * A trigger (migration 20261208000200) queues `provider_work` when a payment's refund or payout
 * becomes pending, whatever settled it. One attempt claims the payment's due work with a short
 * lease (a duplicate message, or the request's own first attempt, finds it held or done), calls
 * the provider outside any transaction with the port's idempotency key (booking + action), and
 * commits the outcome. A failure keeps the provider's error on the payment and schedules the next
 * attempt with exponential backoff, as a delayed message; after `maxAttempts` it gives up, the
 * musician (or client) is told, and admins see it on /admin/payments.
 *
 * @module
 */
import { z } from "zod";
import type { Claims, Tx } from "../../ports/db/mod.ts";
import {
  idempotencyKey,
  type PaymentProvider,
  type ProviderName,
  ProviderUnavailable,
} from "../../ports/payments/mod.ts";
import { send } from "../../ports/queue/mod.ts";
import type { Commit, DetachedHandler } from "../../ports/queue/worker.ts";
import type { PaymentDeps } from "./deps.ts";
import { reconcilePayments } from "./reconcile.ts";

export interface RetryPolicy {
  /** Attempts in all; the last failure gives up. */
  maxAttempts: number;
  /** Seconds before the second attempt; each later wait doubles, up to `capS`. */
  baseS: number;
  capS: number;
}

/** 1 min, 2, 4 … : the 8th failure, about two hours after the first, gives up. */
export const RETRY: RetryPolicy = { maxAttempts: 8, baseS: 60, capS: 6 * 3600 };

/** Seconds to wait after failed attempt number `attempt` (1-based). */
export function backoffSeconds(attempt: number, policy: RetryPolicy = RETRY): number {
  return Math.min(policy.capS, policy.baseS * 2 ** Math.max(0, attempt - 1));
}

/** How long one attempt holds the payment's work (longer than the slowest provider answer). */
const LEASE_S = 120;

export const WorkMessage = z.object({
  kind: z.literal("provider_work"),
  payment_id: z.uuid(),
  idempotency_key: z.string().min(1),
});

export const ReconcileMessage = z.object({
  kind: z.literal("reconcile"),
  day: z.iso.date(),
  days: z.number().int().min(1).max(90),
  idempotency_key: z.string().min(1),
});

/** The client's money reached escrow: the musician's notice, written off the webhook's path. */
export const HeldNoticeMessage = z.object({
  kind: z.literal("held_notice"),
  payment_id: z.uuid(),
  idempotency_key: z.string().min(1),
});

const PaymentsMessage = z.discriminatedUnion("kind", [
  WorkMessage,
  ReconcileMessage,
  HeldNoticeMessage,
]);

const Minor = z.coerce.number().int();
const Work = z.object({
  id: z.uuid(),
  booking_id: z.uuid(),
  part: z.enum(["full", "deposit", "balance"]),
  provider: z.enum(["builtin", "stripe", "razorpay"]),
  currency: z.string(),
  fee_minor: Minor,
  refunded_minor: Minor,
  provider_payment_id: z.string().nullable(),
  refund_state: z.string(),
  payout_state: z.string(),
  payout_ref: z.string().nullable(),
  work_attempts: Minor,
});
type Work = z.infer<typeof Work>;

type Result<T> = { ok: true } & T | { ok: false; error: string };
interface Outcome {
  refund?: Result<{ ref: string }>;
  payout?: Result<{ ref: string; settlesAt: Date }>;
}

const refundDue = (w: Work) => w.refund_state === "pending" || w.refund_state === "failed";
const payoutDue = (w: Work) =>
  (w.payout_state === "pending" || w.payout_state === "failed") && !w.payout_ref;
const share = (w: Work) => w.fee_minor - Math.min(w.refunded_minor, w.fee_minor);

/**
 * Takes the payment's due work for one attempt: null when there is none (done, given up, its next
 * attempt not due yet) or another attempt holds it.
 */
async function claim(tx: Tx, paymentId: string): Promise<Work | null> {
  const [row] = await tx.query(
    `update public.payments
        set work_lease_until = now() + make_interval(secs => $2::int)
      where id = $1::uuid and provider is not null and work_gave_up_at is null
        and (work_lease_until is null or work_lease_until < now())
        and (work_retry_at is null or work_retry_at <= now() + interval '1 second')
        and (refund_state in ('pending', 'failed')
             or payout_state in ('pending', 'failed') and payout_ref is null)
      returning id, booking_id, part, provider, currency, fee_minor, refunded_minor,
                provider_payment_id, refund_state, payout_state, payout_ref, work_attempts`,
    [paymentId, LEASE_S],
  );
  return row ? Work.parse(row) : null;
}

function message(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.slice(0, 500) || "The provider refused without a reason";
}

/** The provider calls, outside any transaction: the refund first (it shrinks a Route hold). */
async function callProvider(deps: PaymentDeps, w: Work): Promise<Outcome> {
  const out: Outcome = {};
  let provider: PaymentProvider;
  try {
    provider = deps.providers.get(w.provider as ProviderName);
  } catch (err) {
    if (!(err instanceof ProviderUnavailable)) throw err;
    // Its keys were removed after the payment: retried like any failure, in case they return.
    const failed = { ok: false as const, error: err.message };
    if (refundDue(w)) out.refund = failed;
    if (payoutDue(w) && share(w) > 0) out.payout = failed;
    return out;
  }
  const base = { bookingId: w.booking_id, paymentId: w.id, currency: w.currency };
  if (refundDue(w)) {
    try {
      const r = await provider.refund({
        ...base,
        amountMinor: w.refunded_minor,
        providerPaymentRef: w.provider_payment_id,
        idempotencyKey: idempotencyKey(w.booking_id, "refund", w.part),
      });
      out.refund = { ok: true, ref: r.ref };
    } catch (err) {
      out.refund = { ok: false, error: message(err) };
    }
  }
  if (payoutDue(w) && share(w) > 0) {
    try {
      const t = await provider.transfer({
        ...base,
        amountMinor: share(w),
        providerPaymentRef: w.provider_payment_id,
        idempotencyKey: idempotencyKey(w.booking_id, "release", w.part),
      });
      out.payout = { ok: true, ref: t.ref, settlesAt: t.settlesAt };
    } catch (err) {
      out.payout = { ok: false, error: message(err) };
    }
  }
  return out;
}

/** Writes an attempt's outcome, releases the lease and, after a failure, queues the next try. */
async function record(tx: Tx, w: Work, o: Outcome, policy: RetryPolicy): Promise<void> {
  const attempts = w.work_attempts + 1;
  const failed = o.refund?.ok === false || o.payout?.ok === false;
  const giveUp = failed && attempts >= policy.maxAttempts;
  const delay = failed && !giveUp ? backoffSeconds(attempts, policy) : null;
  const state = (r?: Result<unknown>) => r === undefined ? null : r.ok ? "ok" : "failed";
  await tx.query(
    `update public.payments set
        refund_state = case $2::text when 'ok' then 'done' when 'failed' then 'failed'
                       else refund_state end,
        refund_ref = case when $2::text = 'ok' then $3::text else refund_ref end,
        refund_error = case $2::text when 'ok' then null when 'failed' then $3::text
                       else refund_error end,
        payout_state = case $4::text when 'ok' then 'pending' when 'failed' then 'failed'
                       else payout_state end,
        payout_ref = case when $4::text = 'ok' then $5::text else payout_ref end,
        payout_due_at = case when $4::text = 'ok' then $6::timestamptz else payout_due_at end,
        payout_error = case $4::text when 'ok' then null when 'failed' then $5::text
                       else payout_error end,
        work_attempts = $7::int,
        work_retry_at = case when $8::int is null then null
                        else now() + make_interval(secs => $8::int) end,
        work_gave_up_at = case when $9::boolean then now() else null end,
        work_lease_until = null,
        updated_at = now()
      where id = $1::uuid`,
    [
      w.id,
      state(o.refund),
      o.refund ? (o.refund.ok ? o.refund.ref : o.refund.error) : null,
      state(o.payout),
      o.payout ? (o.payout.ok ? o.payout.ref : o.payout.error) : null,
      o.payout?.ok ? o.payout.settlesAt.toISOString() : null,
      attempts,
      delay,
      giveUp,
    ],
  );
  // The next attempt, delayed until its time: visible then, and only if this commits.
  if (delay !== null) {
    await send(tx, "payments", {
      kind: "provider_work",
      payment_id: w.id,
      idempotency_key: `payments:work:${w.id}:${crypto.randomUUID()}`,
    }, delay);
  }
}

/**
 * One attempt at a payment's due provider work: the commit that records it (null when nothing
 * was due). The queue's handler returns the commit to the worker; `providerWork` applies it.
 */
export async function attemptProviderWork(
  deps: PaymentDeps,
  paymentId: string,
  policy: RetryPolicy = RETRY,
): Promise<Commit | null> {
  const w = await deps.db.asService((tx) => claim(tx, paymentId));
  if (!w) return null;
  let outcome: Outcome;
  try {
    outcome = await callProvider(deps, w);
  } catch (err) {
    // Not the provider's answer (a bug, the database): let the lease lapse for the next message.
    await deps.db.asService((tx) =>
      tx.query("update public.payments set work_lease_until = null where id = $1::uuid", [w.id])
    );
    throw err;
  }
  return (tx) => record(tx, w, outcome, policy);
}

/**
 * The `payments` queue's consumer: provider work and the daily reconcile, outside transactions,
 * and the held notices the webhook leaves to it.
 */
export function paymentsQueueHandler(
  deps: () => PaymentDeps,
  policy: RetryPolicy = RETRY,
): DetachedHandler {
  return {
    detached: true,
    // A reconcile asks the provider about every recent payment; an attempt holds its lease this long.
    visibilityTimeout: LEASE_S,
    concurrency: 4,
    async run(msg) {
      const m = PaymentsMessage.parse(msg);
      if (m.kind === "provider_work") {
        return await attemptProviderWork(deps(), m.payment_id, policy);
      }
      if (m.kind === "held_notice") {
        return async (tx) => {
          await tx.query("select private.payments_held_notice($1::uuid)", [m.payment_id]);
        };
      }
      return await reconcilePayments(deps(), { days: m.days, day: m.day });
    },
  };
}

/**
 * An admin retries failed provider work (`retry_payment_work`: attempts reset, a fresh job
 * queued), and the first attempt runs at once, as after any transition. SC404 for non-admins.
 */
export async function retryPaymentWork(
  deps: PaymentDeps,
  claims: Claims,
  bookingId: string,
): Promise<void> {
  const [row] = await deps.db.asUser(
    claims,
    (tx) =>
      tx.query<{ id: string }>("select id from public.retry_payment_work($1::uuid)", [bookingId]),
  );
  // Every part's failed work was retried: each gets its first attempt now.
  const parts = await deps.db.asService((tx) =>
    tx.query<{ id: string }>("select id from public.payments where booking_id = $1::uuid", [
      bookingId,
    ])
  );
  for (const p of parts.length ? parts : [row]) {
    const commit = await attemptProviderWork(deps, p.id);
    if (commit) await deps.db.asService(commit);
  }
}
