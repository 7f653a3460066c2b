/**
 * What a portfolio takes: the kinds, their formats and size limits, and how many items a musician
 * keeps. The migration (20261214000200_portfolio_media.sql) holds the same content types, the
 * bucket's 50 MB and the cap of 30.
 *
 * @module
 */
import { uploadLimit } from "../../web/body.ts";

export const MEDIA_KINDS = ["photo", "audio", "video"] as const;
export type MediaKind = typeof MEDIA_KINDS[number];

/** The public bucket the files live in (owner folders: `<user id>/<media id>.<ext>`). */
export const MEDIA_BUCKET = "media";

const MB = 1024 * 1024;
/** Each kind's largest file. */
export const MEDIA_MAX_BYTES: Readonly<Record<MediaKind, number>> = {
  photo: 10 * MB,
  audio: 30 * MB,
  video: 50 * MB,
};
/** The largest of all: the bucket's own limit. */
export const MEDIA_FILE_MAX_BYTES = 50 * MB;
/** The upload routes' body cap: a bigger body is a 413 before it is read. */
export const MEDIA_BODY_LIMIT = uploadLimit(MEDIA_FILE_MAX_BYTES);
/** Items per musician (the insert trigger refuses the next one). */
export const MEDIA_MAX_ITEMS = 30;
export const CAPTION_MAX_CHARS = 500;
/** Audio is decoded to check it and draw its waveform: longer tracks are refused. */
export const AUDIO_MAX_SECONDS = 10 * 60;
/** Waveform bars kept for the player. */
export const PEAK_COUNT = 160;
/** Media an application may carry (applications_media_ids_check). */
export const APPLICATION_MEDIA_MAX = 10;

/** The kind a file name's extension promises (unknown extensions promise nothing). */
export const EXTENSION_KIND: Readonly<Record<string, MediaKind>> = {
  png: "photo",
  jpg: "photo",
  jpeg: "photo",
  webp: "photo",
  gif: "photo",
  mp3: "audio",
  wav: "audio",
  flac: "audio",
  ogg: "audio",
  oga: "audio",
  opus: "audio",
  m4a: "audio",
  aac: "audio",
  mp4: "video",
  m4v: "video",
  mov: "video",
  webm: "video",
};

/** What the file picker offers (a hint: the server reads the bytes). */
export const MEDIA_ACCEPT = [
  "image/png",
  "image/jpeg",
  "image/webp",
  "image/gif",
  "audio/mpeg",
  "audio/wav",
  "audio/flac",
  "audio/ogg",
  "video/mp4",
  "video/quicktime",
  "video/webm",
  ...Object.keys(EXTENSION_KIND).map((e) => `.${e}`),
].join(",");

/** "a photo", "audio", "a video": how a sentence names a kind. */
export const KIND_NOUN: Readonly<Record<MediaKind, string>> = {
  photo: "a photo",
  audio: "audio",
  video: "a video",
};

/** "12.3 MB". */
export const sizeText = (bytes: number): string =>
  bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
