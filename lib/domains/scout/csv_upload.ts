/**
 * CSV sources: a person uploads a file (multipart, up to 2 MB) and it is read at once: the rows
 * that could be read become the source's gigs (a run like any other), the others come back by
 * line. A file that yields no gig at all is a 422 listing why, and nothing is written.
 *
 * @module
 */
import type { AiPort } from "../../ports/ai/mod.ts";
import type { Claims, Db } from "../../ports/db/mod.ts";
import { HttpError } from "../../web/errors.ts";
import { isForm, readForm } from "../../web/body.ts";
import { parseFeed } from "./parse/mod.ts";
import { getSource } from "./sources.ts";
import { recordRun, type RunSummary, withGenres } from "./source_job.ts";

export const MAX_CSV_BYTES = 2 * 1024 * 1024;
/** The request's cap: the largest file and the form around it. */
export const CSV_BODY_LIMIT = MAX_CSV_BYTES + 64 * 1024;

/** The uploaded file's text; 415/400/413 naming the field. */
export async function readCsvUpload(req: Request): Promise<{ name: string; text: string }> {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  if (!isForm(type) || !type.startsWith("multipart/")) {
    throw new HttpError(415, "Send multipart/form-data with the CSV as `file`", {
      field: "content-type",
    });
  }
  const form = await readForm(req);
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) {
    throw new HttpError(400, "Choose a CSV file to upload", { field: "file" });
  }
  if (file.size > MAX_CSV_BYTES) {
    throw new HttpError(413, "The file is over 2 MB: split it", { field: "file" });
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    throw new HttpError(400, "The file is not UTF-8 text: export it as CSV (UTF-8)", {
      field: "file",
    });
  }
  if (text.includes("\u0000")) {
    throw new HttpError(400, "The file is not a CSV (it has binary data)", { field: "file" });
  }
  return { name: file.name.slice(0, 200), text };
}

export interface CsvUploadResult {
  run: RunSummary;
  /** Rows that could not be read, by line. */
  errors: { item: string; message: string }[];
}

/** Reads `text` into the caller's CSV source `sourceId`. */
export async function uploadCsv(
  deps: { db: Db; ai: AiPort; now?: () => Date },
  claims: Claims,
  sourceId: string,
  text: string,
): Promise<CsvUploadResult> {
  const source = await deps.db.asUser(claims, (tx) => getSource(tx, claims, sourceId));
  if (source.kind !== "csv") {
    throw new HttpError(409, "Only CSV sources take uploads: this one is read from its address", {
      field: "id",
    });
  }
  const started = deps.now?.() ?? new Date();
  const result = parseFeed("csv", text, { now: started, defaultTimezone: source.timezone });
  if (result.events.length === 0) {
    const errors = result.errors.length
      ? result.errors
      : [{ item: "file", message: "The file has no upcoming events" }];
    throw new HttpError(422, `No gig could be read: ${errors[0].item}: ${errors[0].message}`, {
      field: "file",
      issues: errors.slice(0, 100).map((e) => ({
        field: "file",
        message: `${e.item}: ${e.message}`,
      })),
    });
  }
  const events = await withGenres(deps.ai, result.events);
  const run = await deps.db.asService((tx) =>
    recordRun(tx, source.id, started, {
      status: "ok",
      httpStatus: null,
      result: { events, errors: result.errors },
      etag: null,
      lastModified: null,
    })
  );
  if (!run) throw new HttpError(404, "Source not found", { field: "id" });
  return { run, errors: result.errors };
}
