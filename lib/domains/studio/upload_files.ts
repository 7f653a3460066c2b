/**
 * An uploaded track's files. In the request: the decoded audio at a rate the MP3 encoder takes,
 * its WAV and the player's peaks. In the job's encoding stage: the stored WAV read back and its MP3
 * made (the slow part: a 10-minute track takes seconds, too long for a request). The WAV stays
 * where the request put it; the uploading stage stores the MP3 beside it.
 *
 * @module
 */
import { mp3Ready, peaksOf, type Stereo } from "../../audio/offthread/tasks.ts";
import { runDsp } from "../../audio/offthread/mod.ts";
import type { Caller, StoragePort } from "../../ports/storage/port.ts";
import { BUCKET, type EncodedSong } from "./files.ts";

/** The upload's WAV in the `tracks` bucket (the migration's studio_upload_song sets the same). */
export const uploadWavPath = (owner: string, song: string) => `${owner}/${song}/song.wav`;

const MP3_KBPS = 192;

export { mp3Ready, peaksOf, type Stereo };

/**
 * What the request stores: the WAV, its peaks and length (in a DSP worker: the audio's buffers
 * move there).
 */
export function uploadWav(
  a: Stereo,
): Promise<{ wav: Uint8Array; peaks: [number, number][]; ms: number }> {
  return runDsp("upload_wav", a);
}

const WAV_WAIT_MS = 30_000;
const WAV_POLL_MS = 200;

/** The encoding stage of an upload: its stored WAV → the MP3 (the uploading stage stores it). */
export async function encodeUpload(
  storage: StoragePort,
  caller: Caller,
  owner: string,
  song: string,
): Promise<EncodedSong> {
  // The request stores the WAV just after queueing this stage, so a worker may get here first:
  // wait for it a little rather than fail into the queue's retry delay.
  let stored = await storage.download(caller, BUCKET, uploadWavPath(owner, song));
  for (let waited = 0; !stored && waited < WAV_WAIT_MS; waited += WAV_POLL_MS) {
    await new Promise((r) => setTimeout(r, WAV_POLL_MS));
    stored = await storage.download(caller, BUCKET, uploadWavPath(owner, song));
  }
  if (!stored) throw new Error("the uploaded WAV is not in the bucket");
  const { mp3, peaks, duration_ms } = await runDsp("encode_upload", {
    wav: stored.body,
    mp3Kbps: MP3_KBPS,
  });
  return {
    files: [{ name: "song.mp3", type: "audio/mpeg", body: mp3, role: "mp3" }],
    peaks,
    duration_ms,
  };
}
