/**
 * A weekly series as a server-rendered SVG line (as EarningsChart draws bars: the CSP allows no
 * inline styles, SVG attributes are not styles), titled for screen readers, with the same numbers
 * in a table under "Show the numbers". Weeks without a value break the line.
 */
import type { JSX } from "preact";
import { day } from "./ArtistShell.tsx";

const W = 320;
const H = 150;
const LEFT = 8;
const RIGHT = 312;
const TOP = 16;
const BASE = 120;

export interface LinePoint {
  week: string;
  value: number | null;
}

export interface ArtistLineChartProps {
  /** `streams`, `save_rate`…: ids and test ids. */
  name: string;
  title: string;
  points: LinePoint[];
  format: (value: number) => string;
}

/** The SVG path of the points, one `M…L…` run per stretch of weeks with values. */
export function linePath(points: LinePoint[], max: number): string {
  const step = points.length > 1 ? (RIGHT - LEFT) / (points.length - 1) : 0;
  let d = "";
  let pen = false;
  points.forEach((p, i) => {
    if (p.value === null) {
      pen = false;
      return;
    }
    const x = points.length > 1 ? LEFT + i * step : W / 2;
    const y = BASE - (max > 0 ? (p.value / max) * (BASE - TOP) : 0);
    d += `${pen ? "L" : "M"}${x.toFixed(1)} ${y.toFixed(1)} `;
    pen = true;
  });
  return d.trim();
}

export function ArtistLineChart(props: ArtistLineChartProps): JSX.Element {
  const values = props.points.map((p) => p.value).filter((v): v is number => v !== null);
  const max = Math.max(...values, 0);
  const last = values.at(-1);
  const id = `chart-${props.name}`;
  const first = props.points[0];
  const end = props.points.at(-1);
  return (
    <figure class="space-y-2" data-testid={`artist-chart-${props.name}`}>
      <figcaption class="font-medium text-gray-900">
        {props.title}
        {last !== undefined && (
          <span class="ml-2 text-sm font-normal text-gray-600">
            latest week: {props.format(last)}
          </span>
        )}
      </figcaption>
      {values.length === 0 ? <p class="text-sm text-gray-600">No figures yet.</p> : (
        <svg
          viewBox={`0 0 ${W} ${H}`}
          class="h-auto w-full max-w-md"
          role="img"
          aria-labelledby={`${id}-title`}
        >
          <title id={`${id}-title`}>
            {`${props.title} by week, from ${first ? day(first.week) : ""} to ${
              end ? day(end.week) : ""
            }: highest ${props.format(max)}, latest ${props.format(last ?? 0)}`}
          </title>
          <line x1={LEFT} x2={RIGHT} y1={BASE} y2={BASE} class="stroke-gray-300" stroke-width="1" />
          <line x1={LEFT} x2={RIGHT} y1={TOP} y2={TOP} class="stroke-gray-100" stroke-width="1" />
          <text x={LEFT} y={TOP - 4} class="fill-gray-600 text-[9px]">{props.format(max)}</text>
          <path
            d={linePath(props.points, max)}
            class="fill-none stroke-indigo-600"
            stroke-width="2"
            stroke-linejoin="round"
            stroke-linecap="round"
          />
          {first && (
            <text x={LEFT} y={H - 12} class="fill-gray-600 text-[9px]">
              {day(first.week, { year: false })}
            </text>
          )}
          {end && props.points.length > 1 && (
            <text x={RIGHT} y={H - 12} text-anchor="end" class="fill-gray-600 text-[9px]">
              {day(end.week, { year: false })}
            </text>
          )}
        </svg>
      )}
      {values.length > 0 && (
        <details class="text-sm">
          <summary class="cursor-pointer text-indigo-700 underline">Show the numbers</summary>
          <table class="mt-2 w-full max-w-md text-left" data-testid={`artist-table-${props.name}`}>
            <caption class="sr-only">{props.title} by week</caption>
            <thead>
              <tr class="border-b border-gray-200">
                <th scope="col" class="py-1 pr-4 font-medium">Week of</th>
                <th scope="col" class="py-1 text-right font-medium">{props.title}</th>
              </tr>
            </thead>
            <tbody>
              {props.points.map((p) => (
                <tr key={p.week} class="border-b border-gray-100">
                  <th scope="row" class="py-1 pr-4 font-normal">{day(p.week)}</th>
                  <td class="py-1 text-right tabular-nums">
                    {p.value === null ? "–" : props.format(p.value)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </figure>
  );
}
