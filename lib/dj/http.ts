/**
 * The DJ's HTTP edge, shared by /api/dj/* and functions/dj: request parsing that names the field,
 * and a run answered either as JSON (201) or, for `Accept: application/x-ndjson`, as a stream of
 * progress lines (`{"stage":"interpreting"}` … `{"stage":"done","run":{…}}`). Failures before the
 * first line are ordinary 4xx answers; later ones end the stream with `{"stage":"error",…}`.
 *
 * @module
 */
import { z } from "zod";
import { HttpError } from "../http/errors.ts";
import { isJson, readForm, readJson } from "../http/body.ts";
import { dbFailure } from "../db/errors.ts";
import type { Claims } from "../db/mod.ts";
import { type DjDeps, type Progress, runDj } from "./run.ts";
import { DjRunInput, type DjRunRequest } from "./types.ts";

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

export function wantsStream(req: Request): boolean {
  return (req.headers.get("accept") ?? "").includes("application/x-ndjson");
}

/** `{ status, message, field }` for any failure (500 for unknown ones). */
export function errorOf(err: unknown): { status: number; message: string; field?: string } {
  if (err instanceof HttpError) {
    return { status: err.status, message: err.message, field: err.field };
  }
  if (err instanceof z.ZodError) {
    const i = err.issues[0];
    return { status: 400, message: i.message, field: i.path.join(".") || "body" };
  }
  const f = dbFailure(err);
  if (f) return f;
  return { status: 500, message: "The DJ failed" };
}

const encoder = new TextEncoder();

/** Runs the DJ and answers with the run (JSON) or with a stream of progress lines. */
export async function runResponse(
  deps: DjDeps,
  claims: Claims,
  input: DjRunRequest,
  stream: boolean,
): Promise<Response> {
  const headers = { "cache-control": "no-store" };
  if (!stream) {
    const run = await runDj(deps, claims, input);
    return Response.json({ run }, { status: 201, headers });
  }
  const pipe = new TransformStream<Uint8Array, Uint8Array>();
  const writer = pipe.writable.getWriter();
  // A client that went away must not fail the run: it is saved all the same.
  const send = (line: unknown) =>
    writer.write(encoder.encode(`${JSON.stringify(line)}\n`)).catch(() => {});
  const first = Promise.withResolvers<void>();
  let started = false;
  const onProgress = (p: Progress) => {
    if (!started) {
      started = true;
      first.resolve();
    }
    void send(p);
  };
  runDj(deps, claims, input, onProgress).then(
    () => writer.close().catch(() => {}),
    async (err) => {
      if (!started) return first.reject(err);
      const e = errorOf(err);
      if (e.status >= 500) deps.log?.({ level: "error", msg: "dj run failed", error: String(err) });
      await send({ stage: "error", error: e });
      await writer.close().catch(() => {});
    },
  );
  await first.promise;
  return new Response(pipe.readable, {
    status: 200,
    headers: { ...headers, "content-type": "application/x-ndjson; charset=utf-8" },
  });
}
