/**
 * Studio furniture: the monthly songs left (with the reset date and the upgrade when none are),
 * a song's status badge, and the list of songs the studio and the library show.
 */
import type { JSX } from "preact";
import type { Quota, Song } from "../lib/domains/studio/types.ts";
import { formatTime } from "../lib/browser/player.ts";
import { When } from "./When.tsx";
import { isPending, songTitle, STATUS_LABELS } from "../lib/browser/studio_view.ts";

/** "1 December" for the reset instant (UTC, as the quota counts months). */
export function resetDate(iso: string): string {
  return new Date(iso).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    timeZone: "UTC",
  });
}

export function SongQuota({ quota }: { quota: Quota }): JSX.Element {
  const none = quota.remaining <= 0;
  return (
    <div
      role="status"
      data-testid="song-quota"
      data-remaining={quota.remaining}
      class={`rounded-md border px-4 py-3 text-sm ${
        none
          ? "border-amber-300 bg-amber-50 text-amber-900"
          : "border-gray-200 bg-white text-gray-800"
      }`}
    >
      {none
        ? (
          <p>
            <strong>No songs left this month</strong> (your plan makes{" "}
            {quota.limit}). They come back on {resetDate(quota.resets_at)}.{" "}
            <a href="/settings/plan" class="font-medium text-indigo-700 underline">
              Upgrade your plan
            </a>{" "}
            to make more now. You can still write and edit plans.
          </p>
        )
        : (
          <p>
            <strong>
              {quota.remaining} of {quota.limit} {quota.limit === 1 ? "song" : "songs"}
            </strong>{" "}
            left this month · resets on{" "}
            {resetDate(quota.resets_at)}. Plans are free: a song is counted when you generate it.
          </p>
        )}
    </div>
  );
}

const BADGE: Record<Song["status"], string> = {
  queued: "bg-indigo-50 text-indigo-800",
  running: "bg-indigo-50 text-indigo-800",
  draft: "bg-gray-100 text-gray-800",
  done: "bg-green-50 text-green-800",
  failed: "bg-red-50 text-red-800",
  cancelled: "bg-gray-100 text-gray-600",
};

export function SongStatus({ song }: { song: Pick<Song, "status" | "stage"> }): JSX.Element {
  const label = isPending(song.status) && song.stage === "enhancing"
    ? "Planning"
    : STATUS_LABELS[song.status];
  return (
    <span
      class={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${BADGE[song.status]}`}
      data-testid="song-status"
    >
      {label}
    </span>
  );
}

function facts(s: Song): string {
  const p = s.plan;
  const bits = p
    ? [p.genre, p.mood, `${p.tempo_bpm} BPM`]
    : s.source === "upload"
    ? ["Uploaded"]
    : [];
  if (s.duration_ms) bits.push(formatTime(s.duration_ms / 1000));
  if (s.restyled_from) bits.push("Restyled");
  if (s.shared) bits.push("Shared by link");
  if (s.in_catalogue) bits.push("In the AI DJ's catalogue");
  return bits.join(" · ");
}

export function SongList({ songs }: { songs: Song[] }): JSX.Element {
  return (
    <ul class="divide-y divide-gray-200 rounded-lg border border-gray-200 bg-white">
      {songs.map((s) => (
        <li
          key={s.id}
          class="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3"
          data-testid="song-row"
        >
          <a
            href={`/studio/songs/${s.id}`}
            class="min-w-0 flex-1 font-medium text-indigo-700 underline"
          >
            <span class="block truncate">{songTitle(s)}</span>
          </a>
          <SongStatus song={s} />
          <span class="w-full text-sm text-gray-600 sm:w-auto">{facts(s)}</span>
          <When class="text-sm text-gray-600" at={s.created_at} />
        </li>
      ))}
    </ul>
  );
}
