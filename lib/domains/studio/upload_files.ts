/**
 * An uploaded track's files. In the request: the decoded audio at a rate the MP3 encoder takes,
 * its WAV and the player's peaks. In the job's encoding stage: the stored WAV read back and its MP3
 * made (the slow part: a 10-minute track takes seconds, too long for a request). The WAV stays
 * where the request put it; the uploading stage stores the MP3 beside it.
 *
 * @module
 */
import { decodeWav, encodeWav } from "../../audio/wav.ts";
import { encodeMp3 } from "../../audio/mp3.ts";
import { waveformPeaks } from "../../audio/peaks.ts";
import { resampleLinear } from "../../ports/music/http_audio.ts";
import type { Caller, StoragePort } from "../../ports/storage/port.ts";
import { BUCKET, type EncodedSong, PEAK_COUNT } from "./files.ts";

/** The upload's WAV in the `tracks` bucket (the migration's studio_upload_song sets the same). */
export const uploadWavPath = (owner: string, song: string) => `${owner}/${song}/song.wav`;

const MP3_RATES = [32000, 44100, 48000];
const MP3_KBPS = 192;

export interface Stereo {
  sampleRate: number;
  left: Float32Array;
  right: Float32Array;
}

/**
 * The audio at a rate the MP3 encoder takes: 32, 44.1 and 48 kHz stay; the 44.1 kHz family
 * (22.05, 88.2 kHz…) becomes 44.1 kHz, anything else 48 kHz. Linear interpolation, as the music
 * port's adapter does: what it aliases from 96 kHz lies above 20 kHz.
 */
export function mp3Ready(a: Stereo): Stereo {
  if (MP3_RATES.includes(a.sampleRate)) return a;
  const to = a.sampleRate % 11025 === 0 ? 44100 : 48000;
  return {
    sampleRate: to,
    left: resampleLinear(a.left, a.sampleRate, to),
    right: resampleLinear(a.right, a.sampleRate, to),
  };
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

export function peaksOf(a: Stereo): [number, number][] {
  return waveformPeaks([a.left, a.right], PEAK_COUNT)
    .map(([lo, hi]) => [round(lo), round(hi)] as [number, number]);
}

/** What the request stores: the WAV, its peaks and length. */
export function uploadWav(a: Stereo): { wav: Uint8Array; peaks: [number, number][]; ms: number } {
  return {
    wav: encodeWav([a.left, a.right], a.sampleRate),
    peaks: peaksOf(a),
    ms: Math.max(1, Math.round(a.left.length / a.sampleRate * 1000)),
  };
}

/** The encoding stage of an upload: its stored WAV → the MP3 (the uploading stage stores it). */
export async function encodeUpload(
  storage: StoragePort,
  caller: Caller,
  owner: string,
  song: string,
): Promise<EncodedSong> {
  const stored = await storage.download(caller, BUCKET, uploadWavPath(owner, song));
  if (!stored) throw new Error("the uploaded WAV is not in the bucket");
  const wav = decodeWav(stored.body);
  const [left] = wav.channels;
  const audio = mp3Ready({ sampleRate: wav.sampleRate, left, right: wav.channels[1] ?? left });
  return {
    files: [{
      name: "song.mp3",
      type: "audio/mpeg",
      body: encodeMp3(audio.left, audio.right, audio.sampleRate, MP3_KBPS),
      role: "mp3",
    }],
    peaks: peaksOf(audio),
    duration_ms: Math.round(left.length / wav.sampleRate * 1000),
  };
}
