/** Mastering's and the hit meter's API operations for the OpenAPI document. */
import { z } from "zod";
import type { Operation } from "./openapi.ts";
import {
  MasterBody,
  MasterDownloadQuery,
  MasterInput,
  MasterListBody,
  PresetsBody,
} from "../../domains/studio/master/types.ts";
import { MeterBody } from "../../domains/studio/meter/types.ts";

const tag = "studio";

export const masterOperations: Operation[] = [
  {
    method: "post",
    path: "/api/studio/songs/{id}/master",
    summary: "Master a finished song (202, `queued`): analysing → mastering → encoding → " +
      "uploading → `done` with a WAV, an MP3 and the before/after report. `settings`: " +
      "target_lufs (−24…−6, default −14), ceiling_dbtp (−3…−0.1, default −1), intensity " +
      "(0…1), reference `{ kind: preset, genre }` (GET /api/studio/master/presets) or " +
      "`{ kind: song, song_id }` (another of your finished songs; 404 `reference` otherwise). " +
      "Follow GET …/masters/{mid} or the topic `master:{mid}`. 409 unless the song is done; " +
      "429 when this month's masters are spent (`resets_at` beside `error`).",
    tag,
    auth: true,
    body: MasterInput,
    response: MasterBody,
    status: 202,
    errors: [404, 409, 415],
  },
  {
    method: "get",
    path: "/api/studio/songs/{id}/masters",
    summary: "The song's masters, newest first (every setting tried is kept)",
    tag,
    auth: true,
    response: MasterListBody,
    errors: [404],
  },
  {
    method: "get",
    path: "/api/studio/songs/{id}/masters/{mid}",
    summary: "One master: status, stage, progress, settings and, once done, the report " +
      "(before/after loudness, spectra, EQ, per-platform preview)",
    tag,
    auth: true,
    response: MasterBody,
    errors: [404],
  },
  {
    method: "post",
    path: "/api/studio/songs/{id}/masters/{mid}/cancel",
    summary: "Stop a master being made; it does not count against the month (409 once finished)",
    tag,
    auth: true,
    response: MasterBody,
    errors: [404, 409],
  },
  {
    method: "get",
    path: "/api/studio/songs/{id}/masters/{mid}/download",
    query: MasterDownloadQuery,
    summary: "302 to a signed URL of a finished master's WAV or MP3 (default), valid for 5 " +
      "minutes. 404 for anyone but the owner.",
    tag,
    auth: true,
    response: z.null(),
    status: 302,
    errors: [404],
  },
  {
    method: "get",
    path: "/api/studio/master/presets",
    summary: "The genres with a mastering reference preset and the loudness targets offered",
    tag,
    auth: true,
    response: PresetsBody,
  },
  {
    method: "get",
    path: "/api/studio/songs/{id}/meter",
    summary: "The song's newest hit meter report (null when never measured); `current` false " +
      "when the song's audio changed since",
    tag,
    auth: true,
    response: MeterBody,
    errors: [404],
  },
  {
    method: "post",
    path: "/api/studio/songs/{id}/meter",
    summary: "Score a finished song with the hit meter (202): the report of its current audio " +
      "is reused when done or being made, else measuring → writing → `done` (features, " +
      "category scores, overall 0–100, insights: not predictions). Follow the topic " +
      "`meter:{id}` of the report. 409 unless the song is done.",
    tag,
    auth: true,
    response: MeterBody,
    status: 202,
    errors: [404, 409],
  },
];
