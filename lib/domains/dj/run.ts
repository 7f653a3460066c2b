/**
 * A DJ run is a staged job on the `ai` queue (the job shape: lib/ports/queue/jobs.ts). The request
 * (`startRun`: POST /api/dj/runs, the /dj form, functions/dj) spends the user's daily allowance,
 * creates the run `queued` and queues its first stage, all in one transaction, and answers with
 * the run at once. The worker then runs the stages (stages.ts): interpret → search → build; each
 * writes its progress to the run's row and pushes it live on `dj_run:<id>`, which only the run's
 * owner may receive. The run page (routes/(signed-in)/dj/runs/[id].tsx) follows it.
 *
 * @module
 */
import type { Claims } from "../../ports/db/mod.ts";
import { jobKind, type StagedJob, stagedJob, startJob } from "../../ports/queue/jobs.ts";
import { asServer, loadRun, queueRun } from "./run_store.ts";
import { buildStage, type DjDeps, interpretStage, searchStage } from "./stages.ts";
import { getRun, spendQuota } from "./store.ts";
import { DJ_STAGES, runTopic } from "../../shared/dj_states.ts";
import type { DjRunRequest, DjRunWithTracks } from "./types.ts";

export type { DjDeps } from "./stages.ts";

/** The DJ run as a kind of staged job: rows in public.dj_runs, progress on `dj_run:<id>`. */
export const DJ_RUN = jobKind({
  kind: "dj_run",
  queue: "ai",
  table: "public.dj_runs",
  topic: runTopic,
  stages: DJ_STAGES,
});

/**
 * Starts a run for the caller: the allowance is spent (429 over it), the run is created `queued`
 * and its first stage queued, atomically; returns the run as the caller reads it. 404
 * `parent_id` when the playlist it refines is not theirs. Wake the worker afterwards
 * (service.ts `startDjRun` does).
 */
export async function startRun(
  deps: Pick<DjDeps, "db" | "dailyLimit">,
  claims: Claims,
  input: DjRunRequest,
): Promise<DjRunWithTracks> {
  return await deps.db.asUser(claims, async (tx) => {
    await spendQuota(tx, deps.dailyLimit);
    // Creating the run and queueing it are the server's writes (the API roles can do neither).
    const id = await asServer(tx, async () => {
      const id = await queueRun(tx, claims.sub, input);
      await startJob(tx, DJ_RUN, id);
      return id;
    });
    const run = await getRun(tx, id);
    if (!run) throw new Error("dj: the run just created is not readable by its owner");
    return run;
  });
}

/** The run's stages bound to the ports, for the `ai` queue's handler (lib/platform/mod.ts). */
export function djRunJob(ports: () => Promise<DjDeps>): StagedJob {
  return stagedJob(DJ_RUN, {
    load: loadRun,
    ports,
    stages: { interpret: interpretStage, search: searchStage, build: buildStage },
    // The error itself goes to the worker's log, not to the user.
    failure: () => "The DJ could not finish this playlist. Try again.",
  });
}
