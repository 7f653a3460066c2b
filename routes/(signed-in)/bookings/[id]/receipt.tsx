/**
 * A printable receipt for a paid booking (print styles hide the site's frame): one block per part
 * paid (the whole fee, or the deposit and the balance) with its fees and refund, then the total.
 * Only the booking's two parties see it: anyone else, and a booking never paid, get a 404.
 */
import { define } from "../../../../utils.ts";
import { page } from "../../../../lib/fresh_runtime/mod.ts";
import { type BookingWithParties, getBooking } from "../../../../lib/domains/gigs/mod.ts";
import {
  getPayment,
  inPartOrder,
  overallState,
  PART_LABEL,
  partsOf,
  paymentDeps,
  type PaymentRow,
} from "../../../../lib/domains/payments/mod.ts";
import { musicianShare, wasPaid } from "../../../../lib/domains/payments/views.ts";
import { formatMoney, statusLabel } from "../../../../lib/shared/format.ts";
import { FeeBreakdown, whenWithYear } from "../../../../components/PaymentTimeline.tsx";
import { signedIn } from "../../../../lib/web/guards.ts";
import { notFound, parseId } from "../../../../lib/web/params.ts";

interface Data {
  booking: BookingWithParties;
  /** The parts money was taken for, the deposit first. */
  paid: PaymentRow[];
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const id = parseId(ctx.params.id, "Booking");
    const booking = await ctx.state.platform.db.asUser(user.claims, (tx) => getBooking(tx, id));
    if (!booking) throw notFound("Booking");
    const view = await getPayment(paymentDeps(ctx.state.platform), user.claims, id);
    if (!wasPaid(view)) throw notFound("Receipt");
    return page({ booking, paid: inPartOrder(partsOf(view)).filter((p) => p.held_at) });
  },
});

function Line({ label, minor, currency }: { label: string; minor: number; currency: string }) {
  return (
    <div class="flex justify-between gap-4">
      <dt>{label}</dt>
      <dd class="tabular-nums">{formatMoney(minor, currency)}</dd>
    </div>
  );
}

/** One part paid: when, its fees, what went back to the client, its state. */
function PartPaid({ p, b, title, status }: {
  p: PaymentRow;
  b: BookingWithParties;
  title: boolean;
  /** The parts ended differently: say how this one did. */
  status: boolean;
}) {
  return (
    <section class="mb-4 break-inside-avoid" data-testid="receipt-part" data-part={p.part}>
      {title && (
        <h3 class="font-medium">
          {PART_LABEL[p.part]} · paid {whenWithYear(p.held_at!, b.timezone)}
        </h3>
      )}
      <FeeBreakdown p={p} />
      <dl class="mt-1 max-w-sm space-y-1 text-sm">
        {p.refunded_minor > 0 && (
          <Line
            label={`Refunded to ${b.client_name}`}
            minor={p.refunded_minor}
            currency={p.currency}
          />
        )}
        {p.settled_at && p.state !== "refunded" && (
          <Line label={`For ${b.musician_name}`} minor={musicianShare(p)} currency={p.currency} />
        )}
        {status && (
          <div class="flex justify-between gap-4 text-gray-600">
            <dt>Status</dt>
            <dd>{statusLabel("payment", p.state)}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}

export default define.page<typeof handler>(function Receipt({ data }) {
  const { booking: b, paid } = data;
  const p = paid[0];
  const tz = b.timezone;
  const two = paid.length > 1 || p.part !== "full";
  const sum = (f: (x: PaymentRow) => number) => paid.reduce((n, x) => n + f(x), 0);
  const refunded = sum((x) => x.refunded_minor);
  return (
    <article
      class="mx-auto max-w-2xl rounded-lg border border-gray-200 bg-white p-4 sm:p-8 print:max-w-none print:border-0 print:p-0"
      data-testid="receipt"
    >
      <header class="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div>
          <p class="text-lg font-bold text-indigo-700">Soundcheck</p>
          <h1 class="text-2xl font-bold">Receipt</h1>
        </div>
        <dl class="text-sm sm:text-right">
          <dt class="text-gray-600">Reference</dt>
          <dd class="font-mono break-all">{two ? b.id : p.id}</dd>
          <dt class="mt-1 text-gray-600">Paid</dt>
          <dd>{whenWithYear(paid.at(-1)!.held_at!, tz)} ({tz})</dd>
        </dl>
      </header>
      <dl class="mb-6 grid gap-3 sm:grid-cols-2">
        <div>
          <dt class="text-sm text-gray-600">Paid by</dt>
          <dd class="font-medium">{b.client_name}</dd>
        </div>
        <div>
          <dt class="text-sm text-gray-600">For the musician</dt>
          <dd class="font-medium">{b.musician_name}</dd>
        </div>
        <div>
          <dt class="text-sm text-gray-600">Gig</dt>
          <dd>{b.gig_title}</dd>
        </div>
        <div>
          <dt class="text-sm text-gray-600">When and where</dt>
          <dd>{whenWithYear(new Date(b.starts_at), tz)} · {b.place}</dd>
        </div>
      </dl>
      <h2 class="mb-2 font-semibold">Amounts ({p.currency})</h2>
      {paid.map((x) => (
        <PartPaid
          key={x.id}
          p={x}
          b={b}
          title={two}
          status={paid.some((y) => y.state !== x.state)}
        />
      ))}
      <dl class="mt-4 max-w-sm space-y-1 border-t pt-2 text-sm">
        {two && (
          <div class="flex justify-between gap-4 font-semibold">
            <dt>Total paid</dt>
            <dd class="tabular-nums" data-testid="receipt-total">
              {formatMoney(sum((x) => x.total_minor), p.currency)}
            </dd>
          </div>
        )}
        {two && refunded > 0 && (
          <Line
            label={`Refunded to ${b.client_name} in all`}
            minor={refunded}
            currency={p.currency}
          />
        )}
        <div class="flex justify-between gap-4">
          <dt>Status</dt>
          <dd data-testid="receipt-status">
            {statusLabel("payment", overallState(paid))}
          </dd>
        </div>
      </dl>
      <p class="mt-6 text-sm text-gray-600">
        Paid through Soundcheck escrow{p.provider
          ? ` (${p.provider === "builtin" ? "Soundcheck test payments" : p.provider})`
          : ""}. The money is held until after the gig, then paid to the musician unless disputed.
      </p>
      <p class="mt-6 flex flex-wrap gap-4 text-sm print:hidden">
        <a class="text-indigo-700 underline" href={`/bookings/${b.id}`}>Back to the booking</a>
        <span class="text-gray-600">To keep a copy, print this page or save it as a PDF.</span>
      </p>
    </article>
  );
});
