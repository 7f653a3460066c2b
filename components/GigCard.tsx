/** One gig in a list: what, when, where, budget, and optionally why it matches. */
import type { JSX } from "preact";
import { MatchFit } from "./MatchFit.tsx";
import { kindLabel } from "../lib/domains/gigs/facts.ts";
import { formatRange, statusLabel } from "../lib/shared/format.ts";
import { EventTime } from "./When.tsx";
import { SaveButton } from "./SaveButton.tsx";

export interface GigCardProps {
  gig: {
    id: string;
    title: string;
    kind: string;
    genres: string[];
    instruments: string[];
    starts_at: string | Date;
    timezone: string;
    remote: boolean;
    city: string | null;
    country: string | null;
    venue_name: string | null;
    budget_min_minor: number | null;
    budget_max_minor: number | null;
    currency: string;
    status?: string;
  };
  reason?: string;
  /** The match's fit (gigs for me). */
  fit?: { fit: number; strong: boolean };
  distanceKm?: number | null;
  /** Shows a Save / Saved button (csrf null: signed out, a link to sign in and back). */
  save?: { saved: boolean; csrf: string | null; back: string };
}

export function GigCard({ gig, reason, fit, distanceKm, save }: GigCardProps): JSX.Element {
  const place = gig.remote
    ? "Remote"
    : [gig.venue_name, gig.city, gig.country].filter(Boolean).join(", ");
  const budget = formatRange(gig.budget_min_minor, gig.budget_max_minor, gig.currency);
  return (
    <li class="rounded-lg border border-gray-200 bg-white p-4 shadow-sm" data-testid="gig-card">
      <div class="flex flex-wrap items-start justify-between gap-2">
        <h3 class="text-lg font-semibold">
          <a href={`/gigs/${gig.id}`} class="text-indigo-700 hover:underline">{gig.title}</a>
        </h3>
        {gig.status && gig.status !== "published" && (
          <span class="rounded bg-gray-200 px-2 py-0.5 text-xs font-medium text-gray-800">
            {statusLabel("gig", gig.status)}
          </span>
        )}
        {save && <SaveButton kind="gig" id={gig.id} label={gig.title} {...save} />}
      </div>
      <p class="mt-1 text-sm text-gray-700">
        {kindLabel(gig.kind)} · <EventTime at={gig.starts_at} tz={gig.timezone} sep=" at " />
        {" · "}
        {place || "Place to be confirmed"}
        {distanceKm != null && ` (${Math.round(distanceKm)} km)`}
      </p>
      {(gig.genres.length > 0 || gig.instruments.length > 0) && (
        <p class="mt-2 flex flex-wrap gap-1">
          {gig.genres.map((g) => (
            <span key={g} class="rounded-full bg-indigo-50 px-2 py-0.5 text-xs text-indigo-800">
              {g}
            </span>
          ))}
          {gig.instruments.map((i) => (
            <span key={i} class="rounded-full bg-amber-50 px-2 py-0.5 text-xs text-amber-900">
              {i}
            </span>
          ))}
        </p>
      )}
      {budget && <p class="mt-2 text-sm font-medium text-gray-900">Budget {budget}</p>}
      {reason && (
        <p class="mt-2 text-sm text-green-800" data-testid="match-reason">
          {fit && (
            <>
              <MatchFit fit={fit.fit} strong={fit.strong} />
              {" "}
            </>
          )}
          {reason}
        </p>
      )}
    </li>
  );
}

/** "Next page" for keyset pagination, keeping the other parameters. */
export function NextPage({ url, cursor }: { url: URL; cursor: string | null }): JSX.Element | null {
  if (!cursor) return null;
  const next = new URL(url);
  next.searchParams.set("cursor", cursor);
  return (
    <nav aria-label="Pagination" class="mt-6 flex justify-center">
      <a
        href={`${next.pathname}${next.search}`}
        class="rounded-md border border-gray-300 bg-white px-4 py-2 font-medium hover:bg-gray-50"
        rel="next"
      >
        Next page →
      </a>
    </nav>
  );
}
