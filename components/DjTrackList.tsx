/**
 * A DJ playlist's tracks, each with its cover, its one-line reason and a play button when there
 * is audio to play (a platform song, or a Spotify preview); a track without audio says so instead
 * of showing a button that does nothing.
 */
import type { JSX } from "preact";
import DjPlay from "../islands/DjPlay.tsx";

export interface DjTrackItem {
  position: number;
  title: string;
  artist: string;
  album: string | null;
  explicit: boolean;
  duration_ms: number | null;
  reason: string;
  source?: string;
  /** What listen.ts adds when the run is shown. */
  image_url?: string | null;
  audio_url?: string | null;
  audio_kind?: "song" | "preview" | null;
}

/** The cover, or a tile with the title's first letter (decorative: the title is beside it). */
function Cover({ t }: { t: DjTrackItem }) {
  if (t.image_url) {
    return (
      <img
        src={t.image_url}
        alt=""
        width={48}
        height={48}
        loading="lazy"
        class="h-12 w-12 shrink-0 rounded object-cover"
        data-testid="dj-cover"
      />
    );
  }
  return (
    <span
      aria-hidden="true"
      class="flex h-12 w-12 shrink-0 items-center justify-center rounded bg-indigo-100 text-lg font-semibold text-indigo-800"
    >
      {t.title.trim().charAt(0).toUpperCase() || "♪"}
    </span>
  );
}

/** Play, or why there is nothing to play. */
function Listen({ t }: { t: DjTrackItem }) {
  if (t.audio_url && t.audio_kind) {
    return <DjPlay src={t.audio_url} title={`${t.title} by ${t.artist}`} kind={t.audio_kind} />;
  }
  const why = t.source === "spotify"
    ? "Spotify has no preview of this track"
    : "The offline catalogue has no audio for this track";
  return (
    <span
      class="w-16 shrink-0 text-center text-xs text-gray-600"
      title={why}
      data-testid="dj-no-audio"
    >
      {t.source === "spotify" ? "No preview" : "No audio"}
      <span class="sr-only">: {why}</span>
    </span>
  );
}

export function formatDuration(ms: number | null): string {
  if (ms == null) return "";
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

export function totalMinutes(tracks: { duration_ms: number | null }[]): number {
  return Math.round(tracks.reduce((n, t) => n + (t.duration_ms ?? 0), 0) / 60000);
}

export function DjTrackList({ tracks }: { tracks: DjTrackItem[] }): JSX.Element {
  return (
    <ol
      class="divide-y divide-gray-200 rounded-lg border border-gray-200 bg-white"
      data-testid="dj-tracks"
    >
      {tracks.map((t) => (
        <li key={t.position} class="flex items-start gap-3 px-4 py-3" data-testid="dj-track">
          <span class="w-6 shrink-0 pt-0.5 text-right text-sm text-gray-600" aria-hidden="true">
            {t.position}
          </span>
          <Cover t={t} />
          <div class="min-w-0 flex-1">
            <p class="font-medium text-gray-900">
              {t.title}
              {t.explicit && (
                <span
                  class="ml-2 rounded bg-gray-200 px-1 text-xs font-semibold text-gray-700"
                  title="Explicit"
                >
                  E
                </span>
              )}
            </p>
            <p class="text-sm text-gray-700">
              {t.artist}
              {t.album && <span class="ml-1 text-gray-600">· {t.album}</span>}
              {t.duration_ms != null && (
                <span class="ml-1 text-gray-600">· {formatDuration(t.duration_ms)}</span>
              )}
            </p>
            <p class="mt-1 text-sm text-gray-600" data-testid="dj-reason">{t.reason}</p>
          </div>
          <Listen t={t} />
        </li>
      ))}
    </ol>
  );
}
