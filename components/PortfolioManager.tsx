/**
 * The musician's own portfolio page parts: the upload form (multipart, works without JavaScript,
 * limits stated, errors beside their field) and each item with its caption form, move up/down and
 * delete behind a confirmation. Every form posts to /profile/media with an `intent`.
 */
import type { JSX } from "preact";
import { CsrfField, Field, SelectField } from "./Field.tsx";
import { Button } from "./Button.tsx";
import { EmptyState } from "./Page.tsx";
import { MediaTile } from "./MediaView.tsx";
import type { MediaItem } from "../lib/domains/media/schemas.ts";
import {
  CAPTION_MAX_CHARS,
  MEDIA_ACCEPT,
  MEDIA_MAX_ITEMS,
  sizeText,
} from "../lib/domains/media/limits.ts";
import { ConfirmedField } from "./ConfirmStep.tsx";

const ACTION = "/profile/media";

export function PortfolioUploadForm(
  { csrf, errors = {}, values = {}, full }: {
    csrf: string;
    errors?: Record<string, string>;
    values?: Record<string, string>;
    full: boolean;
  },
): JSX.Element {
  return (
    <form
      method="post"
      action={ACTION}
      enctype="multipart/form-data"
      class="rounded-lg border border-gray-200 bg-white p-4 sm:p-6"
      aria-labelledby="upload-title"
      data-testid="media-upload"
    >
      <h2 id="upload-title" class="mb-2 text-lg font-semibold">Add a photo, track or video</h2>
      <p class="mb-4 text-sm text-gray-600">
        Photos (PNG, JPEG, WebP, GIF) up to 10 MB; audio (MP3, WAV, FLAC, OGG) up to 30 MB and 10
        minutes; video (MP4, MOV, WebM) up to 50 MB. {MEDIA_MAX_ITEMS} items at most.
      </p>
      <CsrfField token={csrf} />
      <Field
        name="file"
        type="file"
        label="File"
        accept={MEDIA_ACCEPT}
        required
        error={errors.file}
      />
      <SelectField
        name="kind"
        label="What is it? (optional)"
        value={values.kind ?? ""}
        options={[
          ["", "Tell from the file"],
          ["photo", "Photo"],
          ["audio", "Audio"],
          ["video", "Video"],
        ]}
        error={errors.kind}
      />
      <Field
        name="caption"
        label="Caption (optional)"
        value={values.caption}
        maxLength={CAPTION_MAX_CHARS}
        error={errors.caption}
        hint="Where and when, who plays: what a hirer wants to know"
      />
      {errors._form && <p role="alert" class="mb-3 text-sm text-red-700">{errors._form}</p>}
      {full
        ? (
          <p class="text-sm text-gray-700">
            Your portfolio is full: delete an item to add another.
          </p>
        )
        : <Button name="intent" value="upload">Upload</Button>}
    </form>
  );
}

function Hidden({ csrf, id }: { csrf: string; id: string }) {
  return (
    <>
      <CsrfField token={csrf} />
      <input type="hidden" name="id" value={id} />
    </>
  );
}

function ItemCard(
  { item, csrf, index, last, error }: {
    item: MediaItem;
    csrf: string;
    /** Its place in the list from 0 (positions may have gaps after a delete). */
    index: number;
    last: boolean;
    error?: string;
  },
): JSX.Element {
  const captionId = `caption-${item.id}`;
  const what = item.kind === "photo" ? "photo" : item.kind === "audio" ? "track" : "video";
  return (
    <li class="rounded-lg border border-gray-200 bg-white p-4" data-testid="media-item">
      <p class="mb-2 text-sm text-gray-600">
        #{index + 1} · {what}
        {item.size_bytes ? ` · ${sizeText(item.size_bytes)}` : ""}
      </p>
      <MediaTile item={item} prefix="own" />
      <form method="post" action={ACTION} class="mt-3">
        <Hidden csrf={csrf} id={item.id} />
        <label for={captionId} class="mb-1 block text-sm font-medium text-gray-800">Caption</label>
        <div class="flex flex-wrap gap-2">
          <input
            id={captionId}
            name="caption"
            value={item.caption ?? ""}
            maxLength={CAPTION_MAX_CHARS}
            aria-invalid={error ? "true" : undefined}
            aria-describedby={error ? `${captionId}-error` : undefined}
            class="min-w-0 flex-1 rounded-md border border-gray-300 px-3 py-2"
          />
          <Button variant="secondary" name="intent" value="caption">Save caption</Button>
        </div>
        {error && (
          <p id={`${captionId}-error`} role="alert" class="mt-1 text-sm text-red-700">{error}</p>
        )}
      </form>
      <div class="mt-3 flex flex-wrap items-center gap-2">
        {index > 0 && (
          <form method="post" action={ACTION}>
            <Hidden csrf={csrf} id={item.id} />
            <input type="hidden" name="position" value={String(index)} />
            <Button variant="secondary" name="intent" value="move">Move up</Button>
          </form>
        )}
        {!last && (
          <form method="post" action={ACTION}>
            <Hidden csrf={csrf} id={item.id} />
            <input type="hidden" name="position" value={String(index + 2)} />
            <Button variant="secondary" name="intent" value="move">Move down</Button>
          </form>
        )}
        <details class="text-sm">
          <summary class="cursor-pointer text-red-700 underline">Delete…</summary>
          <form method="post" action={ACTION} class="mt-2 space-y-2" data-testid="media-delete">
            <Hidden csrf={csrf} id={item.id} />
            <ConfirmedField />
            <p>
              This deletes the {what}{" "}
              for good, from your profile and from any application you sent it with.
            </p>
            <Button variant="danger" name="intent" value="delete">Yes, delete it</Button>
          </form>
        </details>
      </div>
    </li>
  );
}

export function PortfolioList(
  { items, csrf, errors = {} }: {
    items: MediaItem[];
    csrf: string;
    errors?: Record<string, string>;
  },
): JSX.Element {
  if (!items.length) {
    return (
      <EmptyState title="No photos or tracks yet">
        Hirers book musicians they can see and hear: add a photo and a recording above.
      </EmptyState>
    );
  }
  return (
    <ol class="grid gap-4 md:grid-cols-2" aria-label="Your portfolio, in order">
      {items.map((m, i) => (
        <ItemCard
          key={m.id}
          item={m}
          csrf={csrf}
          index={i}
          last={i === items.length - 1}
          error={errors[`caption-${m.id}`]}
        />
      ))}
    </ol>
  );
}
