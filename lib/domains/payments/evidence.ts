/**
 * Dispute evidence: files in the private `evidence` bucket at `<booking id>/<uuid>-<name>`.
 * Storage RLS lets the booking's two parties upload while the money is held or the dispute open,
 * and the parties and admins read (supabase/migrations/20261208000300_dispute_evidence.sql). The
 * files are checked (size, type, first bytes) before anything is stored, uploaded as the caller,
 * then attached by `attach_evidence` in the transaction that opens the dispute (or later, while it
 * is open); uploads a refused attach leaves behind are removed again.
 *
 * @module
 */
import type { Claims } from "../../ports/db/mod.ts";
import { type Caller, StorageError, type StoragePort } from "../../ports/storage/port.ts";
import { checkSignature, safeFileName } from "../chat/attachments.ts";
import { attachmentType, megabytes } from "../../shared/limits.ts";
import { HttpError } from "../../web/errors.ts";
import type { PaymentDeps } from "./deps.ts";
import { evidenceOf, openDispute } from "./actions.ts";
import { type DisputeRow, EvidenceItem } from "./schemas.ts";

const COLUMNS = "id, booking_id, uploaded_as, name, content_type, size_bytes, created_at";

export const EVIDENCE_BUCKET = "evidence";
/** The bucket's `file_size_limit` and dispute_evidence's size check. */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
/** What attach_evidence allows per dispute. */
export const EVIDENCE_MAX_FILES = 10;
/** Files one form or request may carry (the page's body limit is sized for them). */
export const EVIDENCE_FILES_PER_REQUEST = 3;
/** The bucket's `allowed_mime_types`: images and PDF. */
export const EVIDENCE_TYPES = [
  "image/png",
  "image/jpeg",
  "image/webp",
  "image/gif",
  "application/pdf",
] as const;
/** The file input's `accept`. */
export const EVIDENCE_ACCEPT = [...EVIDENCE_TYPES, ".png", ".jpg", ".jpeg", ".webp", ".gif", ".pdf"]
  .join(",");

/** A file that passed the checks, ready to upload. */
export interface EvidenceFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

/** The caller as storage and the database see them. */
export type EvidenceCaller = Caller & { claims: Claims };

/**
 * Checks files before anything is stored: at most EVIDENCE_FILES_PER_REQUEST, each non-empty, at
 * most 10 MB, an image or a PDF whose first bytes match its type. Errors name `field`.
 */
export async function readEvidenceFiles(files: File[], field = "file"): Promise<EvidenceFile[]> {
  if (files.length > EVIDENCE_FILES_PER_REQUEST) {
    throw new StorageError(
      400,
      `Attach at most ${EVIDENCE_FILES_PER_REQUEST} files at once`,
      field,
    );
  }
  const out: EvidenceFile[] = [];
  for (const file of files) {
    if (file.size === 0) throw new StorageError(400, "The file is empty", field);
    if (file.size > EVIDENCE_MAX_BYTES) {
      throw new StorageError(
        413,
        `Attach files of at most ${megabytes(EVIDENCE_MAX_BYTES)}`,
        field,
      );
    }
    // deno-lint-ignore no-control-regex -- control characters have no place in a shown file name
    const name = file.name.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 200) || "file";
    const type = attachmentType({ type: file.type, name });
    if (!(EVIDENCE_TYPES as readonly string[]).includes(type)) {
      throw new StorageError(415, "Attach images (PNG, JPEG, WebP, GIF) or PDFs", field);
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    try {
      checkSignature(type, bytes);
    } catch (err) {
      if (err instanceof StorageError) throw new StorageError(415, err.message, field);
      throw err;
    }
    out.push({ name, type, bytes });
  }
  return out;
}

/** Why storage refused: not a party (404), or the money is not held or disputed (409). */
async function refusal(deps: PaymentDeps, claims: Claims, bookingId: string, field: string) {
  const [r] = await deps.db.asUser(
    claims,
    (tx) =>
      tx.query<{ party: boolean }>("select private.is_booking_party($1::uuid) as party", [
        bookingId,
      ]),
  );
  if (!r?.party) return new HttpError(404, "Booking not found", { field: "booking_id" });
  return new HttpError(409, "Evidence goes with a dispute about held money", { field });
}

