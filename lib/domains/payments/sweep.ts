/**
 * The payments sweep (the worker's periodic task; pg_cron runs the auto-release alone on
 * Supabase): release held funds whose date has passed, queue provider work that lost its message,
 * settle the built-in provider's due payouts and deliver its scheduled events (the later
 * disputes), and remind clients of balances falling due. Provider calls are not made here: they are jobs on the `payments` queue (jobs.ts).
 */
import type { PaymentDeps } from "./deps.ts";
import { applyEvent } from "./events.ts";
import { chargeSavedCards } from "./off_session.ts";
import { PaymentEvent } from "../../ports/payments/mod.ts";

/** Work due this long ago with no message waiting is queued again (a lost or dead message). */
const STUCK_MINUTES = 10;

export async function sweepPayments(
  deps: PaymentDeps,
): Promise<{ released: number; requeued: number }> {
  // A released payment's refund or payout is queued by the payments_enqueue_work trigger.
  const [{ n }] = await deps.db.asService((tx) =>
    tx.query<{ n: number }>("select private.release_due_payments() as n")
  );
  const requeued = await deps.db.asService((tx) =>
    tx.query(
      `select pgmq.send('payments'::text, jsonb_build_object('kind', 'provider_work',
                'payment_id', p.id,
                'idempotency_key', 'payments:work:' || p.id || ':' || gen_random_uuid()))
         from public.payments p
        where (p.refund_state in ('pending', 'failed')
               or p.payout_state in ('pending', 'failed') and p.payout_ref is null)
          and p.provider is not null and p.work_gave_up_at is null
          and (p.work_lease_until is null or p.work_lease_until < now())
          and coalesce(p.work_retry_at, p.updated_at) < now() - make_interval(mins => $1::int)
          and not exists (select 1 from pgmq.q_payments q
                           where q.message ->> 'payment_id' = p.id::text)
        limit 200`,
      [STUCK_MINUTES],
    )
  );
  const due = await deps.db.asService((tx) =>
    tx.query<{ id: string; payout_ref: string }>(
      `select id, payout_ref from public.payments
        where provider = 'builtin' and payout_state = 'pending' and payout_ref is not null
          and payout_due_at <= now()
        order by payout_due_at limit 200`,
    )
  );
  for (const w of due) {
    // The built-in provider's payouts settle by themselves once due: its own payout.paid event.
    await applyEvent(deps, "builtin", {
      id: `payout_${w.id}`,
      type: "payout.paid",
      providerType: "payout.paid",
      paymentId: w.id,
      amountMinor: null,
      currency: null,
      providerRef: w.payout_ref,
      payload: {},
    });
  }
  for (const body of deps.providers.builtin.takeDue()) {
    const ev = PaymentEvent.safeParse({
      id: body.id,
      type: body.type === "charge.dispute.created" ? "dispute.created" : "unknown",
      providerType: body.type,
      paymentId: body.data.payment_id ?? null,
      amountMinor: body.data.amount_minor ?? null,
      currency: body.data.currency ?? null,
      providerRef: body.data.ref ?? null,
      payload: body,
    });
    if (ev.success) await applyEvent(deps, "builtin", ev.data);
  }
  await chargeSavedCards(deps); // Stripe bookings far ahead: saved cards charged near the date
  // Balances falling due unpaid: the client is told once (reminded_at).
  await deps.db.asService((tx) => tx.query("select private.remind_balances_due()"));
  return { released: n, requeued: requeued.length };
}
