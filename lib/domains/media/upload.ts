/**
 * Portfolio uploads (POST /api/media and the portfolio page): the file's kind comes from its
 * bytes (sniff.ts); what the client declared (the `kind` field, the part's content type, the
 * name's extension) must agree, else 415 naming `file`. Each kind has its size limit (413), audio
 * is decoded once (lib/audio/decode.ts) for its length and waveform, and a full portfolio is a
 * 409. Only then is the row recorded and the object stored as the user; if the object cannot be
 * stored the row goes again, so a refused upload leaves no row and no object.
 *
 * @module
 */
import type { Claims } from "../../ports/db/mod.ts";
import type { Caller } from "../../ports/storage/port.ts";
import { AudioDecodeError, decodeAudio } from "../../audio/decode.ts";
import { waveformPeaks } from "../../audio/peaks.ts";
import { HttpError } from "../../web/errors.ts";
import { isForm, readForm } from "../../web/body.ts";
import {
  AUDIO_MAX_SECONDS,
  EXTENSION_KIND,
  KIND_NOUN,
  MEDIA_BUCKET,
  MEDIA_FILE_MAX_BYTES,
  MEDIA_MAX_BYTES,
  MEDIA_MAX_ITEMS,
  type MediaKind,
  PEAK_COUNT,
  sizeText,
} from "./limits.ts";
import { type MediaItem, MediaUploadFields } from "./schemas.ts";
import { type Sniffed, sniffMedia, UNKNOWN_FORMAT } from "./sniff.ts";
import * as store from "./store.ts";
import { type MediaPlatform, toItem } from "./service.ts";

export interface MediaUpload {
  file: File;
  caption?: string;
  kind?: MediaKind;
}

/** `file`, `caption` and `kind` from a multipart form (`_csrf` and `intent` aside). */
export function mediaUploadFromForm(form: FormData): MediaUpload {
  const file = form.get("file");
  if (!(file instanceof File) || (file.size === 0 && !file.name)) {
    throw new HttpError(400, "Choose a photo, audio or video file", { field: "file" });
  }
  if (file.size > MEDIA_FILE_MAX_BYTES) {
    throw new HttpError(413, `The file is ${sizeText(file.size)}: the limit is 50 MB`, {
      field: "file",
    });
  }
  const raw: Record<string, string> = {};
  for (const [k, v] of form) {
    if (k === "file" || k === "_csrf" || k === "intent") continue;
    if (k !== "caption" && k !== "kind") {
      throw new HttpError(400, `Unknown field ${k.slice(0, 40)}`, { field: k });
    }
    if (typeof v !== "string") throw new HttpError(400, "Send text here", { field: k });
    if (v.trim()) raw[k] = v;
  }
  const fields = MediaUploadFields.safeParse(raw);
  if (!fields.success) {
    const issue = fields.error.issues[0];
    const field = String(issue.path[0] ?? "caption");
    const message = field === "kind" ? "Choose photo, audio or video" : issue.message;
    throw new HttpError(400, message, { field });
  }
  return { file, ...fields.data };
}

/** The API's body: multipart/form-data (415 for anything else). */
export async function readMediaUpload(req: Request): Promise<MediaUpload> {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  if (!isForm(type) || !type.startsWith("multipart/")) {
    throw new HttpError(415, "Send multipart/form-data with the file as `file`", {
      field: "content-type",
    });
  }
  return mediaUploadFromForm(await readForm(req));
}

const TYPE_KIND: Readonly<Record<string, MediaKind>> = {
  image: "photo",
  audio: "audio",
  video: "video",
};

/** Every kind the client promised: the field, the part's content type, the extension. */
export function declaredKinds(input: MediaUpload): MediaKind[] {
  const out: MediaKind[] = [];
  if (input.kind) out.push(input.kind);
  const major = input.file.type.toLowerCase().split("/")[0];
  if (TYPE_KIND[major]) out.push(TYPE_KIND[major]);
  const ext = /\.([a-z0-9]{1,5})$/i.exec(input.file.name)?.[1]?.toLowerCase();
  if (ext && EXTENSION_KIND[ext]) out.push(EXTENSION_KIND[ext]);
  return out;
}

