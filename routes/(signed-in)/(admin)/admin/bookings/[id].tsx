/**
 * /admin/bookings/:id: a booking as an admin sees it, read-only: its terms and parties
 * (public.admin_booking), the money's parts (the whole fee, or the deposit and the balance) with
 * their states and amounts, its timeline, the booking's ledger lines, and the dispute with
 * its evidence. Admins read the payment, ledger and dispute through RLS (private.is_admin), and
 * admin_booking refuses anyone else, so this page is not the only guard.
 */
import { z } from "zod";
import { define } from "../../../../../utils.ts";
import { page } from "../../../../../lib/fresh_runtime/mod.ts";
import {
  getPayment,
  inPartOrder,
  PART_LABEL,
  partsOf,
  paymentDeps,
  type PaymentRow,
  type PaymentView,
} from "../../../../../lib/domains/payments/mod.ts";
import { paymentTimeline } from "../../../../../lib/domains/payments/views.ts";
import { formatDay, formatMoney, statusLabel } from "../../../../../lib/shared/format.ts";
import { signedIn } from "../../../../../lib/web/guards.ts";
import { notFound, parseId } from "../../../../../lib/web/params.ts";
import { PageTitle } from "../../../../../components/Page.tsx";
import { PaymentTimeline } from "../../../../../components/PaymentTimeline.tsx";
import { EvidenceList } from "../../../../../components/DisputePanel.tsx";
import { BookingTerms, TermRow } from "../../../../../components/BookingTerms.tsx";

const AdminBooking = z.object({
  id: z.string().uuid(),
  gig_id: z.string().uuid(),
  gig_title: z.string(),
  client_name: z.string(),
  musician_name: z.string(),
  status: z.string(),
  starts_at: z.coerce.date(),
  ends_at: z.coerce.date(),
  timezone: z.string(),
  place: z.string(),
  fee_minor: z.coerce.number().int(),
  currency: z.string(),
  cancellation_terms: z.string(),
});
type AdminBooking = z.infer<typeof AdminBooking>;

interface Data {
  booking: AdminBooking;
  money: PaymentView;
  openedAt: Date | null;
}

const ACCOUNT: Record<string, string> = {
  client_funds: "Client funds",
  escrow: "Escrow",
  platform_fees: "Platform fees",
  provider_fees: "Provider fees",
  musician_payable: "Musician payable",
  payouts: "Payouts",
  refunds: "Refunds",
};

const DECIDED: Record<string, string> = { release: "released", refund: "refunded", split: "split" };

const STATE: Record<PaymentRow["state"], string> = {
  unpaid: "Not paid",
  checkout_open: "Checkout open",
  held: "Held",
  disputed: "Frozen (dispute)",
  released: "Released",
  refunded: "Refunded",
  partially_refunded: "Partly refunded",
  resolved: "Decided",
};

