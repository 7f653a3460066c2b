/** The caller's bookings, as client and as musician. */
import { define } from "../../../utils.ts";
import { page } from "../../../lib/fresh_runtime/mod.ts";
import { type BookingWithParties, listOwnBookings } from "../../../lib/domains/gigs/mod.ts";
import { formatMoney, statusLabel } from "../../../lib/shared/format.ts";
import { EventTime } from "../../../components/When.tsx";
import { EmptyState, PageTitle } from "../../../components/Page.tsx";
import { signedIn } from "../../../lib/web/guards.ts";

interface Data {
  items: BookingWithParties[];
  me: string;
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const items = await ctx.state.platform.db.asUser(user.claims, (tx) => listOwnBookings(tx));
    return page({ items, me: user.id });
  },
});

export default define.page<typeof handler>(function Bookings({ data }) {
  return (
    <>
      <PageTitle sub="Confirmed gigs, as the musician or as the client.">Bookings</PageTitle>
      {data.items.length === 0
        ? (
          <EmptyState title="No bookings yet">
            When a client accepts your application, or you accept one, it shows here.
          </EmptyState>
        )
        : (
          <ul class="grid gap-3" data-testid="bookings">
            {data.items.map((b) => (
              <li key={b.id} class="rounded-lg border border-gray-200 bg-white p-4">
                <a
                  class="text-lg font-semibold text-indigo-700 hover:underline"
                  href={`/bookings/${b.id}`}
                >
                  {b.gig_title}
                </a>
                <p class="text-sm text-gray-700">
                  <EventTime at={b.starts_at} tz={b.timezone} /> · {b.place} ·{" "}
                  {formatMoney(b.fee_minor, b.currency)}
                </p>
                <p class="text-sm text-gray-600">
                  {b.client_id === data.me
                    ? `You booked ${b.musician_name}`
                    : `Booked by ${b.client_name}`} ·{" "}
                  <span class="font-medium" data-testid="booking-status" data-status={b.status}>
                    {statusLabel("booking", b.status)}
                  </span>
                </p>
              </li>
            ))}
          </ul>
        )}
    </>
  );
});
