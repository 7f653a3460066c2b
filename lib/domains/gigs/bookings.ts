/**
 * Bookings: read by their two parties (RLS); completed or cancelled through SQL functions that
 * notify the other party.
 *
 * @module
 */
import type { Tx } from "../../ports/db/mod.ts";
import { BOOKING_COLUMNS } from "./applications.ts";
import { Booking, BookingWithParties } from "./schemas.ts";

const WITH_PARTIES = `${BOOKING_COLUMNS.replace(/(\w+)/g, "b.$1")},
  g.title as gig_title,
  coalesce(c.organisation, cp.display_name) as client_name,
  coalesce(m.stage_name, mp.display_name) as musician_name,
  exists (select 1 from public.reviews r
           where r.booking_id = b.id and r.author_id = (select auth.uid())) as reviewed
  from public.bookings b
  join public.gigs g on g.id = b.gig_id
  join public.profiles cp on cp.id = b.client_id
  join public.profiles mp on mp.id = b.musician_id
  left join public.client_profiles c on c.id = b.client_id
  left join public.musician_profiles m on m.id = b.musician_id`;

/**
 * The caller's bookings, as client or musician (or only one `role`), soonest first, optionally of
 * one state.
 */
export async function listOwnBookings(
  tx: Tx,
  opts: { status?: Booking["status"]; role?: "client" | "musician" } = {},
): Promise<BookingWithParties[]> {
  const rows = await tx.query(
    `select ${WITH_PARTIES}
      where ($1::text is null or b.status = $1)
        and case $2::text
              when 'client' then b.client_id = (select auth.uid())
              when 'musician' then b.musician_id = (select auth.uid())
              else true end
      order by b.starts_at, b.id`,
    [opts.status ?? null, opts.role ?? null],
  );
  return rows.map((r) => BookingWithParties.parse(r));
}

/** A booking of the caller's, with both parties' names, or null. */
export async function getBooking(tx: Tx, id: string): Promise<BookingWithParties | null> {
  const [row] = await tx.query(`select ${WITH_PARTIES} where b.id = $1::uuid`, [id]);
  return row ? BookingWithParties.parse(row) : null;
}

/** confirmed → completed (either party, once it has ended): reviews may follow. */
export async function complete(tx: Tx, bookingId: string): Promise<Booking> {
  const [row] = await tx.query(
    `select ${BOOKING_COLUMNS} from public.complete_booking($1::uuid)`,
    [bookingId],
  );
  return Booking.parse(row);
}

/** confirmed → cancelled (either party, with a reason the other party is told). */
export async function cancel(tx: Tx, bookingId: string, reason: string): Promise<Booking> {
  const [row] = await tx.query(
    `select ${BOOKING_COLUMNS} from public.cancel_booking($1::uuid, $2)`,
    [bookingId, reason],
  );
  return Booking.parse(row);
}