/** The checked file: what it is (415 otherwise) within its kind's limit (413 otherwise). */
export function checkFile(bytes: Uint8Array, input: MediaUpload): Sniffed {
  if (bytes.length === 0) throw new HttpError(400, "The file is empty", { field: "file" });
  const sniffed = sniffMedia(bytes);
  if (!sniffed) throw new HttpError(415, UNKNOWN_FORMAT, { field: "file" });
  if ("unsupported" in sniffed) throw new HttpError(415, sniffed.unsupported, { field: "file" });
  const wrong = declaredKinds(input).find((k) => k !== sniffed.kind);
  if (wrong) {
    throw new HttpError(415, `This file is ${sniffed.label}, not ${KIND_NOUN[wrong]}`, {
      field: "file",
    });
  }
  const limit = MEDIA_MAX_BYTES[sniffed.kind];
  if (bytes.length > limit) {
    throw new HttpError(
      413,
      `This ${sniffed.kind} is ${sizeText(bytes.length)}: the limit is ${sizeText(limit)}`,
      { field: "file" },
    );
  }
  return sniffed;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Audio: decoded to prove it is whole and to measure it; 400/422 naming `file` otherwise. */
async function measureAudio(bytes: Uint8Array) {
  try {
    const a = await decodeAudio(bytes, { maxSeconds: AUDIO_MAX_SECONDS });
    const peaks = waveformPeaks([a.left, a.right], PEAK_COUNT)
      .map(([lo, hi]) => [round(lo), round(hi)] as [number, number]);
    return { durationMs: Math.round(a.seconds * 1000), peaks };
  } catch (err) {
    if (!(err instanceof AudioDecodeError)) throw err;
    throw new HttpError(err.reason === "too_long" ? 422 : 400, err.message, { field: "file" });
  }
}

/**
 * Checks and stores one file for the signed-in musician; 201's item. 403 without a musician
 * profile, 409 when the portfolio is full, 415/413/400/422 naming `file`, 400 `caption`/`kind`.
 */
export async function uploadMedia(
  p: MediaPlatform,
  caller: Caller & { claims: Claims },
  input: MediaUpload,
): Promise<MediaItem> {
  const owner = caller.claims.sub;
  // The cheap refusals first: no decoding for someone who may not upload anyway.
  const state = await p.db.asUser(caller.claims, (tx) => store.uploadState(tx, owner));
  if (!state.musician) {
    throw new HttpError(403, "Create your musician profile before adding media", {
      field: "musician_profile",
    });
  }
  if (state.count >= MEDIA_MAX_ITEMS) {
    throw new HttpError(
      409,
      `Your portfolio is full (${MEDIA_MAX_ITEMS} items): delete one to add another`,
      { field: "file" },
    );
  }
  const bytes = new Uint8Array(await input.file.arrayBuffer());
  const sniffed = checkFile(bytes, input);
  const audio = sniffed.kind === "audio" ? await measureAudio(bytes) : null;
  const id = crypto.randomUUID();
  const path = `${owner}/${id}.${sniffed.ext}`;
  const row = await p.db.asUser(caller.claims, (tx) =>
    store.insertMedia(tx, {
      id,
      kind: sniffed.kind,
      path,
      caption: input.caption?.trim() || null,
      contentType: sniffed.contentType,
      sizeBytes: bytes.length,
      width: sniffed.width ?? null,
      height: sniffed.height ?? null,
      durationMs: audio?.durationMs ?? null,
      peaks: audio?.peaks ?? null,
    }));
  try {
    await p.storage.upload(caller, MEDIA_BUCKET, path, bytes, sniffed.contentType);
  } catch (err) {
    // Nothing half-written: without its file the row goes too.
    await p.db.asUser(caller.claims, (tx) => store.deleteMedia(tx, id)).catch((e) =>
      p.log({ level: "error", msg: "media upload not rolled back", id, error: String(e) })
    );
    throw err;
  }
  return toItem(p, row);
}
