/**
 * A song is a staged job on the `generation` queue (the job shape: lib/ports/queue/jobs.ts; the
 * stages: stages.ts). Its messages carry the song's priority: the queue's handler reads pro songs'
 * messages first (`preferred: { priority: 1 }`), then the rest in order.
 *
 * @module
 */
import { jobKind, type StagedJob, stagedJob } from "../../ports/queue/jobs.ts";
import { SONG_STAGES, songTopic } from "../../shared/song_states.ts";
import { loadSong, songPriority } from "./job_store.ts";
import {
  composingStage,
  encodingStage,
  enhancingStage,
  failureText,
  renderingStage,
  type StudioDeps,
  uploadingStage,
} from "./stages.ts";

export const SONG = jobKind({
  kind: "song",
  queue: "generation",
  table: "public.songs",
  topic: songTopic,
  stages: SONG_STAGES,
  priority: songPriority,
});

/** The pro songs' messages, read first. */
export const PRO_FIRST = { priority: 1 };

/** The song's stages bound to the ports, for the `generation` queue's handler (jobs.ts). */
export function songJob(ports: () => Promise<StudioDeps>): StagedJob {
  return stagedJob(SONG, {
    load: loadSong,
    ports,
    stages: {
      enhancing: enhancingStage,
      composing: composingStage,
      rendering: renderingStage,
      encoding: encodingStage,
      uploading: uploadingStage,
    },
    failure: failureText,
  });
}
