/**
 * The artists' staged jobs on the `artists` queue (the job shape: lib/ports/queue/jobs.ts): a
 * large CSV import, an evolution plan (analysing → planning → `ready`) and the image provider's
 * art. Their stages are artist_jobs.ts and art_job.ts.
 *
 * @module
 */
import { jobKind } from "../../ports/queue/jobs.ts";
import {
  artTopic,
  DRAW_STAGES,
  IMPORT_STAGES,
  importTopic,
  PLAN_STAGES,
  planTopic,
} from "../../shared/artist_jobs.ts";

export const ARTIST_IMPORT = jobKind({
  kind: "artist_import",
  queue: "artists",
  table: "public.artist_imports",
  topic: importTopic,
  stages: IMPORT_STAGES,
});

export const ARTIST_PLAN = jobKind({
  kind: "artist_plan",
  queue: "artists",
  table: "public.artist_plans",
  topic: planTopic,
  stages: PLAN_STAGES,
});

export const ARTIST_DRAWING = jobKind({
  kind: "artist_drawing",
  queue: "artists",
  table: "public.artist_drawings",
  topic: artTopic,
  stages: DRAW_STAGES,
});
