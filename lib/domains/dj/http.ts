/**
 * The DJ's HTTP edge, shared by /api/dj/* and functions/dj: request parsing that names the field,
 * and the answer to a started run (201 with the run, which goes on as jobs: run.ts).
 *
 * @module
 */
import { HttpError } from "../../web/errors.ts";
import { isJson, readForm, readJson } from "../../web/body.ts";
import { DjRunInput, type DjRunRequest, type DjRunWithTracks } from "./types.ts";

/** The body cap of a run request (route `config.bodyLimit`, function `bodyLimit`). */
export const RUN_BODY_LIMIT = 8 * 1024;

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

/** Reads a JSON (or urlencoded form) body, as the edge parsed it (capped at `RUN_BODY_LIMIT`). */
export async function readRunBody(req: Request): Promise<DjRunRequest> {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  if (type.startsWith("application/x-www-form-urlencoded")) {
    const form: Record<string, FormDataEntryValue> = {};
    for (const [k, v] of await readForm(req)) if (k !== "_csrf") form[k] = v;
    return parseRunInput(form);
  }
  if (!isJson(type)) {
    throw new HttpError(415, "Send application/json", { field: "content-type" });
  }
  const body = await readJson(req);
  if (body === undefined) throw new HttpError(400, "The body is not valid JSON", { field: "body" });
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