async function discard(storage: StoragePort, caller: EvidenceCaller, paths: string[]) {
  for (const path of paths) await storage.remove(caller, EVIDENCE_BUCKET, path).catch(() => false);
}

/** Uploads each file as the caller into the booking's folder; all or none stay. */
async function uploadAll(
  deps: PaymentDeps,
  storage: StoragePort,
  caller: EvidenceCaller,
  bookingId: string,
  files: EvidenceFile[],
  field: string,
): Promise<{ path: string; name: string }[]> {
  const done: { path: string; name: string }[] = [];
  try {
    for (const f of files) {
      const path = `${bookingId}/${crypto.randomUUID()}-${safeFileName(f.name)}`;
      await storage.upload(caller, EVIDENCE_BUCKET, path, f.bytes, f.type);
      done.push({ path, name: f.name });
    }
  } catch (err) {
    await discard(storage, caller, done.map((d) => d.path));
    // RLS refused the row: say why without telling a stranger the booking exists.
    if (err instanceof StorageError && err.status === 403) {
      throw await refusal(deps, caller.claims, bookingId, field);
    }
    if (err instanceof StorageError) throw new HttpError(err.status, err.message, { field });
    throw err;
  }
  return done;
}

/** Opens the dispute with its files: uploaded first, attached with the dispute in one transaction. */
export async function openDisputeWithEvidence(
  deps: PaymentDeps,
  storage: StoragePort,
  caller: EvidenceCaller,
  bookingId: string,
  reason: string,
  files: EvidenceFile[],
  field = "file",
): Promise<DisputeRow> {
  const uploaded = await uploadAll(deps, storage, caller, bookingId, files, field);
  try {
    return await openDispute(deps, caller.claims, bookingId, reason, uploaded);
  } catch (err) {
    await discard(storage, caller, uploaded.map((u) => u.path));
    throw err;
  }
}

/** Adds files to the booking's open dispute (either party). */
export async function addEvidence(
  deps: PaymentDeps,
  storage: StoragePort,
  caller: EvidenceCaller,
  bookingId: string,
  files: EvidenceFile[],
  field = "file",
): Promise<EvidenceItem[]> {
  if (files.length === 0) throw new HttpError(400, "Choose a file to attach", { field });
  const uploaded = await uploadAll(deps, storage, caller, bookingId, files, field);
  try {
    return await deps.db.asUser(caller.claims, async (tx) => {
      const out: EvidenceItem[] = [];
      for (const u of uploaded) {
        const [row] = await tx.query(
          `select ${COLUMNS} from public.attach_evidence($1::uuid, $2, $3)`,
          [bookingId, u.path, u.name],
        );
        out.push(EvidenceItem.parse(row));
      }
      return out;
    });
  } catch (err) {
    await discard(storage, caller, uploaded.map((u) => u.path));
    throw err;
  }
}

/** The booking's evidence as the caller may see it; 404 for anyone but the parties and admins. */
export async function listEvidence(
  deps: PaymentDeps,
  claims: Claims,
  bookingId: string,
): Promise<EvidenceItem[]> {
  return await deps.db.asUser(claims, async (tx) => {
    const [seen] = await tx.query<{ ok: boolean }>(
      "select private.is_admin() or private.is_booking_party($1::uuid) as ok",
      [bookingId],
    );
    if (!seen?.ok) throw new HttpError(404, "Booking not found", { field: "booking_id" });
    return await evidenceOf(tx, bookingId);
  });
}

/** One evidence file and its bytes, or null when it is not there or not the caller's to read. */
export async function downloadEvidence(
  deps: PaymentDeps,
  storage: StoragePort,
  caller: EvidenceCaller,
  bookingId: string,
  evidenceId: string,
): Promise<{ item: EvidenceItem; body: Uint8Array } | null> {
  const [row] = await deps.db.asUser(caller.claims, (tx) =>
    tx.query<{ path: string }>(
      `select path, ${COLUMNS} from public.dispute_evidence
        where id = $1::uuid and booking_id = $2::uuid`,
      [evidenceId, bookingId],
    ));
  if (!row) return null;
  const file = await storage.download(caller, EVIDENCE_BUCKET, row.path);
  return file ? { item: EvidenceItem.parse(row), body: file.body } : null;
}
