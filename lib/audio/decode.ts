/**
 * Any audio file a user uploads → stereo float samples at its own rate. The format is sniffed from
 * the bytes' magic numbers (never the file name or content type): WAV through wav.ts, MP3 through
 * mpg123-decoder, FLAC (and Ogg FLAC) through @wasm-audio-decoders/flac, Ogg Vorbis through
 * @wasm-audio-decoders/ogg-vorbis and Ogg Opus through ogg-opus-decoder (each a reference C
 * decoder in WebAssembly). A file longer than `maxSeconds` is refused from its header where the
 * format declares its length (FLAC, Ogg, WAV), else once decoding passes the limit, so a small
 * file of hours of silence never becomes gigabytes of samples.
 *
 * @module
 */
import { decodeWav, WavError } from "./wav.ts";

export type AudioFormat = "wav" | "mp3" | "flac" | "vorbis" | "opus";

export interface DecodedAudio {
  sampleRate: number;
  left: Float32Array;
  /** A copy of `left` for mono files; the first two channels of multichannel ones. */
  right: Float32Array;
  seconds: number;
  format: AudioFormat;
}

/** Why a file was refused; `message` is written for the user. */
export class AudioDecodeError extends Error {
  override name = "AudioDecodeError";
  constructor(
    readonly reason: "empty" | "unreadable" | "too_long",
    message: string,
    /** For `too_long`: the track's length (exact from a header, else estimated). */
    readonly seconds?: number,
  ) {
    super(message);
  }
}

export const UNREADABLE = "This file is not audio we can read: upload WAV, MP3, FLAC or OGG";

/** "12 min 3 s", "45 s". */
export function formatLength(seconds: number): string {
  const s = Math.ceil(seconds);
  const m = Math.floor(s / 60);
  return m ? `${m} min ${s % 60} s` : `${s} s`;
}

function tooLong(seconds: number, maxSeconds: number): AudioDecodeError {
  const limit = maxSeconds % 60 === 0 ? `${maxSeconds / 60} minutes` : formatLength(maxSeconds);
  return new AudioDecodeError(
    "too_long",
    `The track is ${formatLength(seconds)} long: the limit is ${limit}`,
    seconds,
  );
}

const ascii = (b: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...b.subarray(from, Math.min(to, b.length)));

/** The offset past an ID3v2 tag (0 without one). */
function skipId3(b: Uint8Array): number {
  if (b.length < 10 || ascii(b, 0, 3) !== "ID3") return 0;
  const size = ((b[6] & 0x7f) << 21) | ((b[7] & 0x7f) << 14) | ((b[8] & 0x7f) << 7) | (b[9] & 0x7f);
  return 10 + size + (b[5] & 0x10 ? 10 : 0);
}

/** An MPEG audio frame header at `at`: sync, a real layer, bitrate and sample rate. */
function mpegFrameAt(b: Uint8Array, at: number): boolean {
  if (at + 4 > b.length || b[at] !== 0xff || (b[at + 1] & 0xe0) !== 0xe0) return false;
  const version = (b[at + 1] >> 3) & 3;
  const layer = (b[at + 1] >> 1) & 3;
  const bitrate = b[at + 2] >> 4;
  const rate = (b[at + 2] >> 2) & 3;
  return version !== 1 && layer !== 0 && bitrate !== 0 && bitrate !== 15 && rate !== 3;
}

/** The first packet of an Ogg stream's first page (its codec's identification header). */
function oggFirstPacket(b: Uint8Array): Uint8Array | null {
  if (b.length < 28 || ascii(b, 0, 4) !== "OggS") return null;
  const start = 27 + b[26];
  return start < b.length ? b.subarray(start) : null;
}

/** The format of `bytes` from their magic numbers, or null. */
export function sniffAudio(bytes: Uint8Array): AudioFormat | null {
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WAVE") return "wav";
  if (ascii(bytes, 0, 4) === "fLaC") return "flac";
  const ogg = oggFirstPacket(bytes);
  if (ogg) {
    if (ascii(ogg, 0, 7) === "\x01vorbis") return "vorbis";
    if (ascii(ogg, 0, 8) === "OpusHead") return "opus";
    if (ascii(ogg, 0, 5) === "\x7fFLAC") return "flac";
    return null;
  }
  const at = skipId3(bytes);
  if (at && ascii(bytes, at, at + 4) === "fLaC") return "flac";
  return mpegFrameAt(bytes, at) ? "mp3" : null;
}

/** The length a header declares, in seconds (null when it does not say). */
function declaredSeconds(b: Uint8Array, format: AudioFormat): number | null {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (format === "flac" && ascii(b, 0, 4) === "fLaC" && b.length >= 42) {
    // STREAMINFO: 20 bits of sample rate, …, 36 bits of total samples (0: unknown).
    const rate = (b[18] << 12) | (b[19] << 4) | (b[20] >> 4);
    const total = (b[21] & 0x0f) * 2 ** 32 + v.getUint32(22);
    return rate && total ? total / rate : null;
  }
  if (format === "vorbis" || format === "opus") {
    const first = oggFirstPacket(b)!;
    const last = lastOggGranule(b);
    if (last === null) return null;
    if (format === "opus") {
      const preSkip = first.length >= 12 ? first[10] | (first[11] << 8) : 0;
      return Math.max(0, last - preSkip) / 48000;
    }
    const rate = first.length >= 16
      ? new DataView(first.buffer, first.byteOffset).getUint32(12, true)
      : 0;
    return rate ? last / rate : null;
  }
  return null;
}

