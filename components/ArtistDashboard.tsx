/**
 * An artist's dashboard (/artists/<id>/metrics): the totals, the weekly lines (streams, save
 * rate, skip rate, followers), the countries and the tracks, for everything or one track or one
 * country (a plain GET form and links: no JavaScript needed).
 */
import type { JSX } from "preact";
import type { Dashboard } from "../lib/domains/artists/api.ts";
import { marketName } from "../lib/domains/artists/persona/market.ts";
import { ArtistLineChart } from "./ArtistLineChart.tsx";
import { count, countryLabel, percent } from "./ArtistShell.tsx";

export interface DashboardFilter {
  track: string | null;
  country: string | null;
}

export interface ArtistDashboardProps {
  base: string;
  dashboard: Dashboard;
  filter: DashboardFilter;
  /** Every country with figures (for the filter), whatever is filtered. */
  countries: string[];
  /** The filtered track's title. */
  trackTitle: string | null;
}

const query = (f: DashboardFilter) => {
  const q = new URLSearchParams();
  if (f.track) q.set("track", f.track);
  if (f.country) q.set("country", f.country);
  const s = q.toString();
  return s ? `?${s}` : "";
};

function Totals({ d }: { d: Dashboard }) {
  const t = d.totals;
  const items: [string, string][] = [
    ["Streams", count(t.streams)],
    ["Listeners", count(t.listeners)],
    ["Save rate", percent(t.save_rate)],
    ["Skip rate", percent(t.skip_rate)],
    ["Followers", count(t.followers)],
  ];
  return (
    <dl class="grid grid-cols-2 gap-3 sm:grid-cols-5" data-testid="dashboard-totals">
      {items.map(([label, value]) => (
        <div key={label} class="rounded-md border border-gray-200 bg-white p-3">
          <dt class="text-sm text-gray-600">{label}</dt>
          <dd class="text-xl font-semibold tabular-nums text-gray-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Filter(props: ArtistDashboardProps) {
  const { filter } = props;
  return (
    <form method="get" action={props.base} class="flex flex-wrap items-end gap-3">
      {filter.track && <input type="hidden" name="track" value={filter.track} />}
      <div>
        <label for="f-country" class="mb-1 block text-sm font-medium text-gray-800">
          Country
        </label>
        <select
          id="f-country"
          name="country"
          class="block rounded-md border border-gray-300 px-3 py-2 text-base"
        >
          <option value="" selected={!filter.country}>All countries</option>
          {props.countries.map((c) => (
            <option key={c} value={c} selected={filter.country === c}>
              {countryLabel(c)} ({c})
            </option>
          ))}
        </select>
      </div>
      <button
        type="submit"
        class="rounded-md border border-gray-300 bg-white px-4 py-2 font-medium text-gray-900 hover:bg-gray-50"
      >
        Show
      </button>
      {(filter.track || filter.country) && (
        <a href={props.base} class="py-2 text-sm text-indigo-700 underline">Show everything</a>
      )}
    </form>
  );
}

export function ArtistDashboard(props: ArtistDashboardProps): JSX.Element {
  const { dashboard: d, filter, base } = props;
  const w = d.weekly;
  return (
    <div class="space-y-6" data-testid="dashboard">
      <Filter {...props} />
      {(filter.track || filter.country) && (
        <p class="text-sm text-gray-700" data-testid="dashboard-filter">
          Showing {filter.track ? `“${props.trackTitle ?? "one track"}”` : "every track"}
          {filter.country ? ` in ${marketName(filter.country)}` : " in every country"}.
        </p>
      )}
      <Totals d={d} />
      <div class="grid gap-6 sm:grid-cols-2">
        <ArtistLineChart name="streams" title="Streams" points={w.streams} format={count} />
        <ArtistLineChart
          name="save_rate"
          title="Save rate"
          points={w.save_rate}
          format={(x) => percent(x)}
        />
        <ArtistLineChart
          name="skip_rate"
          title="Skip rate"
          points={w.skip_rate}
          format={(x) => percent(x)}
        />
        <ArtistLineChart name="followers" title="Followers" points={w.followers} format={count} />
      </div>
      <RatesTable
        id="countries"
        title="By country"
        first="Country"
        rows={d.countries.map((c) => ({
          key: c.country,
          ...c,
          head: (
            <a
              href={`${base}${query({ ...filter, country: c.country })}`}
              class="text-indigo-700 underline"
            >
              {countryLabel(c.country)}
            </a>
          ),
        }))}
      />
      <RatesTable
        id="tracks"
        title="By track"
        first="Track"
        rows={d.tracks.map((t) => ({
          key: t.id,
          ...t,
          head: (
            <>
              <a
                href={`${base}${query({ ...filter, track: t.id })}`}
                class="text-indigo-700 underline"
              >
                {t.title}
              </a>
              {t.song_id && (
                <a href={`/studio/songs/${t.song_id}`} class="ml-2 text-gray-600 underline">
                  song
                </a>
              )}
            </>
          ),
        }))}
      />
    </div>
  );
}

interface RateRow {
  key: string;
  head: JSX.Element;
  streams: number;
  save_rate: number | null;
  skip_rate: number | null;
}

/** Streams, save rate and skip rate per country or per track. */
function RatesTable(
  { id, title, first, rows }: { id: string; title: string; first: string; rows: RateRow[] },
) {
  return (
    <section aria-labelledby={`dash-${id}`}>
      <h2 id={`dash-${id}`} class="mb-2 text-lg font-semibold text-gray-900">{title}</h2>
      <div class="overflow-x-auto">
        <table class="w-full text-left text-sm" data-testid={`dashboard-${id}`}>
          <thead>
            <tr class="border-b border-gray-200">
              <th scope="col" class="py-2 pr-4">{first}</th>
              <th scope="col" class="py-2 pr-4 text-right">Streams</th>
              <th scope="col" class="py-2 pr-4 text-right">Save rate</th>
              <th scope="col" class="py-2 text-right">Skip rate</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} class="border-b border-gray-100">
                <th scope="row" class="py-2 pr-4 font-normal">{r.head}</th>
                <td class="py-2 pr-4 text-right tabular-nums">{count(r.streams)}</td>
                <td class="py-2 pr-4 text-right tabular-nums">{percent(r.save_rate)}</td>
                <td class="py-2 text-right tabular-nums">{percent(r.skip_rate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
