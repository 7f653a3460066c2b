/**
 * Mastering's and the hit meter's job states, defined once for the schemas, the jobs and the
 * pages (the SQL checks song_masters_stage_check and song_meters_stage_check repeat them).
 *
 * Browser-safe and import-free: islands bundle it.
 *
 * @module
 */

export const JOB_STATUSES = ["queued", "running", "done", "failed", "cancelled"] as const;
export type JobStatus = typeof JOB_STATUSES[number];

/** A master's stages on the `mastering` queue, in order. */
export const MASTER_STAGES = ["analysing", "mastering", "encoding", "uploading"] as const;
export type MasterStage = typeof MASTER_STAGES[number];

export const MASTER_STAGE_LABELS: Record<MasterStage, string> = {
  analysing: "Measuring the song and the reference",
  mastering: "Mastering (EQ, level, limiter)",
  encoding: "Encoding WAV and MP3",
  uploading: "Saving the files",
};

/** A hit meter report's stages on the `scoring` queue, in order. */
export const METER_STAGES = ["measuring", "writing"] as const;
export type MeterStage = typeof METER_STAGES[number];

export const METER_STAGE_LABELS: Record<MeterStage, string> = {
  measuring: "Measuring the song",
  writing: "Writing the insights",
};

export const masterTopic = (id: string) => `master:${id}`;
export const meterTopic = (id: string) => `meter:${id}`;

export function isJobPending(status: string): boolean {
  return status === "queued" || status === "running";
}
