/**
 * Evolution plans: a person asks for one (or the weekly analysis queues it), the job relates the
 * tracks' sound and content to their numbers and proposes changes; the owner approves or rejects
 * each proposal. An approval makes a new persona version (cause `plan`) in the same transaction
 * as the decision, so future songs' prompts follow it (persona/prompt.ts).
 *
 * @module
 */
import { startJob } from "../../ports/queue/jobs.ts";
import { HttpError } from "../../web/errors.ts";
import { asServer } from "../dj/run_store.ts";
import type { Plan } from "./api.ts";
import { ARTIST_PLAN } from "./job_kinds.ts";
import { personaDiff } from "./persona/diff.ts";
import { ownArtist, type Platform, redrawIfChanged, saveVersion, type Who } from "./service.ts";
import * as store from "./store.ts";
import { Persona } from "./types.ts";

/** Queues a plan for the artist (owner only); one already under way is answered instead. */
export async function requestPlan(p: Platform, who: Who, artistId: string): Promise<Plan> {
  const id = await p.db.asUser(who.claims, async (tx) => {
    const artist = await ownArtist(tx, who, artistId);
    const [running] = await tx.query<{ id: string }>(
      `select id from public.artist_plans
        where artist_id = $1 and status in ('queued', 'running')`,
      [artistId],
    );
    if (running) return running.id;
    const [{ n }] = await tx.query<{ n: number }>(
      "select count(*)::int as n from public.artist_metrics where artist_id = $1 limit 1",
      [artistId],
    );
    if (!n) {
      throw new HttpError(409, "Import the artist's streaming figures first", {
        field: "metrics",
      });
    }
    const [{ id }] = await tx.query<{ id: string }>(
      `insert into public.artist_plans (artist_id, owner_id, based_on_version, trigger)
       values ($1, $2, $3, 'person') returning id`,
      [artistId, who.claims.sub, artist.version],
    );
    await asServer(tx, () => startJob(tx, ARTIST_PLAN, id));
    return id;
  });
  p.worker.wake();
  return await planView(p, who, artistId, id);
}

export async function planView(p: Platform, who: Who, artistId: string, id: string) {
  const plan = await p.db.asUser(who.claims, (tx) => store.getPlan(tx, artistId, id));
  if (!plan) throw new HttpError(404, "Plan not found", { field: "plan" });
  return plan;
}

/**
 * The owner's decision on one proposal. Approving applies its change to the current persona as
 * a new version; a proposal decided before is a 409, as is one whose change no longer changes
 * anything (the persona already says so).
 */
export async function decideItem(
  p: Platform,
  who: Who,
  artistId: string,
  planId: string,
  itemId: string,
  decision: "approved" | "rejected",
): Promise<Plan> {
  const approved = await p.db.asUser(who.claims, async (tx) => {
    const artist = await ownArtist(tx, who, artistId);
    const item = await store.planItem(tx, artistId, planId, itemId);
    if (!item) throw new HttpError(404, "No such proposal", { field: "item" });
    if (item.decision !== "pending") {
      throw new HttpError(409, `This proposal was already ${item.decision}`, {
        field: "decision",
      });
    }
    let version: number | null = null;
    let next: Persona | null = null;
    if (decision === "approved") {
      next = Persona.parse({ ...artist.persona, ...item.change });
      if (!personaDiff(artist.persona, next).length) {
        throw new HttpError(409, "The persona already says this: reject it instead", {
          field: "decision",
        });
      }
      version = await saveVersion(
        p,
        who,
        artistId,
        next,
        artist.version,
        "plan",
        `Approved: ${item.title}`,
        item.id,
        tx,
      );
    }
    await tx.query("select public.decide_artist_plan_item($1, $2, $3)", [
      itemId,
      decision,
      version,
    ]);
    return next && version ? { before: artist.persona, next, version } : null;
  });
  // A genre or mood change shows in the art: drawn again once the version is committed.
  if (approved) {
    await redrawIfChanged(p, who, artistId, approved.before, approved.next, approved.version);
  }
  return await planView(p, who, artistId, planId);
}
