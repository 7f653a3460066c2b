/**
 * A booking's terms as a definition list: what both parties and an admin read the same way
 * (the booking page, /admin/bookings/:id). Rows a page adds (the money's state, why it was
 * cancelled) come as children, inside the same list.
 */
import type { ComponentChildren } from "preact";
import { formatDay, formatMoney, formatTime, statusLabel } from "../lib/shared/format.ts";
import { yourTime } from "../lib/shared/zones.ts";
import { useViewerZone } from "./When.tsx";

export interface BookingTermsFacts {
  status: string;
  starts_at: Date | string;
  ends_at: Date | string;
  timezone: string;
  place: string;
  fee_minor: number;
  currency: string;
  cancellation_terms: string;
}

export function TermRow(props: { label: string; children: ComponentChildren }) {
  return (
    <div>
      <dt class="text-sm text-gray-600">{props.label}</dt>
      {props.children}
    </div>
  );
}

export function BookingTerms(props: { booking: BookingTermsFacts; children?: ComponentChildren }) {
  const b = props.booking;
  const mine = yourTime(b.starts_at, b.timezone, useViewerZone());
  return (
    <dl class="space-y-2">
      <TermRow label="Status">
        <dd class="font-semibold" data-testid="booking-status" data-status={b.status}>
          {statusLabel("booking", b.status)}
        </dd>
      </TermRow>
      <TermRow label="When">
        <dd>
          {formatDay(b.starts_at, b.timezone)},{" "}
          {formatTime(b.starts_at, b.timezone)}–{formatTime(b.ends_at, b.timezone)} ({b.timezone})
          {mine && <span class="text-gray-600">{` · starts ${mine}`}</span>}
        </dd>
      </TermRow>
      <TermRow label="Where">
        <dd>{b.place}</dd>
      </TermRow>
      <TermRow label="Fee">
        <dd>{formatMoney(b.fee_minor, b.currency)}</dd>
      </TermRow>
      <TermRow label="Cancellation terms">
        <dd class="text-sm">{b.cancellation_terms}</dd>
      </TermRow>
      {props.children}
    </dl>
  );
}
