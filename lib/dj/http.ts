/**
 * The DJ's HTTP edge, shared by /api/dj/* and functions/dj: request parsing that names the field,
 * and the answer to a started run (201 with the run, which goes on as jobs: run.ts).
 *
 * @module
 */
import { HttpError } from "../http/errors.ts";
import { DjRunInput, type DjRunRequest, type DjRunWithTracks } from "./types.ts";

const MAX_BODY = 8 * 1024;

/** Parses a run request; unknown keys and bad values are 400s naming the field. */
export function parseRunInput(raw: unknown): DjRunRequest {
  const parsed = DjRunInput.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (issue.code === "unrecognized_keys") {
    throw new HttpError(400, "Unknown field", { field: issue.keys[0] });
  }
  throw new HttpError(400, issue.message, { field: String(issue.path[0] ?? "body") });
}

/** Reads a JSON (or form) body of at most 8 KiB. */
export async function readRunBody(req: Request): Promise<DjRunRequest> {
  const type = req.headers.get("content-type") ?? "";
  const text = await req.text();
  if (text.length > MAX_BODY) {
    throw new HttpError(413, "The request is too large", { field: "body" });
  }
  if (type.startsWith("application/x-www-form-urlencoded")) {
    const form = Object.fromEntries(new URLSearchParams(text));
    delete form._csrf;
    return parseRunInput(form);
  }
  if (!type.startsWith("application/json")) {
    throw new HttpError(415, "Send application/json", { field: "content-type" });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(400, "The body is not valid JSON", { field: "body" });
  }
  return parseRunInput(body);
}

/**
 * The answer to a request that started a run: 201 with the run, `queued` (its stages to come).
 * Its progress arrives on the topic `dj_run:<id>` (GET /realtime/v1/sse?topic=dj_run:<id>
 * embedded, a private Realtime channel on Supabase) and in the run's row (GET /api/dj/runs/<id>).
 */
export function startedResponse(run: DjRunWithTracks): Response {
  return Response.json({ run }, { status: 201, headers: { "cache-control": "no-store" } });
}
