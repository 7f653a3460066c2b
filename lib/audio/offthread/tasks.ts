/**
 * The DSP tasks that run off the web process's main thread (mod.ts): each is a plain function of
 * plain data (typed arrays, numbers, JSON), run as it is by the worker (dsp_worker.ts) or inline
 * where there is no `Worker`, so both give the same bytes.
 *
 * @module
 */
import { decodeWav, encodeWav } from "../wav.ts";
import { encodeMp3 } from "../mp3.ts";
import { encodeMp3Part, type Mp3Part, mp3Parts } from "./mp3_parts.ts";
import { waveformPeaks } from "../peaks.ts";
import { measureFeatures } from "../features.ts";
import {
  masterAudio,
  type Mastered,
  type MasterReference,
  measureReference,
} from "../master/mod.ts";
import type { MasterOptions } from "../master/master.ts";
import { resampleLinear } from "../resample.ts";
import type { Features } from "../reports.ts";

export interface Stereo {
  sampleRate: number;
  left: Float32Array;
  right: Float32Array;
}

/** How a task reports progress: a phase's name and its percent. */
export type Report = (phase: string, percent: number) => void;

/** Peaks for the player: this many [min, max] pairs. */
export const PEAK_COUNT = 800;
const MP3_RATES = [32000, 44100, 48000];

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

export function peaksOf(a: { left: Float32Array; right: Float32Array }): [number, number][] {
  return waveformPeaks([a.left, a.right], PEAK_COUNT)
    .map(([lo, hi]) => [round4(lo), round4(hi)] as [number, number]);
}

/**
 * The audio at a rate the MP3 encoder takes: 32, 44.1 and 48 kHz stay; the 44.1 kHz family
 * becomes 44.1 kHz, anything else 48 kHz (linear interpolation, as the music port's adapter).
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

/** A WAV file as stereo (a mono file plays in both channels). */
export function stereoOf(bytes: Uint8Array): Stereo {
  const wav = decodeWav(bytes);
  const [left] = wav.channels;
  return { sampleRate: wav.sampleRate, left, right: wav.channels[1] ?? left };
}

export interface MasterTaskInput {
  /** The song's WAV file. */
  wav: Uint8Array;
  settings: MasterOptions;
  mp3Kbps: number;
}

export interface MasterTaskOutput {
  wav: Uint8Array;
  /** The MP3's parts, encoded next in workers at once (`mp3_part`; files.ts `masterFiles`). */
  mp3Parts: Mp3Part[];
  report: Mastered["report"];
  /** Milliseconds of each part, for the job's log and the bench. */
  ms: { decode: number; master: number; wav: number };
}

/**
 * The CPU part of a master but the MP3: the song's WAV → the master's WAV, report and the MP3's
 * parts (master_files.ts encodes and joins them).
 */
function master(input: MasterTaskInput, report: Report): MasterTaskOutput {
  let t = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = Math.round(now - t);
    t = now;
    return ms;
  };
  const audio = stereoOf(input.wav);
  const decode = lap();
  report("mastering", 0);
  const out = masterAudio(audio, input.settings, {
    onProgress: (p) => report("mastering", p),
  });
  const masterMs = lap();
  report("encoding", 0);
  const wav = encodeWav([out.left, out.right], audio.sampleRate);
  const m = mp3Ready({ sampleRate: audio.sampleRate, left: out.left, right: out.right });
  return {
    wav,
    mp3Parts: mp3Parts(m.left, m.right, m.sampleRate, input.mp3Kbps),
    report: out.report,
    ms: { decode, master: masterMs, wav: lap() },
  };
}

export interface EncodeSongInput extends Stereo {
  stems: Record<string, { left: Float32Array; right: Float32Array }>;
  mp3Kbps: number;
}

export interface EncodeSongOutput {
  wav: Uint8Array;
  mp3: Uint8Array;
  stems: Record<string, Uint8Array>;
  peaks: [number, number][];
}

/** A generated song's WAV, MP3, stems' WAVs and peaks. */
function encodeSong(a: EncodeSongInput, report: Report): EncodeSongOutput {
  const wav = encodeWav([a.left, a.right], a.sampleRate);
  report("encoding", 5);
  const mp3 = encodeMp3(a.left, a.right, a.sampleRate, a.mp3Kbps);
  report("encoding", 80);
  const stems: Record<string, Uint8Array> = {};
  for (const [name, s] of Object.entries(a.stems)) {
    stems[name] = encodeWav([s.left, s.right], a.sampleRate);
  }
  return { wav, mp3, stems, peaks: peaksOf(a) };
}

/** An upload's stored WAV → its MP3, peaks and length (the song job's encoding stage). */
function encodeUpload(input: { wav: Uint8Array; mp3Kbps: number }) {
  const decoded = stereoOf(input.wav);
  const audio = mp3Ready(decoded);
  return {
    mp3: encodeMp3(audio.left, audio.right, audio.sampleRate, input.mp3Kbps),
    peaks: peaksOf(audio),
    duration_ms: Math.round(decoded.left.length / decoded.sampleRate * 1000),
  };
}

/** What an upload request stores: the WAV, its peaks and length. */
function uploadWav(a: Stereo) {
  return {
    wav: encodeWav([a.left, a.right], a.sampleRate),
    peaks: peaksOf(a),
    ms: Math.max(1, Math.round(a.left.length / a.sampleRate * 1000)),
  };
}

/** The tasks by name: what each takes and gives. */
export const TASKS = {
  master,
  /** One part of an MP3 (mp3_parts.ts). */
  mp3_part: encodeMp3Part,
  /** A reference song's WAV → its spectrum and loudest level (null: silent). */
  reference: (input: { wav: Uint8Array }): MasterReference | null => {
    const a = stereoOf(input.wav);
    return measureReference(a.left, a.right, a.sampleRate);
  },
  /** A song's WAV → the hit meter's features. */
  features: (input: { wav: Uint8Array }): Features => {
    const a = stereoOf(input.wav);
    return measureFeatures(a.left, a.right, a.sampleRate);
  },
  encode_song: encodeSong,
  encode_upload: encodeUpload,
  upload_wav: uploadWav,
};

export type TaskName = keyof typeof TASKS;
export type TaskInput<N extends TaskName> = Parameters<(typeof TASKS)[N]>[0];
export type TaskOutput<N extends TaskName> = ReturnType<(typeof TASKS)[N]>;

/** Runs task `name` here, on this thread. */
export function runTask<N extends TaskName>(
  name: N,
  input: TaskInput<N>,
  report: Report = () => {},
): TaskOutput<N> {
  const fn = TASKS[name] as (i: TaskInput<N>, r: Report) => TaskOutput<N>;
  return fn(input, report);
}
