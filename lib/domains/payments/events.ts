/**
 * Verified provider events, applied exactly once: the event row (unique by provider and event id)
 * and its ledger posting commit in one transaction, so a replay finds the row and posts nothing.
 * Events apply by the payment's state, not by arrival: one that comes too early (a dispute before
 * the capture) stays pending and is applied after the next event of its booking that does apply.
 */
import { z } from "zod";
import type { Tx } from "../../ports/db/mod.ts";
import type { PaymentEvent, ProviderName } from "../../ports/payments/mod.ts";
import { connectStatusFromEvent } from "../../ports/payments/stripe_connect.ts";
import type { PaymentDeps } from "./deps.ts";
import { applySubscriptionEvent, withCurrentState } from "../plans/events.ts";

export const ApplyResult = z.enum([
  "applied",
  "duplicate",
  "stale",
  "pending",
  "flagged",
  "ignored",
]);
export type ApplyResult = z.infer<typeof ApplyResult>;

interface Stored {
  id: string;
  bookingId: string | null;
}

/** private.take_payment_event's answer: 'unknown' leaves the event to the account and plan rules. */
const Taken = z.object({
  result: z.union([ApplyResult, z.literal("unknown")]),
  event_id: z.string().nullable(),
  booking_id: z.string().nullable(),
});

/**
 * Stores and applies one verified event; safe to call any number of times, concurrently. A
 * payment event is stored and applied by one SQL call (private.take_payment_event, the state
 * machine's dispatch); any other is stored there and applied here, in the same transaction.
 */
export async function applyEvent(
  deps: PaymentDeps,
  provider: ProviderName,
  verified: PaymentEvent,
): Promise<ApplyResult> {
  // A subscription event goes by the subscription's current state, read before the transaction.
  const event = await withCurrentState(deps, provider, verified);
  return await deps.db.asService(async (tx) => {
    const { payload, ...normalised } = event;
    const [row] = await tx.query(
      `select result, event_id, booking_id from private.take_payment_event(
         $1, $2, $3, $4, $5::uuid, $6, $7::bigint, $8, $9::jsonb, $10::int)`,
      [
        provider,
        event.id,
        event.providerType || event.type,
        event.type,
        event.paymentId,
        event.providerRef,
        event.amountMinor,
        event.currency,
        { event: normalised, raw: payload },
        deps.releaseDays,
      ],
    );
    const taken = Taken.parse(row);
    if (taken.result !== "unknown") return taken.result;
    const stored = { id: taken.event_id!, bookingId: taken.booking_id };
    return await applyAccountEvent(tx, provider, event, stored) ??
      await applyPlanEvent(tx, provider, event, stored) ?? "ignored";
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
