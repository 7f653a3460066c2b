/**
 * The persona card of an artist's page: the cover and avatar, the backstory, and every field of
 * the persona in words (genres, influences, vocal style, moods, tempo range, cadence, content
 * pillars, voice, audience, visual identity, market and language).
 */
import type { JSX } from "preact";
import type { Artist } from "../lib/domains/artists/api.ts";
import { formatCadence, formatField, formatTempo } from "../lib/domains/artists/persona/diff.ts";

const list = (xs: string[]) => xs.length ? xs.join(", ") : "–";

export function ArtistPersonaCard({ artist }: { artist: Artist }): JSX.Element {
  const p = artist.persona;
  const rows: [string, string][] = [
    ["Genres", list(p.genres)],
    ["Influences", list(p.influences)],
    ["Vocal style", p.vocal_style],
    ["Moods", list(p.moods)],
    ["Tempo range", formatTempo(p.tempo_range)],
    ["Cadence", formatCadence(p.cadence)],
    ["Content pillars", list(p.content_pillars)],
    ["Voice in posts", p.voice],
    ["Audience", p.audience],
    ["Visual identity", p.visual_identity],
    ["Market", formatField("market", p.market)],
    ["Language of lyrics and posts", formatField("language", p.language)],
  ];
  return (
    <article
      aria-labelledby="persona-heading"
      class="overflow-hidden rounded-lg border border-gray-200 bg-white shadow-sm"
      data-testid="persona-card"
    >
      {artist.cover_url && (
        <img
          src={artist.cover_url}
          alt={`Cover art of ${artist.name}`}
          width={1024}
          height={1024}
          class="h-40 w-full object-cover sm:h-56"
          data-testid="artist-cover"
        />
      )}
      <div class="p-4 sm:p-6">
        <div class="flex items-center gap-4">
          {artist.avatar_url && (
            <img
              src={artist.avatar_url}
              alt={`Avatar of ${artist.name}`}
              width={96}
              height={96}
              class="h-20 w-20 shrink-0 rounded-full border border-gray-200 object-cover sm:h-24 sm:w-24"
              data-testid="artist-avatar"
            />
          )}
          <h2 id="persona-heading" class="text-xl font-semibold text-gray-900">
            The persona
          </h2>
        </div>
        <p class="mt-4 whitespace-pre-line text-gray-800" data-testid="persona-backstory">
          {p.backstory}
        </p>
        <dl class="mt-4 grid gap-x-6 gap-y-3 sm:grid-cols-2">
          {rows.map(([label, value]) => (
            <div key={label}>
              <dt class="text-sm font-medium text-gray-600">{label}</dt>
              <dd class="text-gray-900">{value}</dd>
            </div>
          ))}
        </dl>
      </div>
    </article>
  );
}
