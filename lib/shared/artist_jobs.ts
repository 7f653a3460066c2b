/**
 * Virtual artists' job states, defined once for the schemas, the jobs and the pages (the SQL
 * checks artist_imports_stage_check, artist_plans_stage_check and artist_drawings_stage_check
 * repeat them).
 *
 * Browser-safe and import-free: islands bundle it.
 *
 * @module
 */

/** A large import's one stage on the `artists` queue. */
export const IMPORT_STAGES = ["importing"] as const;
export type ImportStage = typeof IMPORT_STAGES[number];

/** An evolution plan's stages on the `artists` queue, in order. */
export const PLAN_STAGES = ["analysing", "planning"] as const;
export type PlanStage = typeof PLAN_STAGES[number];

/** The image provider drawing the art (live only), one stage on the `artists` queue. */
export const DRAW_STAGES = ["drawing"] as const;
export type DrawStage = typeof DRAW_STAGES[number];

export const ARTIST_STAGE_LABELS: Record<ImportStage | PlanStage | DrawStage, string> = {
  drawing: "Drawing the cover art and avatar",
  importing: "Checking and importing the rows",
  analysing: "Relating each track's sound to how it performed",
  planning: "Writing the proposals",
};

export const importTopic = (id: string) => `artist_import:${id}`;
export const planTopic = (id: string) => `artist_plan:${id}`;
export const artTopic = (id: string) => `artist_art:${id}`;