/** The granule position of the file's last Ogg page (samples so far), or null. */
function lastOggGranule(b: Uint8Array): number | null {
  const floor = Math.max(0, b.length - 65536);
  for (let at = b.length - 27; at >= floor; at--) {
    if (b[at] === 0x4f && ascii(b, at, at + 4) === "OggS") {
      const g = new DataView(b.buffer, b.byteOffset + at + 6, 8).getBigInt64(0, true);
      return g < 0n ? null : Number(g);
    }
  }
  return null;
}

interface Chunked {
  channelData: Float32Array[];
  samplesDecoded: number;
  sampleRate: number;
  errors?: unknown[];
}

interface Decoder {
  ready: Promise<void>;
  decode(bytes: Uint8Array): Chunked | Promise<Chunked>;
  flush?(): Promise<Chunked>;
  free(): void | Promise<void>;
}

/**
 * A decoder for the format, its package loaded on first use: every process that builds the
 * platform imports this module, and only uploads and hosted models' audio need the WebAssembly.
 */
async function decoderFor(format: Exclude<AudioFormat, "wav">): Promise<Decoder> {
  switch (format) {
    case "mp3":
      return new (await import("mpg123-decoder")).MPEGDecoder() as unknown as Decoder;
    case "flac":
      return new (await import("@wasm-audio-decoders/flac")).FLACDecoder() as unknown as Decoder;
    case "vorbis": {
      const { OggVorbisDecoder } = await import("@wasm-audio-decoders/ogg-vorbis");
      return new OggVorbisDecoder() as unknown as Decoder;
    }
    case "opus":
      return new (await import("ogg-opus-decoder")).OggOpusDecoder() as unknown as Decoder;
  }
}

const CHUNK = 256 * 1024;
/** Decoder errors (bad frames) tolerated in one file: a damaged frame or two is common. */
const MAX_FRAME_ERRORS = 5;

/** Feeds the decoder in chunks, stopping once the audio passes `maxSeconds`. */
async function decodeStream(
  bytes: Uint8Array,
  format: Exclude<AudioFormat, "wav">,
  maxSeconds: number,
): Promise<{ sampleRate: number; channels: Float32Array[][]; frames: number }> {
  const decoder = await decoderFor(format);
  const channels: Float32Array[][] = [];
  let frames = 0;
  let sampleRate = 0;
  let errors = 0;
  const take = (out: Chunked) => {
    errors += out.errors?.length ?? 0;
    if (!out.samplesDecoded) return;
    sampleRate ||= out.sampleRate;
    frames += out.samplesDecoded;
    out.channelData.slice(0, 2).forEach((c, i) => (channels[i] ??= []).push(c));
  };
  try {
    await decoder.ready;
    for (let at = 0; at < bytes.length; at += CHUNK) {
      take(await decoder.decode(bytes.subarray(at, at + CHUNK)));
      if (sampleRate && frames / sampleRate > maxSeconds) {
        // Past the limit: the rest is estimated from the bytes left rather than decoded.
        const seconds = frames / sampleRate;
        throw tooLong(seconds * bytes.length / Math.min(bytes.length, at + CHUNK), maxSeconds);
      }
    }
    if (decoder.flush) take(await decoder.flush());
  } catch (err) {
    if (err instanceof AudioDecodeError) throw err;
    throw new AudioDecodeError("unreadable", UNREADABLE);
  } finally {
    await decoder.free();
  }
  if (!frames || !sampleRate || errors > MAX_FRAME_ERRORS) {
    throw new AudioDecodeError("unreadable", UNREADABLE);
  }
  return { sampleRate, channels, frames };
}

function join(parts: Float32Array[], n: number): Float32Array {
  if (parts.length === 1 && parts[0].length === n) return parts[0];
  const out = new Float32Array(n);
  let at = 0;
  for (const p of parts) {
    const take = Math.min(p.length, n - at);
    out.set(p.subarray(0, take), at);
    at += take;
  }
  return out;
}

/**
 * Decodes an uploaded file; throws `AudioDecodeError` (empty, unreadable: corrupt, cut off or not
 * audio, too long) with a message for the user.
 */
export async function decodeAudio(
  bytes: Uint8Array,
  opts: { maxSeconds: number },
): Promise<DecodedAudio> {
  if (bytes.length === 0) throw new AudioDecodeError("empty", "The file is empty");
  const format = sniffAudio(bytes);
  if (!format) throw new AudioDecodeError("unreadable", UNREADABLE);
  const declared = declaredSeconds(bytes, format);
  if (declared !== null && declared > opts.maxSeconds) throw tooLong(declared, opts.maxSeconds);

  let sampleRate: number;
  let chans: Float32Array[];
  if (format === "wav") {
    let wav;
    try {
      wav = decodeWav(bytes);
    } catch (err) {
      if (err instanceof WavError) throw new AudioDecodeError("unreadable", UNREADABLE);
      throw err;
    }
    // An upload is a whole file: a data chunk shorter than declared means it was cut off.
    if (wav.truncated) throw new AudioDecodeError("unreadable", UNREADABLE);
    sampleRate = wav.sampleRate;
    chans = wav.channels;
  } else {
    const s = await decodeStream(bytes, format, opts.maxSeconds);
    sampleRate = s.sampleRate;
    chans = s.channels.map((parts) => join(parts, s.frames));
    // FLAC declares its length: fewer samples than that is a file cut short.
    if (format === "flac" && declared !== null && s.frames / sampleRate < declared - 0.05) {
      throw new AudioDecodeError("unreadable", UNREADABLE);
    }
  }
  const frames = chans[0]?.length ?? 0;
  if (!frames) throw new AudioDecodeError("unreadable", UNREADABLE);
  const seconds = frames / sampleRate;
  if (seconds > opts.maxSeconds) throw tooLong(seconds, opts.maxSeconds);
  const left = chans[0];
  const right = chans.length > 1 ? chans[1] : left.slice();
  return { sampleRate, left, right, seconds, format };
}
