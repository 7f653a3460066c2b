/**
 * Attachments: files in the private 'attachments' bucket at `<conversation id>/<uuid>-<name>`.
 * RLS on storage.objects lets only the conversation's participants upload and read them (and
 * nobody once the message carrying one is deleted). The file is uploaded first, as the sender,
 * then `send_message` checks it is theirs and in this conversation.
 *
 * @module
 */
import type { Caller, StoragePort, StoredObject } from "../storage/port.ts";
import { StorageError } from "../storage/port.ts";
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, type Message } from "./schemas.ts";

export const ATTACHMENT_BUCKET = "attachments";

/** A file name safe in an object path and a header: letters, digits, `.`, `-`, `_`. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base.normalize("NFKD").replace(/[^\w.-]+/g, "_").replace(/^[._]+/, "")
    .slice(-100);
  return cleaned || "file";
}

/** The media type we store for `file`: its own, or guessed from the name for bare uploads. */
export function attachmentType(file: { type: string; name: string }): string {
  const type = file.type.split(";")[0].trim().toLowerCase();
  if (type && type !== "application/octet-stream") return type;
  const ext = file.name.toLowerCase().split(".").pop() ?? "";
  return EXTENSIONS[ext] ?? "application/octet-stream";
}

const EXTENSIONS: Record<string, string> = {
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

/** Throws a 413/415 (field `file`) unless the file may be attached. */
export function checkAttachment(file: { size: number; type: string; name: string }): string {
  if (file.size > MAX_ATTACHMENT_BYTES) {
    throw new StorageError(413, "Attach files of at most 20 MB", "file");
  }
  if (file.size === 0) throw new StorageError(400, "The file is empty", "file");
  const type = attachmentType(file);
  if (!(ATTACHMENT_TYPES as readonly string[]).includes(type)) {
    throw new StorageError(415, "Attach an image, an audio file or a PDF", "file");
  }
  return type;
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
  const name = file.name.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 200) || "file";
  const path = `${conversationId}/${crypto.randomUUID()}-${safeFileName(name)}`;
  const bytes = new Uint8Array(await file.arrayBuffer());
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

/** Where the browser fetches a message's attachment (the app serves it after RLS said yes). */
export function attachmentUrl(messageId: number): string {
  return `/api/messages/${messageId}/attachment`;
}
