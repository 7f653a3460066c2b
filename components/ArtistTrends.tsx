/**
 * An artist's trends (/artists/<id>/trends): genre momentum in each country of the imported
 * charts (share of the chart now, change in points, rising/falling/steady, the rows it rests on)
 * and the competitor summary of the artist's market, each point with the chart rows it cites.
 */
import type { JSX } from "preact";
import type { Trends } from "../lib/domains/artists/trends.ts";
import type { ChartRef, Momentum } from "../lib/domains/artists/trends/momentum.ts";
import { marketName } from "../lib/domains/artists/persona/market.ts";
import { Badge, countryLabel, day } from "./ArtistShell.tsx";

const TREND_TONE = { rising: "green", falling: "red", steady: "gray" } as const;

/** "GB · 4 January 2027 · #3 Night Bus — Luna Vale" (track and artist when known). */
export function citeText(
  c: { country: string; week: string; rank: number },
  known?: ChartRef,
): string {
  const place = `${c.country} · ${day(c.week)} · #${c.rank}`;
  return known ? `${place} ${known.track} — ${known.artist}` : place;
}

const key = (c: { country: string; week: string; rank: number }) =>
  `${c.country}|${c.week}|${c.rank}`;

/** Every chart row the momentum tables show, by place: what the summary's cites are read with. */
export function knownRows(trends: Trends): Map<string, ChartRef> {
  const out = new Map<string, ChartRef>();
  for (const c of trends.countries) {
    for (const m of c.momentum) {
      for (const r of [...m.rows, ...m.rows_before]) out.set(key(r), r);
    }
  }
  // The summary's cited rows, whole, win over the momentum's excerpts.
  for (const r of trends.cited) out.set(key(r), r);
  return out;
}

const points = (x: number) => `${x > 0 ? "+" : x < 0 ? "−" : "±"}${Math.abs(x).toFixed(1)} pts`;

const rowCount = (n: number) => `${n} ${n === 1 ? "row" : "rows"}`;

function MomentumRow({ m }: { m: Momentum }) {
  return (
    <tr class="border-b border-gray-100 align-top" data-testid="momentum-row" data-genre={m.genre}>
      <th scope="row" class="py-2 pr-3 font-medium">{m.genre}</th>
      <td class="py-2 pr-3 text-right tabular-nums">{m.share.toFixed(1)} %</td>
      <td class="py-2 pr-3 text-right tabular-nums">
        {m.change_pp === null ? "–" : points(m.change_pp)}
      </td>
      <td class="py-2 pr-3">
        {m.trend
          ? <Badge tone={TREND_TONE[m.trend]} testId="momentum-trend">{m.trend}</Badge>
          : <span class="text-sm text-gray-600">one week only</span>}
      </td>
      <td class="py-2 text-sm">
        <details>
          <summary class="cursor-pointer text-indigo-700 underline">
            {rowCount(m.rows.length + m.rows_before.length)}
          </summary>
          <ul class="mt-1 space-y-1 text-gray-700">
            {[...m.rows, ...m.rows_before].map((r) => <li key={key(r)}>{citeText(r, r)}</li>)}
          </ul>
        </details>
      </td>
    </tr>
  );
}

export function ArtistMomentum({ trends }: { trends: Trends }): JSX.Element {
  return (
    <div class="space-y-6" data-testid="momentum">
      {trends.countries.map((c) => (
        <section key={c.country} aria-labelledby={`momentum-${c.country}`}>
          <h3 id={`momentum-${c.country}`} class="mb-2 font-semibold text-gray-900">
            {countryLabel(c.country)}
            {c.country === trends.market && (
              <span class="ml-2">
                <Badge tone="indigo">the artist's market</Badge>
              </span>
            )}
          </h3>
          {c.momentum[0] && (
            <p class="mb-2 text-sm text-gray-600">
              Chart of {day(c.momentum[0].week)}
              {c.momentum[0].from_week
                ? ` against ${day(c.momentum[0].from_week)}`
                : ": no earlier week to compare with"}.
            </p>
          )}
          <div class="overflow-x-auto">
            <table class="w-full text-left text-sm">
              <thead>
                <tr class="border-b border-gray-200">
                  <th scope="col" class="py-2 pr-3">Genre</th>
                  <th scope="col" class="py-2 pr-3 text-right">Share now</th>
                  <th scope="col" class="py-2 pr-3 text-right">Change</th>
                  <th scope="col" class="py-2 pr-3">Trend</th>
                  <th scope="col" class="py-2">Rows</th>
                </tr>
              </thead>
              <tbody>
                {c.momentum.map((m) => <MomentumRow key={m.genre} m={m} />)}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}

export function ArtistCompetitors({ trends }: { trends: Trends }): JSX.Element {
  const s = trends.summary;
  if (!s) {
    return (
      <p class="text-gray-700">
        No charts of {marketName(trends.market)}{" "}
        yet: import its weekly chart to read what the competition does there.
      </p>
    );
  }
  const rows = knownRows(trends);
  return (
    <div data-testid="competitor-summary">
      <p class="text-gray-800">{s.summary}</p>
      <ol class="mt-4 space-y-3">
        {s.points.map((pt, i) => (
          <li key={i} class="rounded-md border border-gray-200 p-3" data-testid="competitor-point">
            <p class="text-gray-900">{pt.text}</p>
            <ul class="mt-2 space-y-1 text-sm text-gray-600" aria-label="Chart rows cited">
              {pt.cites.map((c) => (
                <li key={key(c)} data-testid="competitor-cite">{citeText(c, rows.get(key(c)))}</li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      <p class="mt-3 text-xs text-gray-600">
        {trends.summary_source === "live"
          ? "Written by the AI from the imported charts; every point cites its rows."
          : "Written from the imported charts by Soundcheck's offline writer."}
      </p>
    </div>
  );
}
