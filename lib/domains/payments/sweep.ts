/**
 * The payments sweep (the worker's periodic task; pg_cron runs the auto-release alone on
 * Supabase): release held funds whose date has passed, retry provider calls left pending, settle
 * the built-in provider's due payouts and deliver its scheduled events (the later disputes).
 */
import type { PaymentDeps } from "./deps.ts";
import { providerWork } from "./actions.ts";
import { applyEvent } from "./events.ts";
import { PaymentEvent } from "../../ports/payments/mod.ts";

export async function sweepPayments(deps: PaymentDeps): Promise<{ released: number }> {
  const [{ n }] = await deps.db.asService((tx) =>
    tx.query<{ n: number }>("select private.release_due_payments() as n")
  );
  const work = await deps.db.asService((tx) =>
    tx.query<{ id: string; provider: string; payout_ref: string | null; due: boolean }>(
      `select id, provider, payout_ref, coalesce(payout_due_at <= now(), false) as due
         from public.payments
        where refund_state in ('pending', 'failed') or payout_state in ('pending', 'failed')
        order by updated_at limit 200`,
    )
  );
  for (const w of work) {
    await providerWork(deps, w.id);
    if (w.provider === "builtin" && w.payout_ref && w.due) {
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
  return { released: n };
}
