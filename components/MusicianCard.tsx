/** One musician in the directory or the saved list: who, what they play, where, fee, rating. */
import type { ComponentChildren, JSX } from "preact";
import type { DirectoryMusician } from "../lib/domains/directory/mod.ts";
import { formatRange } from "../lib/shared/format.ts";
import { Avatar } from "./Avatar.tsx";
import { bookingsLine, memberSinceLine, type TrustFacts } from "../lib/domains/gigs/trust.ts";

export interface MusicianCardProps {
  m: DirectoryMusician;
  avatarUrl: string | null;
  /** Completed bookings and member since (public.musician_trust_facts), when loaded. */
  facts?: TrustFacts;
  /** The save button (or nothing). */
  children?: ComponentChildren;
}

function snippet(text: string, max = 180): string {
  const t = text.trim().replace(/\s+/g, " ");
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

export function MusicianCard({ m, avatarUrl, facts, children }: MusicianCardProps): JSX.Element {
  const fee = formatRange(m.fee_min_minor, m.fee_max_minor, m.currency);
  const place = [m.city, m.country].filter(Boolean).join(", ");
  return (
    <li
      class="rounded-lg border border-gray-200 bg-white p-4 shadow-sm"
      data-testid="musician-card"
    >
      <div class="flex items-start gap-3">
        <Avatar name={m.stage_name} url={avatarUrl} size={48} />
        <div class="min-w-0 flex-1">
          <div class="flex flex-wrap items-start justify-between gap-2">
            <h3 class="text-lg font-semibold">
              <a href={`/musicians/${m.id}`} class="text-indigo-700 hover:underline">
                {m.stage_name}
              </a>
            </h3>
            {children}
          </div>
          <p class="text-sm text-gray-700">
            {place || "Place not given"}
            {m.distance_km != null && ` · ${Math.round(m.distance_km)} km away`}
            {` · travels up to ${m.travel_radius_km} km`}
          </p>
          {(m.instruments.length > 0 || m.genres.length > 0) && (
            <p class="mt-2 flex flex-wrap gap-1">
              {m.instruments.map((i) => (
                <span key={i} class="rounded-full bg-amber-50 px-2 py-0.5 text-xs text-amber-900">
                  {i}
                </span>
              ))}
              {m.genres.map((g) => (
                <span key={g} class="rounded-full bg-indigo-50 px-2 py-0.5 text-xs text-indigo-800">
                  {g}
                </span>
              ))}
            </p>
          )}
          {m.bio && <p class="mt-2 text-sm text-gray-800">{snippet(m.bio)}</p>}
          <p class="mt-2 text-sm text-gray-900">
            <span class="font-medium">{fee ? `Fee ${fee}` : "Fee on request"}</span>
            {" · "}
            <span data-testid="musician-rating">
              {m.rating_count && m.rating_avg != null
                ? `${m.rating_avg.toFixed(1)} ★ from ${m.rating_count} review${
                  m.rating_count === 1 ? "" : "s"
                }`
                : "No reviews yet"}
            </span>
          </p>
          {facts && (
            <p class="mt-1 text-sm text-gray-700" data-testid="musician-track-record">
              {bookingsLine(facts.completed_bookings) ?? "New on Soundcheck"}
              {" · "}
              {memberSinceLine(facts.member_since)}
            </p>
          )}
        </div>
      </div>
    </li>
  );
}
