/**
 * The artists list (/artists): each artist's avatar, name, genres, market and version, marked
 * "invited" when the reader is a member; or, with none yet, what a virtual artist is.
 */
import type { JSX } from "preact";
import type { Artist } from "../lib/domains/artists/api.ts";
import { marketName } from "../lib/domains/artists/persona/market.ts";
import { EmptyState } from "./Page.tsx";
import { artistHref, InvitedBadge } from "./ArtistShell.tsx";

export function ArtistList({ artists }: { artists: Artist[] }): JSX.Element {
  if (!artists.length) {
    return (
      <EmptyState title="No artists yet">
        <p>
          A virtual artist is a persona Soundcheck writes from your brief: a name, a backstory, a
          sound (genres, tempo, moods, vocal style), a voice for posts and a look for its art.
        </p>
        <p class="mt-2">
          It plans releases and posts, makes its songs in the studio with its own style, and learns
          from the streaming figures you import: each change it proposes waits for you.
        </p>
      </EmptyState>
    );
  }
  return (
    <ul class="grid gap-3 sm:grid-cols-2" data-testid="artist-list">
      {artists.map((a) => (
        <li
          key={a.id}
          class="rounded-lg border border-gray-200 bg-white p-4 shadow-sm"
          data-testid="artist-item"
        >
          <a href={artistHref(a.id)} class="flex items-center gap-3">
            {a.avatar_url
              ? (
                <img
                  src={a.avatar_url}
                  alt=""
                  width={48}
                  height={48}
                  class="h-12 w-12 shrink-0 rounded-full border border-gray-200 object-cover"
                />
              )
              : (
                <span
                  aria-hidden="true"
                  class="h-12 w-12 shrink-0 rounded-full bg-indigo-100"
                />
              )}
            <span class="min-w-0">
              <span class="block truncate font-semibold text-indigo-800 underline">{a.name}</span>
              <span class="block truncate text-sm text-gray-700">
                {a.persona.genres.join(", ")}
              </span>
            </span>
          </a>
          <p class="mt-2 flex flex-wrap items-center gap-2 text-sm text-gray-600">
            <span>For {marketName(a.persona.market)}</span>
            <span aria-hidden="true">·</span>
            <span>version {a.version}</span>
            {!a.owner && <InvitedBadge />}
          </p>
        </li>
      ))}
    </ul>
  );
}
