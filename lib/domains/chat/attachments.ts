/**
 * Attachments: files in the private 'attachments' bucket at `<conversation id>/<uuid>-<name>`.
 * RLS on storage.objects lets only the conversation's participants upload and read them (and
 * nobody once the message carrying one is deleted). The file is uploaded first, as the sender,
 * then `send_message` checks it is theirs and in this conversation.
 *
 * @module
 */
import type { Caller, StoragePort, StoredObject } from "../../ports/storage/port.ts";
import { StorageError } from "../../ports/storage/port.ts";
import type { Message } from "./schemas.ts";
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_NAME_MAX_CHARS,
  type AttachmentType,
  attachmentType,
  isAttachmentType,
  megabytes,
} from "../../shared/limits.ts";

export const ATTACHMENT_BUCKET = "attachments";

/** A file name safe in an object path and a header: letters, digits, `.`, `-`, `_`. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base.normalize("NFKD").replace(/[^\w.-]+/g, "_").replace(/^[._]+/, "")
    .slice(-100);
  return cleaned || "file";
}

/** Throws a 413/415 (field `file`) unless the file may be attached. */
export function checkAttachment(file: { size: number; type: string; name: string }): string {
  if (file.size > ATTACHMENT_MAX_BYTES) {
    throw new StorageError(
      413,
      `Attach files of at most ${megabytes(ATTACHMENT_MAX_BYTES)}`,
      "file",
    );
  }
  if (file.size === 0) throw new StorageError(400, "The file is empty", "file");
  const type = attachmentType(file);
  if (!isAttachmentType(type)) {
    throw new StorageError(415, "Attach an image, an audio file or a PDF", "file");
  }
  return type;
}

const ascii = (text: string) => Array.from(text, (ch) => ch.charCodeAt(0));
const has = (b: Uint8Array, sig: number[], at = 0) =>
  b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);

/**
 * Where the audio starts: after the ID3v2 tag MP3, AAC and FLAC files may begin with (10 bytes
 * of header, a syncsafe size, and a 10-byte footer when flagged), else 0; -1 for a broken tag.
 */
function afterId3(b: Uint8Array): number {
  if (!has(b, ascii("ID3"))) return 0;
  if (b.length < 10 || b[6] > 0x7f || b[7] > 0x7f || b[8] > 0x7f || b[9] > 0x7f) return -1;
  const size = (b[6] << 21) | (b[7] << 14) | (b[8] << 7) | b[9];
  return 10 + size + (b[5] & 0x10 ? 10 : 0);
}

/** An MPEG audio frame header (MPEG 1/2/2.5, layers I–III) at `at`. */
const mpegFrame = (b: Uint8Array, at: number) =>
  at >= 0 && b.length >= at + 2 && b[at] === 0xff && (b[at + 1] & 0xe0) === 0xe0 &&
  ((b[at + 1] >> 3) & 0x03) !== 0x01 && ((b[at + 1] >> 1) & 0x03) !== 0x00;

/** An ADTS (raw AAC) frame header at `at`, or an ADIF header. */
const aacStream = (b: Uint8Array, at: number) =>
  at >= 0 && (has(b, ascii("ADIF"), at) ||
    (b.length >= at + 2 && b[at] === 0xff && (b[at + 1] & 0xf6) === 0xf0));

/**
 * How the first bytes of each accepted type look, and what to call it in a refusal. A file whose
 * bytes do not match the type it claims is refused: the type is what it is served as later, and
 * a PDF or an image that is really something else (HTML, a script, an executable) must not get
 * through under a harmless name.
 */
const SIGNATURES: Record<AttachmentType, { name: string; test: (b: Uint8Array) => boolean }> = {
  "image/png": {
    name: "PNG image",
    test: (b) => has(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  "image/jpeg": { name: "JPEG image", test: (b) => has(b, [0xff, 0xd8, 0xff]) },
  "image/webp": {
    name: "WebP image",
    test: (b) => has(b, ascii("RIFF")) && has(b, ascii("WEBP"), 8),
  },
  "image/gif": {
    name: "GIF image",
    test: (b) => has(b, ascii("GIF87a")) || has(b, ascii("GIF89a")),
  },
  "audio/mpeg": { name: "MP3 file", test: (b) => mpegFrame(b, afterId3(b)) },
  "audio/mp4": { name: "MP4 audio file", test: (b) => has(b, ascii("ftyp"), 4) },
  "audio/aac": { name: "AAC file", test: (b) => aacStream(b, afterId3(b)) },
  "audio/ogg": { name: "Ogg file", test: (b) => has(b, ascii("OggS")) },
  "audio/wav": {
    name: "WAV file",
    test: (b) => has(b, ascii("RIFF")) && has(b, ascii("WAVE"), 8),
  },
  "audio/x-wav": {
    name: "WAV file",
    test: (b) => has(b, ascii("RIFF")) && has(b, ascii("WAVE"), 8),
  },
  "audio/flac": {
    name: "FLAC file",
    test: (b) => {
      const at = afterId3(b);
      return at >= 0 && has(b, ascii("fLaC"), at);
    },
  },
  "audio/webm": { name: "WebM audio file", test: (b) => has(b, [0x1a, 0x45, 0xdf, 0xa3]) },
  "application/pdf": { name: "PDF", test: (b) => has(b, ascii("%PDF-")) },
};

/**
 * Throws a 415 (field `file`) unless the bytes start the way files of `type` do (`type` as
 * `checkAttachment` returned it). Both storage adapters get only files that passed.
 */
export function checkSignature(type: string, bytes: Uint8Array): void {
  const signature = SIGNATURES[type as AttachmentType];
  if (!signature) throw new StorageError(415, "Attach an image, an audio file or a PDF", "file");
  if (!signature.test(bytes)) {
    throw new StorageError(
      415,
      `The file is not a valid ${signature.name}: its contents do not match its type`,
      "file",
    );
  }
}

/** Uploads `file` as the caller into the conversation's folder; returns what send_message takes. */
export async function uploadAttachment(
  storage: StoragePort,
  caller: Caller,
  conversationId: string,
  file: File,
): Promise<{ path: string; name: string }> {
  const type = checkAttachment(file);
  // deno-lint-ignore no-control-regex -- control characters have no place in a shown file name
  const name = file.name.replace(/[\u0000-\u001f\u007f]/g, "").trim()
    .slice(0, ATTACHMENT_NAME_MAX_CHARS) || "file";
  const path = `${conversationId}/${crypto.randomUUID()}-${safeFileName(name)}`;
  const bytes = new Uint8Array(await file.arrayBuffer());
  checkSignature(type, bytes);
  try {
    await storage.upload(caller, ATTACHMENT_BUCKET, path, bytes, type);
  } catch (e) {
    // RLS refused the row: the caller does not take part in this conversation.
    if (e instanceof StorageError && e.status === 403) {
      throw new StorageError(404, "Conversation not found", "conversation_id");
    }
    throw e;
  }
  return { path, name };
}

/** Removes an attachment that no message carries (a send that failed after its upload). */
export async function discardAttachment(
  storage: StoragePort,
  caller: Caller,
  path: string,
): Promise<void> {
  await storage.remove(caller, ATTACHMENT_BUCKET, path).catch(() => false);
}

/** The attachment of a message the caller may read, or null. */
export function downloadAttachment(
  storage: StoragePort,
  caller: Caller,
  message: Pick<Message, "attachment_path">,
): Promise<StoredObject | null> {
  if (!message.attachment_path) return Promise.resolve(null);
  return storage.download(caller, ATTACHMENT_BUCKET, message.attachment_path);
}
