/** A DJ playlist's tracks, each with its one-line reason. */
import type { JSX } from "preact";

export interface DjTrackItem {
  position: number;
  title: string;
  artist: string;
  album: string | null;
  explicit: boolean;
  duration_ms: number | null;
  reason: string;
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
        <li key={t.position} class="flex gap-3 px-4 py-3" data-testid="dj-track">
          <span class="w-6 shrink-0 pt-0.5 text-right text-sm text-gray-500" aria-hidden="true">
            {t.position}
          </span>
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
              {t.album && <span class="ml-1 text-gray-500">· {t.album}</span>}
              {t.duration_ms != null && (
                <span class="ml-1 text-gray-500">· {formatDuration(t.duration_ms)}</span>
              )}
            </p>
            <p class="mt-1 text-sm text-gray-600" data-testid="dj-reason">{t.reason}</p>
          </div>
        </li>
      ))}
    </ol>
  );
}
