/**
 * Virtual artists' entry points, shared by /api/artists/* and the pages: a persona from a brief
 * (checked by the guardrails before anything is saved), versions (edit, roll back), members, art.
 * The calendar, imports and plans have modules of their own (calendar.ts, imports.ts, plans.ts).
 *
 * @module
 */
import type { Config } from "../../platform/config.ts";
import type { Logger } from "../../platform/log.ts";
import { type AiPort, AiUnavailableError } from "../../ports/ai/port.ts";
import { runTask } from "../../ports/ai/run_task.ts";
import type { Claims, Db, Tx } from "../../ports/db/mod.ts";
import type { Worker } from "../../ports/queue/worker.ts";
import type { StoragePort } from "../../ports/storage/port.ts";
import { userApi } from "../../ports/spotify/connection.ts";
import { djDeps } from "../dj/service.ts";
import { HttpError } from "../../web/errors.ts";
import type { Artist, Version } from "./api.ts";
import { personaTask } from "./persona/persona_task.ts";
import { checkPersona, type GuardPorts } from "./persona/guardrails.ts";
import { ARTIST_DRAWING } from "./job_kinds.ts";
import { ART_BUCKET, setArt, storeDrawnArt } from "./art_job.ts";
import { startJob } from "../../ports/queue/jobs.ts";
import { asServer } from "../dj/run_store.ts";
import { personaDiff, summariseDiff } from "./persona/diff.ts";
import * as store from "./store.ts";
import { type Brief, Persona } from "./types.ts";

/** The parts of the platform artists use. */
export interface ArtistsPlatform {
  db: Db;
  ai: AiPort;
  log: Logger;
  config: Config;
  storage: StoragePort;
  mode: "embedded" | "supabase";
}
export type Platform = ArtistsPlatform & { worker: Worker };

/** Who asks: their claims and, for Supabase Storage, their access token. */
export interface Who {
  claims: Claims;
  accessToken?: string;
}

export { ART_BUCKET };

/** A refusal by the guardrails: 422 naming the field and the reason. */
export class GuardrailError extends HttpError {
  constructor(reason: string, field: string, readonly rule: string) {
    super(422, reason, { code: `refused_${rule}`, field });
  }
}

/**
 * The guardrails' ports for `userId`: the live moderation endpoint (offline: the rule set
 * alone) and, when they connected Spotify, its artist search.
 */
async function guardPorts(p: ArtistsPlatform, userId: string): Promise<GuardPorts> {
  const ports: GuardPorts = {};
  if (p.ai.mode === "live") ports.moderate = (texts) => p.ai.moderate(texts);
  // The DJ's Spotify dependencies: one token cipher per platform (a second one made here could
  // not read the tokens the DJ stored, and would mark the connection broken).
  const spotify = (await djDeps(p)).spotify;
  if (spotify) {
    try {
      const api = await userApi(spotify, userId);
      ports.searchArtists = async (name) => (await api.searchArtists(name, 10)).map((a) => a.name);
    } catch (err) {
      // Not connected (or broken): the catalogue's names are still checked.
      p.log({ level: "debug", msg: "artists: no Spotify artist search", error: String(err) });
    }
  }
  return ports;
}

async function guard(
  p: ArtistsPlatform,
  ports: GuardPorts,
  input: { brief?: Brief; persona?: Persona },
): Promise<void> {
  let verdict;
  try {
    verdict = await checkPersona(input, ports);
  } catch (err) {
    if (!(err instanceof AiUnavailableError)) throw err;
    // Moderation is down: the offline rules still decide.
    p.log({ level: "warn", msg: "artists: moderation unavailable", error: err.message });
    verdict = await checkPersona(input, {});
  }
  if (!verdict.ok) throw new GuardrailError(verdict.reason, verdict.field, verdict.rule);
}

/** The artist as the caller sees it, or a 404. */
export async function artistView(p: Pick<ArtistsPlatform, "db">, who: Who, id: string) {
  const artist = await p.db.asUser(who.claims, (tx) => store.getArtist(tx, who.claims.sub, id));
  if (!artist) throw new HttpError(404, "Artist not found", { field: "id" });
  return artist;
}

