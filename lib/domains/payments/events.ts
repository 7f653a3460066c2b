/**
 * Verified provider events, applied exactly once: the event row (unique by provider and event id)
 * and its ledger posting commit in one transaction, so a replay finds the row and posts nothing.
 * Events apply by the payment's state, not by arrival: one that comes too early (a dispute before
 * the capture) stays pending and is applied after the next event of its booking that does apply.
 */
import type { Tx } from "../../ports/db/mod.ts";
import { PaymentEvent, type ProviderName } from "../../ports/payments/mod.ts";
import { connectStatusFromEvent } from "../../ports/payments/stripe_connect.ts";
import type { PaymentDeps } from "./deps.ts";
import { applySubscriptionEvent, withCurrentState } from "../plans/events.ts";

export type ApplyResult = "applied" | "duplicate" | "stale" | "pending" | "flagged" | "ignored";

interface Stored {
  id: string;
  bookingId: string | null;
}

/** Stores and applies one verified event; safe to call any number of times, concurrently. */
export async function applyEvent(
  deps: PaymentDeps,
  provider: ProviderName,
  verified: PaymentEvent,
): Promise<ApplyResult> {
  // A subscription event goes by the subscription's current state, read before the transaction.
  const current = await withCurrentState(deps, provider, verified);
  return await deps.db.asService(async (tx) => {
    let event = current;
    // Ours by the metadata we set; else by the provider's payment reference (a Stripe dispute
    // carries no metadata of ours, only its PaymentIntent).
    const [payment] = event.paymentId
      ? await tx.query<{ booking_id: string }>(
        "select booking_id from public.payments where id = $1::uuid and provider = $2",
        [event.paymentId, provider],
      )
      : event.providerRef && event.type !== "unknown"
      ? await tx.query<{ booking_id: string; id: string }>(
        `select booking_id, id from public.payments
          where provider = $1 and provider_payment_id = $2`,
        [provider, event.providerRef],
      )
      : [];
    if (payment && "id" in payment) event = { ...event, paymentId: String(payment.id) };
    // The booking first, as every transition locks it: the event row's foreign key takes a share
    // lock on it, and two events of one booking each holding that would deadlock on upgrading.
    if (payment) {
      await tx.query("select 1 from public.bookings where id = $1::uuid for update", [
        payment.booking_id,
      ]);
    }
    const { payload, ...normalised } = event;
    const [row] = await tx.query<{ id: string }>(
      `insert into public.payment_events (provider, event_id, type, booking_id, payload)
       values ($1, $2, $3, $4::uuid, $5::jsonb)
       on conflict (provider, event_id) do nothing returning id`,
      [provider, event.id, event.providerType || event.type, payment?.booking_id ?? null, {
        event: normalised,
        raw: payload,
      }],
    );
    if (!row) return "duplicate";
    const stored = { id: row.id, bookingId: payment?.booking_id ?? null };
    if (event.type === "unknown") {
      return await applyAccountEvent(tx, provider, event, stored) ??
        await applyPlanEvent(tx, provider, event, stored) ?? "ignored";
    }
    if (!payment) return await flag(tx, stored, "No payment of this provider matches the event");
    const result = await applyStored(tx, deps, stored, normalised);
    if (result === "applied") await retryPending(tx, deps, stored);
    return result;
  });
}

/**
 * A Stripe `account.updated`: the musician's Connect account status, applied by the event's own
 * time so an older one arriving late changes nothing. Null for any other unknown event.
 */
async function applyAccountEvent(
  tx: Tx,
  provider: ProviderName,
  event: PaymentEvent,
  stored: Stored,
): Promise<ApplyResult | null> {
  const status = provider === "stripe" ? connectStatusFromEvent(event) : null;
  if (!status) return null;
  const created = Number((event.payload as { created?: unknown }).created);
  const at = Number.isFinite(created) ? new Date(created * 1000) : new Date();
  const [r] = await tx.query<{ r: string }>(
    "select private.set_payout_status('stripe', $1, $2, $3, $4, $5::timestamptz) as r",
    [
      status.accountId,
      status.chargesEnabled,
      status.payoutsEnabled,
      status.detailsSubmitted,
      at.toISOString(),
    ],
  );
  if (r.r === "unknown") return await flag(tx, stored, "No payout account matches the event");
  await done(tx, stored);
  return r.r === "applied" ? "applied" : "stale";
}

