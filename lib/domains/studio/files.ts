/**
 * A generated song's files: encoded from the audio (WAV, MP3, a WAV per stem, MIDI, peaks) and
 * uploaded to the private `tracks` bucket at `<owner>/<song>/<file>`. Between the rendering,
 * encoding and uploading stages the audio and files stay in this process's memory (a few songs
 * at most); a stage that finds nothing there (another worker, a restart, a retry) makes them
 * again: the offline render is deterministic for the seed. The encoding runs in a DSP worker, off
 * the web server's thread (lib/audio/offthread).
 *
 * @module
 */
import { PEAK_COUNT } from "../../audio/offthread/tasks.ts";
import { runDsp } from "../../audio/offthread/mod.ts";
import type { MusicResult } from "../../ports/music/port.ts";
import type { Caller, StoragePort } from "../../ports/storage/port.ts";
import type { StoredFiles } from "./job_store.ts";
import { STEM_NAME } from "./types.ts";

export const BUCKET = "tracks";
/** Peaks for the player: this many [min, max] pairs. */
export { PEAK_COUNT };
const MP3_KBPS = 192;

export interface SongFile {
  name: string;
  type: string;
  body: Uint8Array;
  /** Where the song row lists it. */
  role: "wav" | "mp3" | "midi" | { stem: string };
}

export interface EncodedSong {
  files: SongFile[];
  peaks: [number, number][];
  duration_ms: number;
}

/**
 * The song's files and peaks. The audio's buffers move to the worker: the caller must not use
 * `audio` afterwards (a retry renders it again).
 */
export async function encodeSong(audio: MusicResult): Promise<EncodedSong> {
  const { sampleRate, left, right } = audio;
  // A provider's odd stem name never becomes a path.
  const stems = Object.fromEntries(
    Object.entries(audio.stems ?? {}).filter(([stem]) => STEM_NAME.test(stem)),
  );
  const duration_ms = Math.round((left.length / sampleRate) * 1000);
  const out = await runDsp("encode_song", { sampleRate, left, right, stems, mp3Kbps: MP3_KBPS });
  const files: SongFile[] = [
    { name: "song.wav", type: "audio/wav", body: out.wav, role: "wav" },
    { name: "song.mp3", type: "audio/mpeg", body: out.mp3, role: "mp3" },
  ];
  if (audio.midi) {
    files.push({ name: "song.mid", type: "audio/midi", body: audio.midi, role: "midi" });
  }
  for (const [stem, body] of Object.entries(out.stems)) {
    files.push({ name: `stem-${stem}.wav`, type: "audio/wav", body, role: { stem } });
  }
  return { files, peaks: out.peaks, duration_ms };
}

/** Uploads every file (replacing a retried upload's) as `caller`; the paths for the row. */
export async function uploadSong(
  storage: StoragePort,
  caller: Caller,
  owner: string,
  song: string,
  encoded: EncodedSong,
): Promise<StoredFiles> {
  const out: StoredFiles = {
    wav: "",
    mp3: "",
    midi: null,
    stems: {},
    peaks: encoded.peaks,
    duration_ms: encoded.duration_ms,
  };
  for (const f of encoded.files) {
    const path = `${owner}/${song}/${f.name}`;
    await storage.upload(caller, BUCKET, path, f.body, f.type, { upsert: true });
    if (typeof f.role === "object") out.stems[f.role.stem] = path;
    else out[f.role] = path;
  }
  return out;
}

/** The audio and files of the songs being made in this process, the latest few. */
export class SongCache {
  #entries = new Map<string, { audio?: MusicResult; encoded?: EncodedSong }>();
  constructor(private readonly size = 3) {}

  get(key: string) {
    return this.#entries.get(key);
  }

  set(key: string, value: { audio?: MusicResult; encoded?: EncodedSong }): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    while (this.#entries.size > this.size) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }
}