/** What `read` finds under an artist the caller may read (owner or member); a 404 otherwise. */
export async function readArtist<T>(
  p: Pick<ArtistsPlatform, "db">,
  who: Who,
  id: string,
  read: (tx: Tx, id: string) => Promise<T>,
): Promise<T> {
  return await p.db.asUser(who.claims, async (tx) => {
    if (!await store.getArtist(tx, who.claims.sub, id)) {
      throw new HttpError(404, "Artist not found", { field: "id" });
    }
    return await read(tx, id);
  });
}

/**
 * The caller's own artist, locked until the transaction ends, so concurrent changes (two
 * approvals, an edit and a plan request) apply one after the other on the latest version; a 404
 * (a 403 for a member: they only read it).
 */
export async function ownArtist(tx: Tx, who: Who, id: string): Promise<Artist> {
  // 404 for a stranger's or a missing artist, 403 for a member.
  await tx.query("select private.artist_for_update($1)", [id]);
  return (await store.getArtist(tx, who.claims.sub, id))!;
}

/**
 * A new artist from a brief: the brief passes the guardrails, the AI (or the offline writer)
 * writes the persona, which passes them too; then version 1 and its art are saved. Counts
 * against the daily AI allowance (429).
 */
export async function createArtist(p: Platform, who: Who, brief: Brief): Promise<Artist> {
  // Built once: the owner's Spotify connection is read for both checks.
  const ports = await guardPorts(p, who.claims.sub);
  await guard(p, ports, { brief });
  await p.db.asUser(
    who.claims,
    (tx) =>
      tx.query("select public.spend_ai_quota('artist_persona', $1)", [p.config.AI_DAILY_LIMIT]),
  );
  const run = await runTask(p.ai, personaTask, brief, {
    log: p.log,
    recordUsage: (u) =>
      p.db.asUser(
        who.claims,
        (tx) => tx.query("select public.record_ai_tokens($1, $2)", [u.task, u.tokens]),
      ),
  });
  const persona = Persona.parse(run.value);
  await guard(p, ports, { persona });
  const id = await p.db.asUser(who.claims, async (tx) => {
    const [{ id }] = await tx.query<{ id: string }>(
      "select public.create_artist($1::jsonb, $2::jsonb, $3::jsonb) as id",
      [JSON.stringify(brief), JSON.stringify(persona), JSON.stringify(personaDiff(null, persona))],
    );
    return id;
  });
  await drawArt(p, who, id, persona, 1);
  return await artistView(p, who, id);
}

/** What the art is drawn from: a change to any of these draws it again. */
const drawnFrom = (p: Persona) => JSON.stringify([p.name, p.visual_identity, p.genres, p.moods]);

/**
 * The art of `version`: the drawn SVG stored now, and with a live AI the image provider's
 * pictures queued (art_job.ts), which replace it when they come.
 */
export async function drawArt(
  p: Platform,
  who: Who,
  id: string,
  persona: Persona,
  version: number,
) {
  const paths = await storeDrawnArt(p.storage, who, who.claims.sub, id, persona);
  const live = p.ai.mode === "live";
  await p.db.asUser(who.claims, async (tx) => {
    await setArt(tx, id, paths, "offline", version);
    if (!live) return;
    const [{ id: job }] = await tx.query<{ id: string }>(
      `insert into public.artist_drawings (artist_id, owner_id, version)
       values ($1, $2, $3) returning id`,
      [id, who.claims.sub, version],
    );
    await asServer(tx, () => startJob(tx, ARTIST_DRAWING, job));
  });
  if (live) p.worker.wake();
}

/**
 * Saves `persona` as the artist's next version (guardrails first), with its diff against the
 * current one. 409 when `expected` is no longer the current version; 400 when nothing changed.
 */
