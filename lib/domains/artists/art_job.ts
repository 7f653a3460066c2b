/**
 * An artist's art: the drawn SVG stored at once (offline, and while the provider works), and with
 * a live AI the image provider's pictures as a job on the `artists` queue (`drawing` → `done`),
 * which replace the drawn ones when they come, for the persona version they were drawn for. A
 * provider that fails is no failure: the drawn art stays and the job says so.
 *
 * @module
 */
import type { Logger } from "../../platform/log.ts";
import type { AiPort } from "../../ports/ai/port.ts";
import type { Db, Tx } from "../../ports/db/mod.ts";
import { type JobRow, type StagedJob, stagedJob } from "../../ports/queue/jobs.ts";
import type { Caller, StoragePort } from "../../ports/storage/port.ts";
import { ARTIST_DRAWING } from "./job_kinds.ts";
import { artPrompt, personaArt } from "./persona/art.ts";
import type { Persona } from "./types.ts";

export const ART_BUCKET = "artist-art";
export const ART_KINDS = ["avatar", "cover"] as const;
export type ArtKind = (typeof ART_KINDS)[number];

/** Stores one picture under a name made from its bytes (a new picture never hits an old cache). */
export async function storeArt(
  storage: StoragePort,
  caller: Caller,
  owner: string,
  artistId: string,
  kind: ArtKind,
  bytes: Uint8Array<ArrayBuffer>,
  type: "image/png" | "image/svg+xml",
): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const tag = [...digest.slice(0, 6)].map((b) => b.toString(16).padStart(2, "0")).join("");
  const path = `${owner}/${artistId}/${kind}-${tag}.${type === "image/png" ? "png" : "svg"}`;
  await storage.upload(caller, ART_BUCKET, path, bytes, type, { upsert: true });
  return path;
}

/** The drawn SVGs of `persona`, stored; their paths. */
export async function storeDrawnArt(
  storage: StoragePort,
  caller: Caller,
  owner: string,
  artistId: string,
  persona: Persona,
): Promise<Record<ArtKind, string>> {
  const paths = { avatar: "", cover: "" };
  for (const kind of ART_KINDS) {
    const svg = new TextEncoder().encode(personaArt(persona, kind).svg);
    paths[kind] = await storeArt(storage, caller, owner, artistId, kind, svg, "image/svg+xml");
  }
  return paths;
}

/** Sets the art's paths, unless the persona moved past `version` meanwhile. */
export async function setArt(
  tx: Tx,
  artistId: string,
  paths: Record<ArtKind, string>,
  source: "live" | "offline",
  version: number | null = null,
): Promise<void> {
  await tx.query(
    `update public.artists set avatar_path = $2, cover_path = $3, art_source = $4
      where id = $1 and ($5::int is null or version = $5::int)`,
    [artistId, paths.avatar, paths.cover, source, version],
  );
}

export interface ArtDeps {
  db: Db;
  ai: AiPort;
  storage: StoragePort;
  /** Stores as the artist's owner (Supabase Storage takes the server's key). */
  uploader(owner: string): Caller;
  log: Logger;
}

interface DrawingRow extends JobRow {
  artist_id: string;
  owner_id: string;
  version: number;
  current: number;
  persona: Persona;
}

async function loadDrawing(tx: Tx, id: string): Promise<DrawingRow | null> {
  const [r] = await tx.query<DrawingRow>(
    `select d.id, d.status, d.stage, d.progress, d.artist_id, d.owner_id, d.version,
            a.version as current, a.persona
       from public.artist_drawings d join public.artists a on a.id = d.artist_id
      where d.id = $1`,
    [id],
  );
  return r ?? null;
}

/** The image provider's art as a job. */
export function drawingJob(ports: () => Promise<ArtDeps>): StagedJob {
  return stagedJob(ARTIST_DRAWING, {
    load: loadDrawing,
    ports,
    failure: () => "The cover art could not be drawn: the drawn art stays.",
    stages: {
      async drawing(row, ctx) {
        if (row.current !== row.version) {
          return { status: "done", progress: { skipped: "A newer version is being drawn." } };
        }
        const { ai, storage, uploader, log } = ctx.ports;
        const paths = { avatar: "", cover: "" };
        try {
          for (const kind of ART_KINDS) {
            const img = await ai.image(artPrompt(row.persona, kind), { size: "1024x1024" });
            paths[kind] = await storeArt(
              storage,
              uploader(row.owner_id),
              row.owner_id,
              row.artist_id,
              kind,
              new Uint8Array(img.bytes),
              img.contentType,
            );
            void ctx.progress({ percent: kind === "avatar" ? 50 : 100 });
          }
        } catch (err) {
          log({ level: "warn", msg: "artists: image provider failed", error: String(err) });
          return {
            status: "done",
            progress: { fallback: "The image provider failed: the drawn art stays." },
          };
        }
        return {
          status: "done",
          progress: { percent: 100 },
          commit: (tx) => setArt(tx, row.artist_id, paths, "live", row.version),
        };
      },
    },
  });
}
