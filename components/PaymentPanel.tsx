/**
 * The booking page's money section: the held-funds banner, the client's steps (pay into escrow,
 * confirm, release), the dispute form for either party, the musician's payout and the timeline.
 * Every action is a plain form posting to the booking page: no JavaScript needed.
 */
import type { JSX } from "preact";
import {
  CHARGE_DAYS_BEFORE,
  PART_LABEL,
  partsOf,
  payableBalance,
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
import { formatMoney } from "../lib/shared/format.ts";
import { CsrfField } from "./Field.tsx";
import { Button } from "./Button.tsx";
import { FeeBreakdown, PaymentTimeline, when } from "./PaymentTimeline.tsx";
import { useZone } from "./When.tsx";
import { DisputedBanner, DisputeForm } from "./DisputePanel.tsx";
import { PartsList, PayBalance, PaymentChoice } from "./PaymentParts.tsx";

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

function HeldBanner({ held, b, client, now }: {
  held: PaymentRow[];
  b: BookingWithParties;
  client: boolean;
  now: Date;
}): JSX.Element {
  const p = held[0];
  const minor = held.reduce((n, x) => n + (client ? x.total_minor : x.fee_minor), 0);
  const amount = formatMoney(minor, p.currency);
  // One part of two held (the deposit, or a balance paid after the deposit settled): name it.
  const what = held.length === 1 && p.part !== "full" ? PART_LABEL[p.part].toLowerCase() : null;
  const due = p.release_at && p.release_at > now;
  const zone = useZone(b.timezone);
  return (
    <div
      role="status"
      class="rounded-md border border-green-300 bg-green-50 p-3 text-green-900"
      data-testid="held-banner"
    >
      <p class="font-semibold">
        {what
          ? `The ${what} of ${amount} is held safely`
          : client
          ? `${amount} is held safely`
          : `Your fee of ${amount} is held safely`}
        {due ? ` until ${when(p.release_at!, zone)}.` : ": it is due for release now."}
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
    return <PaymentChoice b={b} csrf={csrf} error={props.errors.part} />;
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
        <h3 class="font-semibold">
          {p.part === "full" ? "" : `Pay the ${PART_LABEL[p.part].toLowerCase()}: `}
          Check the amounts, then confirm
        </h3>
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
              <input type="hidden" name="part" value={p.part} />
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
  const held = partsOf(props.view).filter((x) => x.state === "held");
  // The balance stays payable after the deposit was released (lib/domains/payments/milestones.ts).
  const unpaid = payableBalance(partsOf(props.view), b.status);
  const payBalance = unpaid && unpaid.charge_state === "none"
    ? <PayBalance balance={unpaid} csrf={csrf} />
    : null;
  if (!held.length) return payBalance && <div class="space-y-3">{payBalance}</div>;
  const fee = formatMoney(held.reduce((n, x) => n + x.fee_minor, 0), p.currency);
  if (props.confirm === "release") {
    return (
      <form
        method="post"
        class="space-y-2 rounded-md border border-indigo-300 bg-indigo-50 p-3"
        data-testid="release-confirm"
      >
        <CsrfField token={csrf} />
        <input type="hidden" name="confirm" value="yes" />
        <p class="font-semibold">Release {fee} to {b.musician_name} now?</p>
        <p class="text-sm">Only do this once the gig has happened: it cannot be undone.</p>
        {unpaid && (
          <p class="text-sm font-semibold" data-testid="balance-unpaid-warning">
            The balance of {formatMoney(unpaid.fee_minor, unpaid.currency)}{" "}
            is not paid yet: releasing now pays {b.musician_name}{" "}
            the deposit only. The balance can still be paid here afterwards.
          </p>
        )}
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
    <div class="space-y-3">
      {payBalance}
      <a
        href={`/bookings/${b.id}?confirm=release#payment`}
        class={`${linkButton} ${payBalance ? "border bg-white" : "bg-indigo-600 text-white"}`}
      >
        The gig happened — release now
      </a>
    </div>
  );
}

/** The musician's payout of every settled part, as one line. */
function Payout({ parts }: { parts: PaymentRow[] }): JSX.Element | null {
  const payable = parts.filter((x) => x.payout_state !== "none" && musicianShare(x) > 0);
  if (!payable.length) return null;
  const failed = payable.find((x) => x.payout_state === "failed");
  const state = failed
    ? "failed"
    : payable.some((x) => x.payout_state === "pending")
    ? "pending"
    : "paid";
  const amount = formatMoney(
    payable.reduce((n, x) => n + musicianShare(x), 0),
    payable[0].currency,
  );
  const text = {
    pending: `Your payout of ${amount} is on its way.`,
    paid: `Paid out: ${amount}.`,
    failed: failed &&
      `Your payout of ${amount} ${
        failedWorkText(
          failed.payout_error,
          failed.work_retry_at ?? null,
          failed.work_gave_up_at ?? null,
        )
      }`,
  }[state];
  return (
    <div data-testid="payout-status">
      <p class={state === "failed" ? "text-red-800" : "text-gray-900"}>{text}</p>
      <a class="text-sm text-indigo-700 underline" href="/earnings">See all your earnings</a>
    </div>
  );
}

export function PaymentPanel(props: PaymentPanelProps): JSX.Element {
  const { view, booking: b, me } = props;
  const p = view.payment;
  const parts = partsOf(view);
  // A booking paid in two parts: the banners speak of what is held or frozen, whichever part.
  const held = parts.filter((x) => x.state === "held");
  const frozen = parts.some((x) => x.state === "disputed");
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
      {parts.length > 1 && <PartsList parts={parts} b={b} client={client} />}
      {held.length > 0 && !frozen && <HeldBanner held={held} b={b} client={client} now={now} />}
      {frozen && (
        <DisputedBanner view={view} b={b} me={me} csrf={props.csrf} errors={props.errors} />
      )}
      {client
        ? <ClientSteps {...props} p={p} />
        : (!p || p.state === "unpaid" || p.state === "checkout_open") && !held.length && !frozen &&
          (
            <p class="text-gray-700">
              {b.client_name}{" "}
              has not paid into escrow yet. Once they do, the money is held safely here until after
              the gig.
            </p>
          )}
      {held.length > 0 && !frozen && (
        <DisputeForm csrf={props.csrf} errors={props.errors} other={other} />
      )}
      {!client && <Payout parts={parts} />}
      <PaymentTimeline
        steps={paymentTimeline(view, {
          client: b.client_name,
          musician: b.musician_name,
          openedAt: props.openedAt,
          startsAt: new Date(b.starts_at),
          cancelled: b.status === "cancelled",
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
