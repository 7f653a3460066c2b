/**
 * Portfolio media as visitors see it: photos in a grid, audio in the shared waveform player
 * (islands/WaveformPlayer.tsx: without JavaScript the browser's own controls), video in the
 * browser's player loading only its metadata until played. Captions under each.
 */
import type { JSX } from "preact";
import type { MediaItem } from "../lib/domains/media/schemas.ts";
import WaveformPlayer from "../islands/WaveformPlayer.tsx";

const fallback = (m: MediaItem) =>
  m.caption ?? (m.kind === "photo" ? "Photo" : m.kind === "audio" ? "Track" : "Video");

export function MediaPhoto(
  { item, small = false }: { item: MediaItem; small?: boolean },
): JSX.Element {
  return (
    <figure data-testid="media-photo">
      <a href={item.url} class="block">
        <img
          src={item.url}
          alt={item.caption ?? "Photo"}
          loading="lazy"
          width={item.width ?? undefined}
          height={item.height ?? undefined}
          class={`${
            small ? "h-20 w-20" : "aspect-square w-full"
          } rounded-md border border-gray-200 bg-gray-100 object-cover`}
        />
      </a>
      {!small && item.caption && (
        <figcaption class="mt-1 text-sm text-gray-700">{item.caption}</figcaption>
      )}
    </figure>
  );
}

/** `prefix` keeps the player's ids unique when one item shows twice on a page. */
export function MediaAudio(
  { item, prefix = "m" }: { item: MediaItem; prefix?: string },
): JSX.Element {
  return (
    <figure data-testid="media-audio">
      <WaveformPlayer
        id={`${prefix}-${item.id}`}
        title={fallback(item)}
        src={item.url}
        peaks={item.peaks ?? []}
        duration={(item.duration_ms ?? 0) / 1000}
      />
      {item.caption && <figcaption class="mt-1 text-sm text-gray-700">{item.caption}</figcaption>}
    </figure>
  );
}

export function MediaVideo({ item }: { item: MediaItem }): JSX.Element {
  return (
    <figure data-testid="media-video">
      <video
        controls
        preload="metadata"
        src={item.url}
        aria-label={fallback(item)}
        class="w-full rounded-md border border-gray-200 bg-black"
      >
        <a href={item.url}>Download the video</a>
      </video>
      {item.caption && <figcaption class="mt-1 text-sm text-gray-700">{item.caption}</figcaption>}
    </figure>
  );
}

/** One item, whatever its kind. */
export function MediaTile(
  { item, prefix }: { item: MediaItem; prefix?: string },
): JSX.Element {
  if (item.kind === "photo") return <MediaPhoto item={item} />;
  if (item.kind === "audio") return <MediaAudio item={item} prefix={prefix} />;
  return <MediaVideo item={item} />;
}

/** A musician's portfolio on their public profile: photos, then tracks, then videos. */
export function MediaGallery(
  { items, prefix = "p" }: { items: MediaItem[]; prefix?: string },
): JSX.Element | null {
  if (!items.length) return null;
  const of = (k: MediaItem["kind"]) => items.filter((m) => m.kind === k);
  const photos = of("photo");
  const audio = of("audio");
  const video = of("video");
  return (
    <section class="mt-6 space-y-6" aria-labelledby="portfolio" data-testid="portfolio">
      <h2 id="portfolio" class="text-lg font-semibold">Photos, audio and video</h2>
      {photos.length > 0 && (
        <div class="grid grid-cols-2 gap-3 sm:grid-cols-3">
          {photos.map((m) => <MediaPhoto key={m.id} item={m} />)}
        </div>
      )}
      {audio.length > 0 && (
        <div class="space-y-4">
          {audio.map((m) => <MediaAudio key={m.id} item={m} prefix={prefix} />)}
        </div>
      )}
      {video.length > 0 && (
        <div class="grid gap-4 sm:grid-cols-2">
          {video.map((m) => <MediaVideo key={m.id} item={m} />)}
        </div>
      )}
    </section>
  );
}
