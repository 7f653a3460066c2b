/**
 * Limits the browser, the server and the database all enforce, defined once: islands and
 * components (form `maxLength`, checks before uploading), zod schemas and routes import them.
 *
 * The database repeats some of them, because it is the last guard (check constraints, the
 * bodies of `send_message`/`edit_message`, storage bucket settings). Those copies cannot import
 * this module: tests/integration/limits_sql_test.ts reads each one from the migrated database
 * and asserts it equals the value here, so changing a limit means changing both, or a test fails.
 *
 * Browser-safe and import-free: islands bundle it.
 *
 * @module
 */

const MB = 1024 * 1024;

/** "20 MB": how a byte limit is written in messages and labels. */
export function megabytes(bytes: number): string {
  return `${Math.round((bytes / MB) * 10) / 10} MB`;
}

// chat -------------------------------------------------------------------------------------------------

/** Most characters in one chat message (public.messages, send_message, edit_message). */
export const MESSAGE_MAX_CHARS = 4000;

/** How long after sending a message its sender may still edit it (edit_message). */
export const MESSAGE_EDIT_WINDOW_MS = 5 * 60_000;

/** Largest chat attachment (the 'attachments' bucket and public.messages.attachment_size). */
export const ATTACHMENT_MAX_BYTES = 20 * MB;

/** Longest attachment name kept (public.messages.attachment_name). */
export const ATTACHMENT_NAME_MAX_CHARS = 200;

/** Attachment types the 'attachments' bucket accepts: images, audio, PDF. */
export const ATTACHMENT_TYPES = [
  "image/png",
  "image/jpeg",
  "image/webp",
  "image/gif",
  "audio/mpeg",
  "audio/mp4",
  "audio/aac",
  "audio/ogg",
  "audio/wav",
  "audio/x-wav",
  "audio/flac",
  "audio/webm",
  "application/pdf",
] as const;
export type AttachmentType = typeof ATTACHMENT_TYPES[number];

/** The type of a file that arrives without one (or as octet-stream), by its extension. */
export const ATTACHMENT_EXTENSIONS: Readonly<Record<string, AttachmentType>> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
  mp3: "audio/mpeg",
  m4a: "audio/mp4",
  aac: "audio/aac",
  ogg: "audio/ogg",
  oga: "audio/ogg",
  wav: "audio/wav",
  flac: "audio/flac",
  weba: "audio/webm",
  pdf: "application/pdf",
};

/** The media type an attachment is stored as: its own, or guessed from the name for bare files. */
export function attachmentType(file: { type: string; name: string }): string {
  const type = file.type.split(";")[0].trim().toLowerCase();
  if (type && type !== "application/octet-stream") return type;
  const ext = file.name.toLowerCase().split(".").pop() ?? "";
  return ATTACHMENT_EXTENSIONS[ext] ?? "application/octet-stream";
}

/** Whether `type` (as `attachmentType` gives it) may be attached. */
export function isAttachmentType(type: string): type is AttachmentType {
  return (ATTACHMENT_TYPES as readonly string[]).includes(type);
}

/** The file input's `accept`: every allowed type and extension. */
export const ATTACHMENT_ACCEPT = [
  ...ATTACHMENT_TYPES,
  ...Object.keys(ATTACHMENT_EXTENSIONS).map((ext) => `.${ext}`),
].join(",");

// profiles ---------------------------------------------------------------------------------------------

/** Largest avatar image (the 'avatars' bucket). */
export const AVATAR_MAX_BYTES = 2 * MB;

/** Avatar types the 'avatars' bucket accepts → the extension its object gets. */
export const AVATAR_TYPES: Readonly<Record<string, string>> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "image/gif": "gif",
};

/** Longest display name (public.profiles). */
export const DISPLAY_NAME_MAX_CHARS = 80;
/** Longest stage name (public.musician_profiles). */
export const STAGE_NAME_MAX_CHARS = 80;
/** Longest musician bio (public.musician_profiles). */
export const BIO_MAX_CHARS = 4000;
/** Longest organisation name of a client (public.client_profiles). */
export const ORGANISATION_MAX_CHARS = 120;

/** A phone number for SMS in E.164 form (public.notification_settings, its save function). */
export const PHONE_PATTERN: RegExp = /^\+[1-9][0-9]{6,14}$/;

// gigs, applications, bookings -------------------------------------------------------------------------

/** Shortest and longest gig title (public.gigs). */
export const GIG_TITLE_MIN_CHARS = 3;
export const GIG_TITLE_MAX_CHARS = 120;
/** Longest gig description (public.gigs). */
export const GIG_DESCRIPTION_MAX_CHARS = 5000;
/** Shortest and longest proposal (public.applications, apply_to_gig). */
export const PROPOSAL_MIN_CHARS = 20;
export const PROPOSAL_MAX_CHARS = 5000;
/** Longest review text (public.reviews, submit_review). */
export const REVIEW_MAX_CHARS = 2000;
/** Longest reason for cancelling a booking (cancel_booking). */
export const CANCEL_REASON_MAX_CHARS = 1000;

// AI DJ ------------------------------------------------------------------------------------------------

/** Shortest and longest DJ prompt (public.dj_runs). */
export const DJ_PROMPT_MIN_CHARS = 3;
export const DJ_PROMPT_MAX_CHARS = 300;
/** Fewest and most tracks a DJ run asks for (public.dj_runs.length). */
export const DJ_TRACKS_MIN = 10;
export const DJ_TRACKS_MAX = 50;

// payments ---------------------------------------------------------------------------------------------

/** The deposit's share of the booking fee when the client pays in two parts (open_checkout). */
export const DEPOSIT_PERCENT = 25;

/** A deposit is offered only for a gig starting more than this many days ahead. */
export const DEPOSIT_MIN_DAYS_AHEAD = 14;

/** The balance falls due this many days before the gig starts (the client is reminded then). */
export const BALANCE_DUE_DAYS_BEFORE = 7;
