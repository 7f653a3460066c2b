/**
 * The facts a hirer weighs, in one line each: "4.8 ★ from 12 reviews", "14 gigs booked through
 * Soundcheck", "Member since March 2025". New musicians read as new, not as missing data.
 */
import type { JSX } from "preact";
import {
  bookingsLine,
  memberSinceLine,
  ratingLine,
  type TrustFacts as Facts,
} from "../lib/domains/gigs/trust.ts";

export function TrustFacts(
  { facts, compact = false }: { facts: Facts | undefined; compact?: boolean },
): JSX.Element | null {
  if (!facts) return null;
  const rating = ratingLine(facts);
  const booked = bookingsLine(facts.completed_bookings);
  const items = [
    <span key="r" data-testid="trust-rating">{rating ?? "No reviews yet"}</span>,
    <span key="b" data-testid="trust-bookings">
      {booked ?? "New on Soundcheck: no gigs booked yet"}
    </span>,
    <span key="m" data-testid="trust-member-since">{memberSinceLine(facts.member_since)}</span>,
  ];
  return compact
    ? (
      <p class="flex flex-wrap gap-x-3 gap-y-1 text-sm text-gray-700" data-testid="trust-facts">
        {items}
      </p>
    )
    : (
      <ul class="space-y-1 text-gray-800" data-testid="trust-facts">
        {items.map((i) => <li key={i.key}>{i}</li>)}
      </ul>
    );
}
