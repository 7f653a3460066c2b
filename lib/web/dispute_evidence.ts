/**
 * Evidence files as forms and the API send them: the booking page's dispute form and "add
 * evidence" form post them as `evidence` (several allowed), the API as `file`. An empty file input
 * sends one nameless empty file, which counts as none.
 *
 * @module
 */
import { HttpError } from "./errors.ts";
import { isForm, readForm, uploadLimit } from "./body.ts";
import { EVIDENCE_FILES_PER_REQUEST, EVIDENCE_MAX_BYTES } from "../domains/payments/evidence.ts";

/** The form field of the booking page's evidence inputs. */
export const EVIDENCE_FIELD = "evidence";

/** The body limit of a route taking evidence: the most files one request may carry. */
export const EVIDENCE_BODY_LIMIT = uploadLimit(EVIDENCE_FILES_PER_REQUEST * EVIDENCE_MAX_BYTES);

/** The files chosen in `field`; a named but empty file is a 400, a blank input is none. */
export function formFiles(form: FormData, field = EVIDENCE_FIELD): File[] {
  const files: File[] = [];
  for (const v of form.getAll(field)) {
    if (!(v instanceof File)) {
      throw new HttpError(400, "Send the evidence as files", { field });
    }
    if (v.size === 0 && !v.name) continue;
    files.push(v);
  }
  return files;
}

/** The API's upload body: multipart/form-data with one or more `file` parts (415 otherwise). */
export async function readEvidenceBody(req: Request): Promise<File[]> {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  if (!isForm(type) || !type.startsWith("multipart/")) {
    throw new HttpError(415, "Send multipart/form-data with a `file`", { field: "content-type" });
  }
  const files = formFiles(await readForm(req), "file");
  if (files.length === 0) throw new HttpError(400, "Choose a file to attach", { field: "file" });
  return files;
}
