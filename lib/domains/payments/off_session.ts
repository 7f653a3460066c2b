/**
 * Off-session charges for Stripe bookings far ahead. Stripe recommends saving the card with
 * Checkout in setup mode and creating the PaymentIntent off-session when the money is due (an
 * authorisation expires after 7 days). The adapter opens setup mode for a booking more than
 * `OFF_SESSION_AFTER_DAYS` ahead; this sweep step charges the saved card `CHARGE_DAYS_BEFORE`
 * the gig, with the idempotency key booking + "charge". Success arrives as the usual
 * `payment_intent.succeeded` webhook (→ held); a decline or `authentication_required` is
 * recorded and the client is told to pay on the booking page.
 */
import { idempotencyKey, ProviderUnavailable } from "../../ports/payments/mod.ts";
import { chargeOffSession, savedCard } from "../../ports/payments/stripe_connect.ts";
import type { PaymentDeps } from "./deps.ts";

/** How long before the gig the saved card is charged. */
export const CHARGE_DAYS_BEFORE = 2;

interface Due {
  id: string;
  booking_id: string;
  part: string;
  session: string;
  total_minor: string;
  currency: string;
}

/** Charges the saved cards that are due; answers how many charges were tried. */
export async function chargeSavedCards(deps: PaymentDeps): Promise<{ tried: number }> {
  const due = await deps.db.asService((tx) =>
    tx.query<Due>(
      `select p.id, p.booking_id, p.part, p.provider_checkout_id as session, p.total_minor, p.currency
         from public.payments p join public.bookings b on b.id = p.booking_id
        where p.provider = 'stripe' and p.state = 'checkout_open'
          and p.charge_state in ('none', 'saved')
          and p.provider_checkout_id like 'cs\\_%' and b.status = 'confirmed'
          -- A disputed booking (a balance's card saved before it) is charged no more.
          and not exists (select 1 from public.disputes d where d.booking_id = p.booking_id)
          and b.starts_at <= now() + make_interval(days => $1::int)
        order by b.starts_at limit 100`,
      [CHARGE_DAYS_BEFORE],
    )
  );
  if (!due.length) return { tried: 0 };
  let stripe;
  try {
    stripe = deps.providers.stripe().client;
  } catch (err) {
    if (err instanceof ProviderUnavailable) return { tried: 0 }; // keys removed: nothing to do
    throw err;
  }
  let tried = 0;
  for (const p of due) {
    try {
      // A payment-mode session (booked nearer the date) has no saved card: the client pays it.
      const card = await savedCard(stripe, p.session);
      if (!card) continue;
      tried++;
      const r = await chargeOffSession(stripe, {
        bookingId: p.booking_id,
        paymentId: p.id,
        amountMinor: Number(p.total_minor),
        currency: p.currency,
        ...card,
        idempotencyKey: idempotencyKey(p.booking_id, "charge", p.part),
      });
      const error = r.ok ? null : `${r.code}: ${r.message}`;
      await deps.db.asService((tx) =>
        tx.query("select private.record_off_session_charge($1::uuid, $2, $3)", [
          p.id,
          r.ok,
          error,
        ])
      );
    } catch (err) {
      // Stripe unreachable or a bad session: the next sweep tries again (same key, no double).
      deps.log?.({
        level: "warn",
        msg: "off-session charge failed",
        payment: p.id,
        err: String(err),
      });
    }
  }
  return { tried };
}
