/**
 * The booking page's money section: the held-funds banner, the client's steps (pay into escrow,
 * confirm, release), the dispute form for either party, the musician's payout and the timeline.
 * Every action is a plain form posting to the booking page: no JavaScript needed.
 */
import type { JSX } from "preact";
import {
  CHARGE_DAYS_BEFORE,
  type PaymentRow,
  type PaymentView,
} from "../lib/domains/payments/mod.ts";
import type { BookingWithParties } from "../lib/domains/gigs/mod.ts";
import {
  failedWorkText,
  musicianShare,
  paymentTimeline,
  wasPaid,
} from "../lib/domains/payments/views.ts";
import { formatMoney } from "../lib/domains/gigs/facts.ts";
import { CsrfField } from "./Field.tsx";
import { Button } from "./Button.tsx";
import { FeeBreakdown, PaymentTimeline, when } from "./PaymentTimeline.tsx";
import { DisputedBanner, DisputeForm } from "./DisputePanel.tsx";

export interface PaymentPanelProps {
  view: PaymentView;
  booking: BookingWithParties;
  me: string;
  csrf: string;
  errors: Record<string, string>;
  /** The client asked to release: show the confirmation step. */
  confirm?: "release";
  /** A provider's checkout on another site: a link, since forms may only post to this one. */
  checkoutUrl?: string;
  openedAt: Date | null;
}

const linkButton =
  "inline-flex items-center justify-center rounded-md px-4 py-2 text-base font-medium focus:outline-none focus:ring-2 focus:ring-offset-2 focus:ring-indigo-500";

function HeldBanner({ p, b, client, now }: {
  p: PaymentRow;
  b: BookingWithParties;
  client: boolean;
  now: Date;
}): JSX.Element {
  const amount = formatMoney(client ? p.total_minor : p.fee_minor, p.currency);
  const due = p.release_at && p.release_at > now;
  return (
    <div
      role="status"
      class="rounded-md border border-green-300 bg-green-50 p-3 text-green-900"
      data-testid="held-banner"
    >
      <p class="font-semibold">
        {client ? `${amount} is held safely` : `Your fee of ${amount} is held safely`}
        {due ? ` until ${when(p.release_at!, b.timezone)}.` : ": it is due for release now."}
      </p>
      <p class="text-sm">
        {client
          ? `Then it goes to ${b.musician_name} automatically, unless you open a dispute.`
          : "Then it is paid out to you automatically, unless someone opens a dispute."}
      </p>
    </div>
  );
}