/**
 * A subscription's state (the studio's plans, lib/domains/plans), applied by the provider's time
 * of it so an older event arriving late changes nothing. Null for any other unknown event.
 */
async function applyPlanEvent(
  tx: Tx,
  provider: ProviderName,
  event: PaymentEvent,
  stored: Stored,
): Promise<ApplyResult | null> {
  const r = await applySubscriptionEvent(tx, provider, event);
  if (r === null) return null;
  if (r === "unknown") return await flag(tx, stored, "No user or plan of ours matches the event");
  await done(tx, stored);
  return r;
}

async function flag(tx: Tx, e: Stored, reason: string): Promise<"flagged"> {
  await tx.query("update public.payment_events set flagged_reason = $2 where id = $1::uuid", [
    e.id,
    reason,
  ]);
  return "flagged";
}

async function done(tx: Tx, e: Stored): Promise<void> {
  await tx.query("update public.payment_events set applied_at = now() where id = $1::uuid", [e.id]);
}

type Normalised = Omit<PaymentEvent, "payload">;

async function applyStored(
  tx: Tx,
  deps: PaymentDeps,
  e: Stored,
  ev: Normalised,
): Promise<ApplyResult> {
  let outcome: string;
  switch (ev.type) {
    case "payment.succeeded": {
      const [r] = await tx.query<{ r: string }>(
        "select private.mark_held($1::uuid, $2::bigint, $3, $4, $5::uuid, $6::int) as r",
        [ev.paymentId, ev.amountMinor, ev.currency, ev.providerRef, e.id, deps.releaseDays],
      );
      outcome = r.r;
      if (outcome === "mismatch") {
        return await flag(tx, e, "The amount or currency does not match the checkout");
      }
      break;
    }
    case "dispute.created": {
      const [r] = await tx.query<{ r: string }>(
        "select private.provider_dispute($1::uuid, $2) as r",
        [ev.paymentId, "The card holder disputed the payment with their bank"],
      );
      outcome = r.r;
      if (outcome === "early") return "pending";
      break;
    }
    case "card.saved": {
      const [r] = await tx.query<{ r: string }>(
        "select private.record_card_saved($1::uuid, $2) as r",
        [ev.paymentId, ev.providerRef],
      );
      outcome = r.r;
      break;
    }
    case "payout.paid": {
      const [r] = await tx.query<{ r: string }>(
        "select private.settle_payout($1::uuid, $2) as r",
        [ev.paymentId, ev.providerRef],
      );
      outcome = r.r;
      break;
    }
    default:
      // A declined card changes nothing: the checkout stays open for another try.
      outcome = "applied";
  }
  await done(tx, e);
  return outcome === "applied" ? "applied" : "stale";
}

/** Pending events of the booking, in arrival order, now that its payment moved. */
async function retryPending(tx: Tx, deps: PaymentDeps, applied: Stored): Promise<void> {
  if (!applied.bookingId) return;
  const rows = await tx.query<{ id: string; event: unknown }>(
    `select id, payload -> 'event' as event from public.payment_events
      where booking_id = $1::uuid and applied_at is null and flagged_reason is null
        and id <> $2::uuid and type not in ('unknown')
      order by received_at for update`,
    [applied.bookingId, applied.id],
  );
  for (const r of rows) {
    const ev = PaymentEvent.omit({ payload: true }).safeParse(r.event);
    if (!ev.success || ev.data.type === "unknown") continue;
    await applyStored(tx, deps, { id: r.id, bookingId: applied.bookingId }, ev.data);
  }
}
