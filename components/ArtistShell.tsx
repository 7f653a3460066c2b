/**
 * The frame every virtual artist's page shares (routes/(signed-in)/artists/[id]/*): the way back
 * to the list, the page's one h1 under the artist's avatar and name, and the artist's sections as
 * a wrapping row of links (phone-friendly). Also the small formatters and badges those pages
 * share, and the redirect-with-notice their form posts answer with.
 */
import type { ComponentChildren, JSX } from "preact";
import type { Artist } from "../lib/domains/artists/api.ts";
import { flashCookie, type FlashMessage, seeOther } from "../lib/web/respond.ts";
import { countryName } from "../lib/domains/gigs/facts.ts";

export type ArtistSection =
  | "overview"
  | "calendar"
  | "metrics"
  | "trends"
  | "plans"
  | "versions"
  | "members";

const SECTIONS: [ArtistSection, string, string][] = [
  ["overview", "Persona", ""],
  ["calendar", "Calendar", "/calendar"],
  ["metrics", "Dashboard", "/metrics"],
  ["trends", "Trends", "/trends"],
  ["plans", "Plans", "/plans"],
  ["versions", "Versions", "/versions"],
  ["members", "Members", "/members"],
];

export const artistHref = (id: string, path = "") => `/artists/${id}${path}`;

/** A form post's answer: back to `to` (303) with the notice shown at the top of that page. */
export function backWith(
  secure: boolean,
  to: string,
  kind: FlashMessage["kind"],
  text: string,
): Response {
  return seeOther(to, [flashCookie({ kind, text }, secure)]);
}

export interface ArtistFrameProps {
  artist: Pick<Artist, "id" | "name" | "version" | "owner" | "avatar_url">;
  section: ArtistSection;
  /** The page's h1. */
  title: string;
  sub?: string;
  children: ComponentChildren;
}

export function ArtistFrame(props: ArtistFrameProps): JSX.Element {
  const { artist } = props;
  return (
    <>
      <p class="mb-3 text-sm">
        <a href="/artists" class="text-indigo-700 underline">All artists</a>
      </p>
      <header class="mb-4 flex items-center gap-3">
        {artist.avatar_url
          ? (
            <img
              src={artist.avatar_url}
              alt=""
              width={56}
              height={56}
              class="h-14 w-14 shrink-0 rounded-full border border-gray-200 bg-white object-cover"
            />
          )
          : null}
        <div class="min-w-0">
          <h1 class="text-2xl font-bold text-gray-900 sm:text-3xl">{props.title}</h1>
          <p class="text-sm text-gray-600">
            {artist.name !== props.title && `${artist.name} · `}version {artist.version}
            {!artist.owner && (
              <>
                {" "}
                <InvitedBadge />
              </>
            )}
          </p>
          {props.sub && <p class="mt-1 text-gray-600">{props.sub}</p>}
        </div>
      </header>
      <nav aria-label={`${artist.name}'s sections`} class="mb-6 border-b border-gray-200 pb-2">
        <ul class="flex flex-wrap gap-1">
          {SECTIONS.map(([key, label, path]) => (
            <li key={key}>
              <a
                href={artistHref(artist.id, path)}
                aria-current={key === props.section ? "page" : undefined}
                class={`block rounded-md px-3 py-2 text-sm font-medium ${
                  key === props.section
                    ? "bg-indigo-50 text-indigo-800"
                    : "text-gray-700 hover:bg-gray-100"
                }`}
              >
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="space-y-6">{props.children}</div>
    </>
  );
}

/** A member's mark: they read the artist, its owner changes it. */
export function InvitedBadge(): JSX.Element {
  return (
    <span
      class="inline-block rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900"
      data-testid="invited-badge"
      title="You were invited to read this artist; its owner makes the changes"
    >
      invited
    </span>
  );
}

const TONES = {
  green: "bg-green-50 text-green-800",
  red: "bg-red-50 text-red-800",
  gray: "bg-gray-100 text-gray-800",
  indigo: "bg-indigo-50 text-indigo-800",
  amber: "bg-amber-50 text-amber-900",
} as const;

export function Badge(
  { tone, children, testId }: {
    tone: keyof typeof TONES;
    children: ComponentChildren;
    testId?: string;
  },
): JSX.Element {
  return (
    <span
      class={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${TONES[tone]}`}
      data-testid={testId}
    >
      {children}
    </span>
  );
}

/** A titled section of a page (an h2), as a card. */
export function Panel(
  { id, title, children, testId }: {
    id: string;
    title: string;
    children: ComponentChildren;
    testId?: string;
  },
): JSX.Element {
  return (
    <section
      aria-labelledby={id}
      class="rounded-lg border border-gray-200 bg-white p-4 shadow-sm sm:p-6"
      data-testid={testId}
    >
      <h2 id={id} class="mb-3 text-lg font-semibold text-gray-900">{title}</h2>
      {children}
    </section>
  );
}

/** "United Kingdom" for GB, "The world" for GLOBAL: a country as a label (tables, lists). */
export const countryLabel = (code: string) =>
  code === "GLOBAL" ? "The world" : countryName(code) ?? code;

/** 12345 → "12,345". */
export const count = (n: number) => Math.round(n).toLocaleString("en-GB");
/** 0.0791 → "7.9 %"; null → "–". */
export const percent = (x: number | null, digits = 1) =>
  x === null ? "–" : `${(x * 100).toFixed(digits)} %`;
/** "2027-01-04…" → "4 January 2027" (UTC, as the data is stored). */
export function day(iso: string, opts: { weekday?: boolean; year?: boolean } = {}): string {
  return new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso).toLocaleDateString("en-GB", {
    weekday: opts.weekday ? "short" : undefined,
    day: "numeric",
    month: "long",
    year: opts.year === false ? undefined : "numeric",
    timeZone: "UTC",
  });
}

/** A form's refusal beside the form (not tied to one field). */
export function FormAlert(
  { text, testId }: { text?: string; testId?: string },
): JSX.Element | null {
  if (!text) return null;
  return (
    <div
      role="alert"
      class="mb-4 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900"
      data-testid={testId}
    >
      {text}
    </div>
  );
}