function ClientSteps(props: PaymentPanelProps & { p: PaymentRow | null }): JSX.Element | null {
  const { p, booking: b, csrf } = props;
  if (!p || p.state === "unpaid") {
    if (b.status !== "confirmed") return null;
    return (
      <form method="post" class="space-y-2">
        <CsrfField token={csrf} />
        <p>
          Pay {formatMoney(b.fee_minor, b.currency)}{" "}
          into escrow. Soundcheck holds it safely and pays {b.musician_name}{" "}
          after the gig, unless you raise a problem. You see every fee before you pay.
        </p>
        <Button name="intent" value="checkout">Pay into escrow</Button>
      </form>
    );
  }
  if (p.state === "checkout_open" && (p.charge_state === "saved" || p.charge_state === "charged")) {
    // Stripe, a gig far ahead: the card is saved and charged near the date (off-session).
    return (
      <p class="rounded-md bg-indigo-50 p-3 text-indigo-900" data-testid="card-saved">
        {p.charge_state === "saved"
          ? `Your card is saved. We charge ${
            formatMoney(p.total_minor, p.currency)
          } ${CHARGE_DAYS_BEFORE} days before the gig and hold it safely until after it.`
          : `We charged ${formatMoney(p.total_minor, p.currency)} to your saved card: ` +
            "it shows as held here as soon as your bank confirms."}
      </p>
    );
  }
  if (p.state === "checkout_open") {
    return (
      <div class="space-y-3" data-testid="pay-confirm">
        {p.charge_state === "failed" && (
          <p role="alert" class="rounded-md bg-red-50 p-3 text-red-800" data-testid="charge-failed">
            We could not charge your saved card ({p.charge_error ?? "declined"}). Pay now to keep
            the booking.
          </p>
        )}
        <h3 class="font-semibold">Check the amounts, then confirm</h3>
        <FeeBreakdown p={p} />
        {props.checkoutUrl
          ? (
            <a href={props.checkoutUrl} class={`${linkButton} bg-indigo-600 text-white`}>
              Continue to the secure checkout
            </a>
          )
          : (
            <form method="post">
              <CsrfField token={csrf} />
              <Button name="intent" value="pay">
                Confirm and pay {formatMoney(p.total_minor, p.currency)}
              </Button>
            </form>
          )}
        <p class="text-sm text-gray-600">
          You enter your card on the next page. Nothing is charged before that.
        </p>
      </div>
    );
  }
  if (p.state !== "held") return null;
  const fee = formatMoney(p.fee_minor, p.currency);
  if (props.confirm === "release") {
    return (
      <form
        method="post"
        class="space-y-2 rounded-md border border-indigo-300 bg-indigo-50 p-3"
        data-testid="release-confirm"
      >
        <CsrfField token={csrf} />
        <p class="font-semibold">Release {fee} to {b.musician_name} now?</p>
        <p class="text-sm">Only do this once the gig has happened: it cannot be undone.</p>
        <div class="flex flex-wrap gap-2">
          <Button name="intent" value="release">Yes, release {fee}</Button>
          <a href={`/bookings/${b.id}#payment`} class={`${linkButton} border bg-white`}>
            Not yet
          </a>
        </div>
      </form>
    );
  }
  return (
    <a
      href={`/bookings/${b.id}?confirm=release#payment`}
      class={`${linkButton} bg-indigo-600 text-white`}
    >
      The gig happened — release now
    </a>
  );
}

function Payout({ p }: { p: PaymentRow }): JSX.Element | null {
  const share = musicianShare(p);
  if (p.payout_state === "none" || share === 0) return null;
  const amount = formatMoney(share, p.currency);
  const text = {
    pending: `Your payout of ${amount} is on its way.`,
    paid: `Paid out: ${amount}.`,
    failed: `Your payout of ${amount} ${
      failedWorkText(p.payout_error, p.work_retry_at ?? null, p.work_gave_up_at ?? null)
    }`,
  }[p.payout_state];
  return (
    <div data-testid="payout-status">
      <p class={p.payout_state === "failed" ? "text-red-800" : "text-gray-900"}>{text}</p>
      <a class="text-sm text-indigo-700 underline" href="/earnings">See all your earnings</a>
    </div>
  );
}

export function PaymentPanel(props: PaymentPanelProps): JSX.Element {
  const { view, booking: b, me } = props;
  const p = view.payment;
  const client = b.client_id === me;
  const now = new Date();
  const other = client ? b.musician_name : b.client_name;
  return (
    <section
      id="payment"
      aria-labelledby="payment-title"
      class="space-y-4 rounded-lg border border-gray-200 bg-white p-4 sm:p-6"
    >
      <h2 id="payment-title" class="text-lg font-semibold">Payment</h2>
      {p?.state === "held" && <HeldBanner p={p} b={b} client={client} now={now} />}
      {p?.state === "disputed" && (
        <DisputedBanner view={view} b={b} me={me} csrf={props.csrf} errors={props.errors} />
      )}
      {client
        ? <ClientSteps {...props} p={p} />
        : (!p || p.state === "unpaid" || p.state === "checkout_open") && (
          <p class="text-gray-700">
            {b.client_name}{" "}
            has not paid into escrow yet. Once they do, the money is held safely here until after
            the gig.
          </p>
        )}
      {p?.state === "held" && <DisputeForm csrf={props.csrf} errors={props.errors} other={other} />}
      {!client && p && <Payout p={p} />}
      <PaymentTimeline
        steps={paymentTimeline(view, {
          client: b.client_name,
          musician: b.musician_name,
          openedAt: props.openedAt,
        })}
        currency={p?.currency ?? b.currency}
        timezone={b.timezone}
      />
      {wasPaid(view) && (
        <a class="text-sm text-indigo-700 underline" href={`/bookings/${b.id}/receipt`}>
          Receipt
        </a>
      )}
    </section>
  );
}