/** Each part: its state, amounts, and the date that matters (paid, or due). */
function Parts({ parts, tz }: { parts: PaymentRow[]; tz: string }) {
  const money = (p: PaymentRow, minor: number) => formatMoney(minor, p.currency);
  return (
    <div class="overflow-x-auto">
      <table class="w-full text-sm" data-testid="admin-parts">
        <thead>
          <tr class="text-left text-gray-600">
            <th scope="col">Part</th>
            <th scope="col">State</th>
            <th scope="col" class="text-right">Fee</th>
            <th scope="col" class="text-right">Paid</th>
            <th scope="col" class="text-right">Refunded</th>
          </tr>
        </thead>
        <tbody>
          {parts.map((p) => (
            <tr key={p.id} data-part={p.part}>
              <th scope="row" class="text-left font-medium">{PART_LABEL[p.part]}</th>
              <td>
                {STATE[p.state]}
                {p.resolution ? ` (${p.resolution})` : ""}
                {p.held_at
                  ? <span class="block text-gray-600">paid {formatDay(p.held_at, tz)}</span>
                  : p.due_at && (
                    <span class="block text-gray-600">due {formatDay(p.due_at, tz)}</span>
                  )}
              </td>
              <td class="text-right tabular-nums">{money(p, p.fee_minor)}</td>
              <td class="text-right tabular-nums">{p.held_at ? money(p, p.total_minor) : "—"}</td>
              <td class="text-right tabular-nums">{money(p, p.refunded_minor)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const id = parseId(ctx.params.id, "Booking");
    const { db } = ctx.state.platform;
    const [row] = await db.queryAsUser(
      user.claims,
      "select * from public.admin_booking($1::uuid)",
      [
        id,
      ],
    );
    if (!row) throw notFound("Booking");
    const money = await getPayment(paymentDeps(ctx.state.platform), user.claims, id);
    const [opened] = await db.queryAsUser<{ created_at: Date }>(
      user.claims,
      "select min(created_at) as created_at from public.payments where booking_id = $1::uuid",
      [id],
    );
    return page({ booking: AdminBooking.parse(row), money, openedAt: opened?.created_at ?? null });
  },
});

export default define.page<typeof handler>(function AdminBookingPage({ data }) {
  const { booking: b, money } = data;
  const p = money.payment;
  const currency = p?.currency ?? b.currency;
  const d = money.dispute;
  // The dispute's decision covers every part (each part's own resolution is in the table).
  const resolution = money.state === "resolved" && d?.decision
    ? DECIDED[d.decision] ?? d.decision
    : p?.resolution;
  const names = { client: `${b.client_name} (client)`, musician: `${b.musician_name} (musician)` };
  const sum = money.ledger.reduce((s, l) => s + l.amount_minor, 0);
  return (
    <>
      <PageTitle sub={`${b.client_name} booked ${b.musician_name} · read-only, as an admin`}>
        {b.gig_title}
      </PageTitle>
      <p class="mb-4 text-sm">
        <a class="text-indigo-700 underline" href="/admin/disputes">Back to disputes</a>
      </p>
      <div class="grid gap-6 md:grid-cols-2">
        <section class="rounded-lg border border-gray-200 bg-white p-4 sm:p-6">
          <h2 class="mb-3 text-lg font-semibold">Terms</h2>
          <BookingTerms booking={b}>
            <TermRow label="Money">
              <dd data-testid="money-state" data-state={money.state}>
                {statusLabel("payment", money.state)}
                {resolution ? ` (${resolution})` : ""}
              </dd>
            </TermRow>
          </BookingTerms>
          {d && (
            <div class="mt-4 space-y-1" data-testid="admin-dispute">
              <h2 class="text-lg font-semibold">Dispute</h2>
              <p class="break-words">“{d.reason}”</p>
              <p class="text-sm text-gray-700">
                {d.state === "open" ? "Open" : `Decided: ${d.decision}`}
                {d.note && ` · ${d.note}`}
              </p>
              <EvidenceList items={money.evidence ?? []} names={names} />
            </div>
          )}
        </section>
        <section class="space-y-4 rounded-lg border border-gray-200 bg-white p-4 sm:p-6">
          <h2 class="text-lg font-semibold">Payment</h2>
          {partsOf(money).length > 0 && (
            <Parts parts={inPartOrder(partsOf(money))} tz={b.timezone} />
          )}
          <PaymentTimeline
            steps={paymentTimeline(money, {
              client: b.client_name,
              musician: b.musician_name,
              openedAt: data.openedAt,
              startsAt: b.starts_at,
              cancelled: b.status === "cancelled",
            })}
            currency={currency}
            timezone={b.timezone}
          />
          <h2 class="text-lg font-semibold">Ledger</h2>
          {money.ledger.length === 0
            ? <p class="text-sm text-gray-600">Nothing posted yet.</p>
            : (
              <table class="w-full text-sm" data-testid="ledger">
                <thead>
                  <tr class="text-left text-gray-600">
                    <th scope="col">Posting</th>
                    <th scope="col">Account</th>
                    <th scope="col" class="text-right">Amount</th>
                  </tr>
                </thead>
                <tbody>
                  {money.ledger.map((l, i) => (
                    <tr key={i}>
                      <td>{l.kind}</td>
                      <td>{ACCOUNT[l.account] ?? l.account}</td>
                      <td class="text-right tabular-nums">
                        {formatMoney(l.amount_minor, currency)}
                      </td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr class="font-semibold">
                    <td colSpan={2}>Sum (always zero)</td>
                    <td class="text-right tabular-nums" data-testid="ledger-sum">
                      {formatMoney(sum, currency)}
                    </td>
                  </tr>
                </tfoot>
              </table>
            )}
        </section>
      </div>
    </>
  );
});
