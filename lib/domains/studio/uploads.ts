/**
 * Uploads of a user's own tracks (POST /api/studio/uploads, the upload page, functions/studio):
 * the file is decoded and checked before anything is written (lib/audio/decode.ts sniffs the
 * format from its bytes), then one transaction inserts the song `queued` at stage `encoding` with
 * its peaks and queues that stage, and its WAV is stored as the user. The job makes the MP3 (too
 * slow for a request) and finishes the song like a generated one. If the WAV cannot be stored the
 * song is deleted again: a refused upload leaves no row and no object. No song quota is spent.
 *
 * @module
 */
import { z } from "zod";
import type { Claims } from "../../ports/db/mod.ts";
import type { Caller } from "../../ports/storage/port.ts";
import type { Worker } from "../../ports/queue/worker.ts";
import { sendStage } from "../../ports/queue/jobs.ts";
import { AudioDecodeError, decodeAudio } from "../../audio/decode.ts";
import { HttpError } from "../../web/errors.ts";
import { isForm, readForm, uploadLimit } from "../../web/body.ts";
import { asServer } from "../dj/run_store.ts";
import { BUCKET } from "./files.ts";
import { SONG } from "./job.ts";
import { songView, type StudioPlatform } from "./service.ts";
import * as store from "./store.ts";
import { mp3Ready, uploadWav, uploadWavPath } from "./upload_files.ts";

export const UPLOAD_MAX_BYTES = 50 * 1024 * 1024;
export const UPLOAD_MAX_SECONDS = 10 * 60;
/** The route's body cap: one file of 50 MB and the form's framing; more is a 413 unread. */
export const UPLOAD_BODY_LIMIT = uploadLimit(UPLOAD_MAX_BYTES);

export const UploadFields = z.object({
  title: z.string().trim().min(1).max(120).optional()
    .describe("The song's title; the file's name without its extension by default"),
}).strict();

export interface UploadInput {
  file: File;
  title?: string;
}

/** `file` and `title` from a multipart form (`_csrf` and `action` aside); 4xx naming the field. */
export function uploadFromForm(form: FormData): UploadInput {
  const file = form.get("file");
  if (!(file instanceof File) || (file.size === 0 && !file.name)) {
    throw new HttpError(400, "Choose an audio file to upload", { field: "file" });
  }
  if (file.size > UPLOAD_MAX_BYTES) {
    throw new HttpError(413, `The file is ${megabytes(file.size)}: the limit is 50 MB`, {
      field: "file",
    });
  }
  const raw: Record<string, unknown> = {};
  for (const [k, v] of form) {
    if (k === "file" || k === "_csrf" || k === "action") continue;
    if (k !== "title") throw new HttpError(400, `Unknown field ${k.slice(0, 40)}`, { field: k });
    if (typeof v !== "string") throw new HttpError(400, "The title is text", { field: "title" });
    if (v.trim()) raw.title = v;
  }
  const fields = UploadFields.safeParse(raw);
  if (!fields.success) {
    throw new HttpError(400, "Title: 1 to 120 characters", { field: "title" });
  }
  return { file, title: fields.data.title };
}

/** The API's body: multipart/form-data (415 for anything else). */
export async function readUpload(req: Request): Promise<UploadInput> {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  if (!isForm(type) || !type.startsWith("multipart/")) {
    throw new HttpError(415, "Send multipart/form-data with the track as `file`", {
      field: "content-type",
    });
  }
  return uploadFromForm(await readForm(req));
}

const megabytes = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** The file's name as the song keeps it: no path, no control characters, at most 255. */
export function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // deno-lint-ignore no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 255);
  return clean || "track";
}

/** The default title: the name without its extension. */
const titleOf = (name: string) =>
  (name.replace(/\.[a-z0-9]{1,5}$/i, "").trim() || name).slice(0, 120);

type Platform = StudioPlatform & { worker: Worker };

/**
 * Decodes, checks and stores the caller's track; 202's `{ song, quota }`, the song `queued` at
 * `encoding`. 400 `file` (empty, not audio, corrupt, cut off), 422 `file` (over 10 minutes),
 * 413 `file` (over 50 MB), 400 `title`.
 */
export async function uploadTrack(
  p: Platform,
  caller: Caller & { claims: Claims },
  input: UploadInput,
) {
  const bytes = new Uint8Array(await input.file.arrayBuffer());
  let audio;
  try {
    audio = mp3Ready(await decodeAudio(bytes, { maxSeconds: UPLOAD_MAX_SECONDS }));
  } catch (err) {
    if (!(err instanceof AudioDecodeError)) throw err;
    throw new HttpError(err.reason === "too_long" ? 422 : 400, err.message, { field: "file" });
  }
  const { wav, peaks, ms } = await uploadWav(audio);
  const name = cleanName(input.file.name);
  const owner = caller.claims.sub;
  const id = await p.db.asUser(caller.claims, async (tx) => {
    const id = await store.insertUpload(tx, {
      title: input.title ?? titleOf(name),
      name,
      durationMs: ms,
      peaks,
    });
    await asServer(tx, () => sendStage(tx, SONG, id, "encoding"));
    return id;
  });
  try {
    await p.storage.upload(caller, BUCKET, uploadWavPath(owner, id), wav, "audio/wav");
  } catch (err) {
    // Nothing half-written: the song (and its queued stage, which then finds no row) goes too.
    await p.db.asUser(caller.claims, (tx) => store.deleteSongRow(tx, id)).catch((e) =>
      p.log({ level: "error", msg: "upload not rolled back", id, error: String(e) })
    );
    throw err;
  }
  p.worker.wake();
  return await songView(p, caller.claims, id);
}
