/** The money's timeline on a booking, and the fee breakdown (booking page, receipt). */
import type { JSX } from "preact";
import type { PaymentRow } from "../lib/domains/payments/mod.ts";
import type { StepStatus, TimelineStep } from "../lib/domains/payments/views.ts";
import { formatDay, formatMoney, formatTime, localDate } from "../lib/shared/format.ts";
import { useZone } from "./When.tsx";

/** "Friday 12 December, 21:00" in zone `tz` (UTC when null). */
export function when(at: Date, tz: string | null): string {
  return `${formatDay(at, tz)}, ${formatTime(at, tz)}`;
}

/** "Friday 12 December 2026, 21:00": with the year, for documents kept (receipts). */
export function whenWithYear(at: Date, tz: string): string {
  return `${formatDay(at, tz)} ${localDate(at, tz).slice(0, 4)}, ${formatTime(at, tz)}`;
}

const DOT: Record<StepStatus, string> = {
  done: "bg-green-600 border-green-600",
  current: "bg-white border-indigo-600 border-4",
  upcoming: "bg-white border-gray-300",
  problem: "bg-red-600 border-red-600",
};

const STATUS_TEXT: Record<StepStatus, string> = {
  done: "Done",
  current: "Now",
  upcoming: "Next",
  problem: "Needs attention",
};

export function PaymentTimeline(
  { steps, currency, timezone }: { steps: TimelineStep[]; currency: string; timezone: string },
): JSX.Element {
  // Moments of the money (paid, released) in the viewer's zone; the booking's when signed out.
  const zone = useZone(timezone);
  return (
    <ol class="space-y-3" aria-label="Payment timeline" data-testid="payment-timeline">
      {steps.map((s) => (
        <li key={s.key} class="flex gap-3" data-step={s.key} data-status={s.status}>
          <span
            class={`mt-1 h-3 w-3 flex-none rounded-full border-2 ${DOT[s.status]}`}
            aria-hidden="true"
          />
          <div class="min-w-0">
            <p class={s.status === "upcoming" ? "text-gray-600" : "font-medium text-gray-900"}>
              <span class="sr-only">{STATUS_TEXT[s.status]}:</span>
              {s.label}
              {s.amountMinor !== null && (
                <span class="whitespace-nowrap">
                  {" · "}
                  {formatMoney(s.amountMinor, currency)}
                </span>
              )}
            </p>
            {s.at && (
              <p class="text-sm text-gray-600">
                {s.atPrefix ?? (s.status === "upcoming" ? "Due " : "")}
                <time dateTime={s.at.toISOString()}>{when(s.at, zone)}</time>
              </p>
            )}
            {s.note && <p class="break-words text-sm text-gray-700">{s.note}</p>}
          </div>
        </li>
      ))}
    </ol>
  );
}

const FEE_LABEL: Record<PaymentRow["part"], string> = {
  full: "Gig fee",
  deposit: "Deposit of the gig fee",
  balance: "Balance of the gig fee",
};

/** Gig fee (or the part of it), platform fee, provider fee and total, in the payment's currency. */
export function FeeBreakdown({ p }: { p: PaymentRow }): JSX.Element {
  const row = (label: string, minor: number, strong = false) => (
    <div class={`flex justify-between gap-4 py-1 ${strong ? "border-t font-semibold" : ""}`}>
      <dt>{label}</dt>
      <dd class="tabular-nums">{formatMoney(minor, p.currency)}</dd>
    </div>
  );
  return (
    <dl class="max-w-sm" data-testid="fee-breakdown">
      {row(FEE_LABEL[p.part], p.fee_minor)}
      {row("Platform fee", p.platform_fee_minor)}
      {row("Card provider fee", p.provider_fee_minor)}
      {row("Total", p.total_minor, true)}
    </dl>
  );
}
