/**
 * A hosted model's audio file → 44.1 kHz stereo float samples. WAV through lib/audio/wav.ts, MP3
 * through mpg123-decoder (mpg123 in WebAssembly, from the wasm-audio-decoders family); the format
 * is sniffed from the bytes, the content type only breaks a tie. Mono becomes two equal channels;
 * more than two keep the first two (WAV's front left and right).
 *
 * @module
 */
import { MPEGDecoder } from "mpg123-decoder";
import { decodeWav, WavError } from "../../audio/wav.ts";

export const SAMPLE_RATE = 44100;

export interface Stereo {
  sampleRate: number;
  left: Float32Array;
  right: Float32Array;
}

/** Audio the adapter cannot use; the message is for the user. */
export class AudioFormatError extends Error {
  override name = "AudioFormatError";
}

export function sniffFormat(bytes: Uint8Array, contentType = ""): "wav" | "mp3" | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WAVE") return "wav";
  if (bytes.length >= 3 && ascii(0, 3) === "ID3") return "mp3";
  // An MPEG audio frame sync: 11 set bits, then a layer other than "reserved".
  if (bytes.length >= 2 && bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0 && (bytes[1] & 6)) {
    return "mp3";
  }
  const type = contentType.toLowerCase();
  if (/audio\/(x-)?wav|audio\/wave/.test(type)) return "wav";
  if (/audio\/(mpeg|mp3)/.test(type)) return "mp3";
  return null;
}

async function decodeMp3(bytes: Uint8Array): Promise<{ sampleRate: number; ch: Float32Array[] }> {
  const decoder = new MPEGDecoder();
  try {
    await decoder.ready;
    const out = decoder.decode(bytes);
    if (!out.samplesDecoded) throw new AudioFormatError("no MPEG audio frames in the file");
    return { sampleRate: out.sampleRate, ch: out.channelData };
  } finally {
    decoder.free();
  }
}

/**
 * Linear-interpolation resampling. Enough for the rates hosted models use (32, 44.1, 48 kHz):
 * what it aliases from 48 kHz lies above 20 kHz and is quiet in generated music; a polyphase
 * filter would cost more code than it would be heard.
 */
export function resampleLinear(x: Float32Array, from: number, to: number): Float32Array {
  if (from === to || x.length === 0) return x;
  const n = Math.max(1, Math.round((x.length * to) / from));
  const out = new Float32Array(n);
  const step = from / to;
  for (let i = 0; i < n; i++) {
    const p = i * step;
    const j = Math.floor(p);
    const a = x[Math.min(j, x.length - 1)];
    const b = x[Math.min(j + 1, x.length - 1)];
    out[i] = a + (b - a) * (p - j);
  }
  return out;
}

/** Decodes WAV or MP3 bytes to 44.1 kHz stereo; throws `AudioFormatError` saying why not. */
export async function decodeAudio(bytes: Uint8Array, contentType = ""): Promise<Stereo> {
  if (bytes.length === 0) throw new AudioFormatError("the audio file is empty");
  const format = sniffFormat(bytes, contentType);
  if (!format) {
    throw new AudioFormatError(
      `the audio is neither WAV nor MP3 (${contentType || "no content type"})`,
    );
  }
  let decoded: { sampleRate: number; ch: Float32Array[] };
  try {
    decoded = format === "wav"
      ? (({ sampleRate, channels }) => ({ sampleRate, ch: channels }))(decodeWav(bytes))
      : await decodeMp3(bytes);
  } catch (err) {
    if (err instanceof AudioFormatError) throw err;
    const why = err instanceof WavError ? err.message : String(err);
    throw new AudioFormatError(`the ${format.toUpperCase()} file could not be read: ${why}`);
  }
  const { sampleRate, ch } = decoded;
  if (!ch.length || !ch[0].length) throw new AudioFormatError("the audio file has no samples");
  const left = resampleLinear(ch[0], sampleRate, SAMPLE_RATE);
  const right = ch.length > 1 ? resampleLinear(ch[1], sampleRate, SAMPLE_RATE) : left.slice();
  return { sampleRate: SAMPLE_RATE, left, right };
}
