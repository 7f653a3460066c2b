/**
 * Paid-out money per month as server-rendered SVG bars (the CSP allows no inline styles; SVG
 * attributes are not styles), with the same numbers in a table for screen readers.
 */
import type { JSX } from "preact";
import type { MonthBar } from "../lib/domains/payments/views.ts";
import { formatMoney } from "../lib/shared/format.ts";

const W = 320;
const H = 160;
const BASE = 130;
const TOP = 18;

export function EarningsChart(
  { currency, bars }: { currency: string; bars: MonthBar[] },
): JSX.Element {
  const max = Math.max(...bars.map((b) => b.paidMinor), 1);
  const slot = W / bars.length;
  const id = `chart-${currency}`;
  return (
    <figure class="space-y-2" data-testid={`earnings-chart-${currency}`}>
      <figcaption id={id} class="font-medium">Paid out per month ({currency})</figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        class="h-auto w-full max-w-md"
        aria-hidden="true"
        focusable="false"
      >
        <line x1="0" x2={W} y1={BASE} y2={BASE} class="stroke-gray-300" stroke-width="1" />
        {bars.map((b, i) => {
          const h = Math.round((b.paidMinor / max) * (BASE - TOP));
          const x = i * slot + slot * 0.2;
          return (
            <g key={b.key}>
              <rect
                x={x}
                y={BASE - h}
                width={slot * 0.6}
                height={h}
                class="fill-indigo-600"
                rx="2"
              />
              {b.paidMinor > 0 && (
                <text
                  x={x + slot * 0.3}
                  y={BASE - h - 4}
                  text-anchor="middle"
                  class="fill-gray-700 text-[9px]"
                >
                  {formatMoney(b.paidMinor, currency)}
                </text>
              )}
              <text
                x={x + slot * 0.3}
                y={H - 14}
                text-anchor="middle"
                class="fill-gray-600 text-[9px]"
              >
                {b.label.split(" ")[0]}
              </text>
            </g>
          );
        })}
      </svg>
      <table class="sr-only" aria-labelledby={id}>
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col">Paid out</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((b) => (
            <tr key={b.key}>
              <th scope="row">{b.label}</th>
              <td>{formatMoney(b.paidMinor, currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
