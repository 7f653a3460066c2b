/**
 * A DJ run's statuses and stages, defined once for the schemas (types.ts), the job (run.ts) and
 * the pages. The SQL checks dj_runs_status_check and dj_runs_stage_check repeat them, and
 * tests/integration/dj_flow_test.ts asserts that they agree.
 *
 * Browser-safe and import-free: islands bundle it.
 *
 * @module
 */

/** `queued` and `running` while the run's stages work (lib/domains/dj/run.ts); then one of the others. */
export const RUN_STATUSES = ["queued", "running", "draft", "exported", "failed"] as const;
export type RunStatus = typeof RUN_STATUSES[number];

/** A run's stages, as jobs on the `ai` queue, in order. */
export const DJ_STAGES = ["interpret", "search", "build"] as const;
export type DjStage = typeof DJ_STAGES[number];

/** What each stage is doing, for the progress list. */
export const STAGE_LABELS: Record<DjStage, string> = {
  interpret: "Reading your prompt",
  search: "Searching for tracks",
  build: "Building the playlist",
};

/** Whether a run's stages are still to finish. */
export function isPending(status: string): boolean {
  return status === "queued" || status === "running";
}

/** The live topic of a run: its owner receives `progress` events there. */
export function runTopic(id: string): string {
  return `dj_run:${id}`;
}
