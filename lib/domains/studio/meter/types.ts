/** The hit meter's API shapes (zod): a report as its owner sees it. The report is the contract's. */
import { z } from "zod";
import { MeterReport } from "./schemas.ts";
import { JOB_STATUSES, METER_STAGES } from "../../../shared/studio_jobs.ts";

export const Meter = z.object({
  id: z.uuid(),
  song_id: z.uuid(),
  audio_version: z.number().int().describe("The version of the song's audio it measured"),
  current: z.boolean().describe("false: the song's audio changed since; measure again"),
  status: z.enum(JOB_STATUSES),
  stage: z.enum(METER_STAGES).nullable(),
  progress: z.record(z.string(), z.unknown()),
  error: z.string().nullable(),
  report: MeterReport.nullable().describe("Features, scores and insights, once done"),
  created_at: z.string(),
  finished_at: z.string().nullable(),
});
export type Meter = z.infer<typeof Meter>;

export const MeterBody = z.object({
  meter: Meter.nullable().describe("The newest report (the current audio's if there is one)"),
});
