/**
 * MP3 through LAME's JavaScript port (@breezystack/lamejs, a maintained lamejs fork): CBR,
 * stereo (joint stereo as LAME picks), 32, 44.1 or 48 kHz input.
 *
 * @module
 */
import { Mp3Encoder } from "@breezystack/lamejs";

const RATES = [32000, 44100, 48000];
const KBPS = [64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const BLOCK = 1152 * 8;

function toInt16(src: Float32Array, from: number, to: number): Int16Array {
  const out = new Int16Array(to - from);
  for (let i = from; i < to; i++) {
    const x = src[i] > 1 ? 1 : src[i] < -1 ? -1 : src[i];
    out[i - from] = Math.round(x < 0 ? x * 32768 : x * 32767);
  }
  return out;
}

/** An MP3 file (no ID3 tag: it starts with a frame sync) of the stereo signal. */
export function encodeMp3(
  left: Float32Array,
  right: Float32Array,
  sampleRate: number,
  kbps = 192,
): Uint8Array {
  if (!RATES.includes(sampleRate)) throw new RangeError(`mp3: sample rate ${sampleRate}`);
  if (!KBPS.includes(kbps)) throw new RangeError(`mp3: bitrate ${kbps} kbps`);
  if (left.length !== right.length) throw new RangeError("mp3: channel lengths differ");
  const enc = new Mp3Encoder(2, sampleRate, kbps);
  const parts: Uint8Array[] = [];
  const keep = (b: ArrayLike<number> & { buffer: ArrayBufferLike; byteOffset: number }) => {
    if (b.length) parts.push(new Uint8Array(b.buffer, b.byteOffset, b.length).slice());
  };
  for (let i = 0; i < left.length; i += BLOCK) {
    const to = Math.min(left.length, i + BLOCK);
    keep(enc.encodeBuffer(toInt16(left, i, to), toInt16(right, i, to)));
  }
  keep(enc.flush());
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
