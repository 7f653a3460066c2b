/**
 * A printable receipt for a paid booking (print styles hide the site's frame). Only the booking's
 * two parties see it: anyone else, and a booking never paid, get a 404.
 */
import { define } from "../../../../utils.ts";
import { page } from "../../../../lib/fresh_runtime/mod.ts";
import { type BookingWithParties, getBooking } from "../../../../lib/domains/gigs/mod.ts";
import {
  getPayment,
  paymentDeps,
  type PaymentRow,
  type PaymentView,
} from "../../../../lib/domains/payments/mod.ts";
import { musicianShare, wasPaid } from "../../../../lib/domains/payments/views.ts";
import { formatMoney } from "../../../../lib/domains/gigs/facts.ts";
import { FeeBreakdown, whenWithYear } from "../../../../components/PaymentTimeline.tsx";
import { signedIn } from "../../../../lib/web/guards.ts";
import { notFound, parseId } from "../../../../lib/web/params.ts";

interface Data {
  booking: BookingWithParties;
  payment: PaymentRow;
  view: PaymentView;
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const id = parseId(ctx.params.id, "Booking");
    const booking = await ctx.state.platform.db.asUser(user.claims, (tx) => getBooking(tx, id));
    if (!booking) throw notFound("Booking");
    const view = await getPayment(paymentDeps(ctx.state.platform), user.claims, id);
    if (!wasPaid(view) || !view.payment) throw notFound("Receipt");
    return page({ booking, payment: view.payment, view });
  },
});

const STATE_TEXT: Record<string, string> = {
  held: "Held in escrow",
  disputed: "Frozen: in dispute",
  released: "Released to the musician",
  refunded: "Refunded",
  partially_refunded: "Partly refunded",
  resolved: "Dispute decided",
};

export default define.page<typeof handler>(function Receipt({ data }) {
  const { booking: b, payment: p } = data;
  const tz = b.timezone;
  const money = (minor: number) => formatMoney(minor, p.currency);
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
          <dd class="font-mono break-all">{p.id}</dd>
          <dt class="mt-1 text-gray-600">Paid</dt>
          <dd>{whenWithYear(p.held_at!, tz)} ({tz})</dd>
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
      <FeeBreakdown p={p} />
      <dl class="mt-4 max-w-sm space-y-1 text-sm">
        <div class="flex justify-between gap-4">
          <dt>Status</dt>
          <dd data-testid="receipt-status">{STATE_TEXT[p.state] ?? p.state}</dd>
        </div>
        {p.refunded_minor > 0 && (
          <div class="flex justify-between gap-4">
            <dt>Refunded to {b.client_name}</dt>
            <dd class="tabular-nums">{money(p.refunded_minor)}</dd>
          </div>
        )}
        {p.settled_at && p.state !== "refunded" && (
          <div class="flex justify-between gap-4">
            <dt>For {b.musician_name}</dt>
            <dd class="tabular-nums">{money(musicianShare(p))}</dd>
          </div>
        )}
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
