/**
 * Portfolio media on applications: the applicant card's photo and track (the client's list), the
 * media an application carries, and the apply form's choice of what to attach (checkboxes: no
 * JavaScript needed; the server checks the limit and that each item is the applicant's).
 */
import type { JSX } from "preact";
import type { MediaItem } from "../lib/domains/media/schemas.ts";
import type { Showreel } from "../lib/domains/media/service.ts";
import { APPLICATION_MEDIA_MAX } from "../lib/domains/media/limits.ts";
import { MediaAudio, MediaPhoto, MediaTile } from "./MediaView.tsx";

const label = (m: MediaItem) =>
  m.caption ?? (m.kind === "photo" ? "Photo" : m.kind === "audio" ? "Track" : "Video");

/** The card's photo beside its track, and the rest it was sent with behind a disclosure. */
export function ApplicantMedia(
  { reel, attached = [], prefix }: {
    reel?: Showreel;
    attached?: MediaItem[];
    prefix: string;
  },
): JSX.Element | null {
  const shown = new Set([reel?.photo?.id, reel?.audio?.id]);
  const rest = attached.filter((m) => !shown.has(m.id));
  if (!reel?.photo && !reel?.audio && !rest.length) return null;
  return (
    <div class="mt-2 space-y-2" data-testid="applicant-media">
      {(reel?.photo || reel?.audio) && (
        <div class="flex flex-col gap-2 sm:flex-row sm:items-start">
          {reel.photo && <MediaPhoto item={reel.photo} small />}
          {reel.audio && (
            <div class="min-w-0 flex-1">
              <MediaAudio item={reel.audio} prefix={prefix} />
            </div>
          )}
        </div>
      )}
      {rest.length > 0 && <AttachedMedia items={rest} prefix={prefix} summary />}
    </div>
  );
}

/** What an application was sent with. */
export function AttachedMedia(
  { items, prefix, summary = false }: { items: MediaItem[]; prefix: string; summary?: boolean },
): JSX.Element | null {
  if (!items.length) return null;
  const list = (
    <ul class="mt-2 space-y-3" data-testid="attached-media">
      {items.map((m) => (
        <li key={m.id}>
          <MediaTile item={m} prefix={prefix} />
        </li>
      ))}
    </ul>
  );
  return summary
    ? (
      <details class="text-sm">
        <summary class="cursor-pointer text-indigo-700">
          {items.length === 1 ? "One more file sent" : `${items.length} more files sent`}
        </summary>
        {list}
      </details>
    )
    : (
      <div class="mt-3">
        <p class="text-sm font-medium text-gray-800">Sent with your application</p>
        {list}
      </div>
    );
}

/** The apply form's checkboxes, one per portfolio item (`media_ids`). */
export function AttachMediaField(
  { items, checked = [], error }: { items: MediaItem[]; checked?: string[]; error?: string },
): JSX.Element {
  if (!items.length) {
    return (
      <p class="mb-3 text-sm text-gray-600">
        Clients listen before they book:{" "}
        <a class="text-indigo-700 underline" href="/profile/media">
          add photos and recordings to your portfolio
        </a>{" "}
        to send them with your applications.
      </p>
    );
  }
  return (
    <fieldset
      class="mb-3"
      aria-describedby={error ? "media_ids-error" : "media_ids-hint"}
      data-testid="attach-media"
    >
      <legend class="mb-1 text-sm font-medium">Send with it (optional)</legend>
      <p id="media_ids-hint" class="mb-2 text-sm text-gray-600">
        Up to {APPLICATION_MEDIA_MAX} items from your portfolio.
      </p>
      <ul class="space-y-1">
        {items.map((m) => (
          <li key={m.id} class="flex items-center gap-2">
            <input
              type="checkbox"
              id={`attach-${m.id}`}
              name="media_ids"
              value={m.id}
              checked={checked.includes(m.id)}
              class="h-5 w-5 rounded border-gray-300 text-indigo-600"
            />
            <label for={`attach-${m.id}`} class="text-sm text-gray-800">
              {m.kind === "photo" ? "Photo" : m.kind === "audio" ? "Track" : "Video"}: {label(m)}
            </label>
          </li>
        ))}
      </ul>
      {error && <p id="media_ids-error" role="alert" class="mt-1 text-sm text-red-700">{error}</p>}
    </fieldset>
  );
}
