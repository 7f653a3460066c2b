/**
 * One AI writing request, as `functions/ai-write` (bearer token) and any route (session cookie)
 * serve it: validate → load the facts as the user (RLS) → spend the daily quota → write (live,
 * retry once, offline: run_task.ts) → record tokens. Answers
 * `{ task, draft, value, source, model, language, language_reason, remaining }` or
 * `{ error: { status, message, field } }`. The draft's language is the request's `language`, else
 * that of the user's own text, else the request's Accept-Language (language.ts).
 *
 * @module
 */
import { z } from "zod";
import type { Claims, Db, Tx } from "../../ports/db/mod.ts";
import { dbFailure } from "../../ports/db/errors.ts";
import type { Logger } from "../../platform/log.ts";
import { HttpError } from "../../web/errors.ts";
import { readJson } from "../../web/body.ts";
import type { AiPort } from "../../ports/ai/port.ts";
import type { GigFacts, MusicianFacts } from "../gigs/facts.ts";
import { TASK_NEEDS, write, WRITE_TASKS, type WriteTask } from "./writer.ts";
import { type LanguageReason, WRITE_LANGS, type WriteLang } from "./language.ts";

export const AiWriteRequest = z.object({
  task: z.enum(WRITE_TASKS, {
    error: `Choose one of: ${WRITE_TASKS.join(", ")}`,
  }),
  gig_id: z.uuid({ error: "Not a gig id" }).optional(),
  musician_id: z.uuid({ error: "Not a musician id" }).optional(),
  /** The draft's language; without it, the language of the user's own text or browser. */
  language: z.enum(WRITE_LANGS, { error: `Choose one of: ${WRITE_LANGS.join(", ")}` }).optional(),
}).strict();
export type AiWriteRequest = z.infer<typeof AiWriteRequest>;

export interface AiWriteDeps {
  db: Db;
  ai: AiPort;
  /** Requests per user, task and UTC day (AI_DAILY_LIMIT). */
  dailyLimit: number;
  log?: Logger;
}

export interface AiWriteAnswer {
  task: WriteTask;
  /** The draft as text, ready for a textarea: the user edits it before saving. */
  draft: string;
  /** The same draft, structured (e.g. the setlist's songs). */
  value: unknown;
  source: "live" | "offline";
  model: string;
  /** The language the draft is written in, and why: asked for, the user's text, the browser. */
  language: WriteLang;
  language_reason: LanguageReason;
  /** Requests of this task left today. */
  remaining: number;
}

export class AiWriteError extends HttpError {
  constructor(status: number, message: string, field?: string) {
    super(status, message, { field });
  }
}

/** Validates `body` (parsed JSON); throws `AiWriteError(400)` naming the field. */
export function parseAiWriteRequest(body: unknown): AiWriteRequest {
  const parsed = AiWriteRequest.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.code === "unrecognized_keys"
      ? issue.keys[0]
      : String(issue.path[0] ?? "body");
    const message = issue.code === "unrecognized_keys" ? "Unknown field" : issue.message;
    throw new AiWriteError(400, message, field);
  }
  const req = parsed.data;
  if (TASK_NEEDS[req.task].gig && !req.gig_id) {
    throw new AiWriteError(400, `A ${req.task.replace("_", " ")} is written for a gig`, "gig_id");
  }
  return req;
}

async function loadMusician(tx: Tx, id: string): Promise<MusicianFacts | null> {
  const [m] = await tx.query<MusicianFacts>(
    `select id, stage_name, bio, instruments, genres, skills, languages, city, country, lat, lng,
            travel_radius_km, fee_min_minor, fee_max_minor, currency
       from public.musician_profiles where id = $1`,
    [id],
  );
  return m ?? null;
}

async function loadGig(tx: Tx, id: string): Promise<GigFacts | null> {
  const [g] = await tx.query<GigFacts>(
    `select g.id, g.title, g.description, g.kind, g.genres, g.instruments, g.starts_at, g.timezone,
            g.duration_minutes, g.remote, g.venue_name, g.city, g.country, g.lat, g.lng,
            g.budget_min_minor, g.budget_max_minor, g.currency,
            coalesce(c.organisation, p.display_name) as client_name
       from public.gigs g
       left join public.client_profiles c on c.id = g.client_id
       left join public.profiles p on p.id = g.client_id
      where g.id = $1`,
    [id],
  );
  return g ?? null;
}

/** Runs one request for the signed-in `claims`; throws `AiWriteError` for every 4xx. */
export async function aiWrite(
  deps: AiWriteDeps,
  claims: Claims,
  req: AiWriteRequest,
  acceptLanguage: string | null = null,
): Promise<AiWriteAnswer> {
  const need = TASK_NEEDS[req.task];
  if (req.musician_id && req.musician_id !== claims.sub) {
    throw new AiWriteError(403, "Drafts are written from your own musician profile", "musician_id");
  }
  let facts: { musician: MusicianFacts | null; gig: GigFacts | null; remaining: number };
  try {
    facts = await deps.db.asUser(claims, async (tx) => {
      const gig = req.gig_id ? await loadGig(tx, req.gig_id) : null;
      if (req.gig_id && !gig) throw new AiWriteError(404, "No such gig", "gig_id");
      // The writer's own profile: required for a bio and a proposal, used by a setlist if there.
      const musician = need.musician || req.task === "setlist"
        ? await loadMusician(tx, claims.sub)
        : null;
      if (need.musician && !musician) {
        throw new AiWriteError(404, "Create your musician profile first", "musician_id");
      }
      const [{ remaining }] = await tx.query<{ remaining: number }>(
        "select public.spend_ai_quota($1, $2) as remaining",
        [req.task, deps.dailyLimit],
      );
      return { musician, gig, remaining };
    });
  } catch (err) {
    if (err instanceof AiWriteError) throw err;
    const f = dbFailure(err);
    if (f) throw new AiWriteError(f.status, f.message, f.field);
    throw err;
  }
  // Outside any transaction: a live model may take seconds.
  const input = { ...facts, language: req.language ?? null, acceptLanguage };
  const result = await write(deps.ai, req.task, input, {
    log: deps.log,
    recordUsage: ({ task, tokens }) =>
      deps.db.asUser(
        claims,
        (tx) => tx.query("select public.record_ai_tokens($1, $2)", [task, tokens]),
      ),
  });
  return {
    task: req.task,
    draft: result.text,
    value: result.draft,
    source: result.source,
    model: result.model,
    language: result.language,
    language_reason: result.languageReason,
    remaining: facts.remaining,
  };
}

/** The HTTP edge: JSON body in, JSON out; every failure an `HttpError` naming the field. */
export async function handleAiWriteRequest(
  deps: AiWriteDeps,
  claims: Claims | null,
  request: Request,
): Promise<Response> {
  if (request.method !== "POST") {
    throw new HttpError(405, "Use POST", { field: "method", headers: { allow: "POST" } });
  }
  if (!claims) throw new AiWriteError(401, "Sign in first", "authorization");
  const body = await readJson(request);
  if (body === undefined) throw new AiWriteError(400, "Send a JSON body", "body");
  const answer = await aiWrite(
    deps,
    claims,
    parseAiWriteRequest(body),
    request.headers.get("accept-language"),
  );
  return Response.json(answer, { headers: { "cache-control": "no-store" } });
}