export async function saveVersion(
  p: Platform,
  who: Who,
  id: string,
  persona: Persona,
  expected: number,
  cause: "edited" | "plan" | "rollback",
  note: string | null,
  planItem: string | null = null,
  tx?: Tx,
): Promise<number> {
  await guard(p, await guardPorts(p, who.claims.sub), { persona });
  const run = async (tx: Tx) => {
    const artist = await ownArtist(tx, who, id);
    const diff = personaDiff(artist.persona, persona);
    if (!diff.length) {
      throw new HttpError(400, "Nothing changed: this is the current version", {
        field: "persona",
      });
    }
    const [{ version }] = await tx.query<{ version: number }>(
      "select public.artist_new_version($1, $2, $3::jsonb, $4, $5, $6::jsonb, $7) as version",
      [
        id,
        expected,
        JSON.stringify(persona),
        cause,
        note ?? summariseDiff(diff),
        JSON.stringify(diff),
        planItem,
      ],
    );
    return { version, redraw: drawnFrom(artist.persona) !== drawnFrom(persona) };
  };
  const out = tx ? await run(tx) : await p.db.asUser(who.claims, run);
  // Inside the caller's transaction the caller draws once it has committed.
  if (out.redraw && !tx) await drawArt(p, who, id, persona, out.version);
  return out.version;
}

/** Draws `after` again when what the art shows changed from `before`. */
export async function redrawIfChanged(
  p: Platform,
  who: Who,
  id: string,
  before: Persona,
  after: Persona,
  version: number,
): Promise<void> {
  if (drawnFrom(before) !== drawnFrom(after)) await drawArt(p, who, id, after, version);
}

/** Brings back version `version` as a new version (cause `rollback`). */
export async function restoreVersion(
  p: Platform,
  who: Who,
  id: string,
  version: number,
): Promise<Artist> {
  const { persona, current } = await p.db.asUser(who.claims, async (tx) => {
    const artist = await ownArtist(tx, who, id);
    const persona = await store.versionPersona(tx, id, version);
    if (!persona) throw new HttpError(404, "No such version", { field: "version" });
    return { persona: Persona.parse(persona), current: artist.version };
  });
  if (version === current) {
    throw new HttpError(400, "That is the current version", { field: "version" });
  }
  await saveVersion(p, who, id, persona, current, "rollback", `Restored version ${version}`);
  return await artistView(p, who, id);
}

export async function listVersions(p: Platform, who: Who, id: string): Promise<Version[]> {
  await artistView(p, who, id);
  return await p.db.asUser(who.claims, (tx) => store.listVersions(tx, id));
}

export async function addMember(p: Platform, who: Who, id: string, email: string) {
  await p.db.asUser(who.claims, async (tx) => {
    await ownArtist(tx, who, id);
    await tx.query("select public.add_artist_member($1, $2)", [id, email]);
  });
}

export async function removeMember(p: Platform, who: Who, id: string, userId: string) {
  const gone = await p.db.asUser(who.claims, async (tx) => {
    if (!await store.getArtist(tx, who.claims.sub, id)) {
      throw new HttpError(404, "Artist not found", { field: "id" });
    }
    return await tx.query(
      "delete from public.artist_members where artist_id = $1 and user_id = $2 returning user_id",
      [id, userId],
    );
  });
  if (!gone.length) throw new HttpError(404, "No such member", { field: "user_id" });
}

/** Deletes the artist with everything under it and its art (owner only). */
export async function deleteArtist(p: Platform, who: Who, id: string): Promise<void> {
  const paths = await p.db.asUser(who.claims, async (tx) => {
    await ownArtist(tx, who, id);
    const art = await store.artPaths(tx, id);
    await tx.query("delete from public.artists where id = $1", [id]);
    return [art?.avatar_path, art?.cover_path].filter((x): x is string => !!x);
  });
  if (paths.length) {
    for (const path of paths) {
      await p.storage.remove(who, ART_BUCKET, path).catch((err) =>
        p.log({ level: "warn", msg: "artists: art not removed", error: String(err) })
      );
    }
  }
}
