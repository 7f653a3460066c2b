/**
 * External gigs (found by the scout elsewhere): a compact list for the gig search and a source's
 * page, and the detail with the "External gig" badge and "Apply on <host>" linking out.
 */
import type { JSX } from "preact";
import type { ExternalGigView } from "../lib/domains/scout/external.ts";
import type { RunView } from "../lib/domains/scout/sources.ts";
import { Badge } from "./ArtistShell.tsx";
import { when } from "./ScoutSources.tsx";
import { formatDateTime, formatMoney } from "../lib/shared/format.ts";
import { yourTime } from "../lib/shared/zones.ts";
import { useViewerZone } from "./When.tsx";

/** The start in the gig's own zone: "Fri 12 Dec 2026, 21:00 WET". */
export function localStart(g: Pick<ExternalGigView, "starts_at" | "timezone">): string {
  return formatDateTime(g.starts_at, g.timezone);
}

/** The start in the gig's zone, then the viewer's clock when it differs: "… (13:00 your time)". */
function Start({ g }: { g: Pick<ExternalGigView, "starts_at" | "timezone"> }): JSX.Element {
  const mine = yourTime(g.starts_at, g.timezone, useViewerZone());
  return <>{localStart(g)}{mine && ` (${mine})`}</>;
}

export function place(g: Pick<ExternalGigView, "venue_name" | "city" | "country">): string {
  return [g.venue_name, g.city, g.country].filter(Boolean).join(", ") || "Place not given";
}

export function fee(g: Pick<ExternalGigView, "fee_minor" | "currency">): string | null {
  if (g.fee_minor === null || !g.currency) return null;
  return formatMoney(g.fee_minor, g.currency);
}

/** The host "apply" links out to ("example.org"), or null without a usable link. */
export function applyHost(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.host : null;
  } catch {
    return null;
  }
}

export function ExternalBadge(): JSX.Element {
  return <Badge tone="amber" testId="external-badge">External</Badge>;
}

export function ExternalGigList({ gigs }: { gigs: ExternalGigView[] }): JSX.Element {
  return (
    <ul class="space-y-2" data-testid="external-gigs">
      {gigs.map((g) => (
        <li
          key={g.id}
          class="rounded-lg border border-gray-200 bg-white p-3"
          data-testid="external-gig"
        >
          <p class="flex flex-wrap items-center gap-2">
            <ExternalBadge />
            <a href={`/gigs/external/${g.id}`} class="font-medium text-indigo-700 underline">
              {g.title}
            </a>
            {g.duplicate_of && <Badge tone="gray">Also listed elsewhere</Badge>}
          </p>
          <p class="mt-1 text-sm text-gray-700">
            <Start g={g} /> · {place(g)}
            {fee(g) && ` · fee ${fee(g)}`} · from {g.source_name}
          </p>
        </li>
      ))}
    </ul>
  );
}

export function ExternalGigDetail({ gig }: { gig: ExternalGigView }): JSX.Element {
  const host = applyHost(gig.url);
  const paid = fee(gig);
  return (
    <article
      class="rounded-lg border border-gray-200 bg-white p-4 shadow-sm sm:p-6"
      data-testid="external-gig-detail"
    >
      <p class="mb-2 flex flex-wrap items-center gap-2 text-sm text-gray-700">
        <ExternalBadge />
        <span>Found by the gig scout in “{gig.source_name}”: not a Soundcheck gig.</span>
      </p>
      <h1 class="text-2xl font-bold text-gray-900 sm:text-3xl">{gig.title}</h1>
      <dl class="mt-4 grid gap-2 text-gray-800 sm:grid-cols-[10rem_1fr]">
        <dt class="font-medium">When</dt>
        <dd>
          <Start g={gig} />
          {gig.ends_at && `, until ${localStart({ ...gig, starts_at: gig.ends_at })}`}
        </dd>
        <dt class="font-medium">Where</dt>
        <dd>{place(gig)}</dd>
        {gig.genres.length > 0 && (
          <>
            <dt class="font-medium">Genres</dt>
            <dd>{gig.genres.join(", ")}</dd>
          </>
        )}
        <dt class="font-medium">Fee</dt>
        <dd>{paid ?? "Not stated"}</dd>
      </dl>
      {gig.description && <p class="mt-4 whitespace-pre-line text-gray-800">{gig.description}</p>}
      <p class="mt-6">
        {host
          ? (
            <a
              href={gig.url!}
              rel="noopener noreferrer nofollow"
              target="_blank"
              class="inline-flex items-center justify-center rounded-md bg-indigo-600 px-4 py-2 text-base font-medium text-white hover:bg-indigo-700"
              data-testid="apply-out"
            >
              Apply on {host}
            </a>
          )
          : (
            <span class="text-gray-700">
              The listing gave no link: contact the venue directly.
            </span>
          )}
      </p>
    </article>
  );
}

/** A source's runs, newest first, in words. */
export function ScoutRuns({ runs }: { runs: RunView[] }): JSX.Element {
  if (!runs.length) return <p class="text-gray-700">Not read yet.</p>;
  return (
    <ul class="divide-y divide-gray-100 text-sm" data-testid="run-list">
      {runs.map((r) => (
        <li key={r.id} class="py-2" data-testid="run">
          <p class="flex flex-wrap gap-2">
            <span class="font-medium">{when(r.started_at, null)}</span>
            {r.status === "ok"
              ? <Badge tone="green">Read</Badge>
              : r.status === "unchanged"
              ? <Badge tone="gray">Unchanged</Badge>
              : <Badge tone="red">Failed</Badge>}
            {r.http_status !== null && <span class="text-gray-600">HTTP {r.http_status}</span>}
          </p>
          {r.status === "ok" && (
            <p class="text-gray-700">
              {r.items} events: {r.new_items} new, {r.updated_items} changed, {r.duplicates}{" "}
              also listed elsewhere
            </p>
          )}
          {r.error && <p class="text-red-800">{r.error}</p>}
          {r.item_errors.length > 0 && (
            <details class="text-gray-700">
              <summary class="cursor-pointer">
                {r.item_errors.length} items could not be read
              </summary>
              <ul class="ml-4 list-disc">
                {r.item_errors.slice(0, 20).map((e, i) => <li key={i}>{e.item}: {e.message}</li>)}
              </ul>
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}
