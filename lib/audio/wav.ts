/**
 * WAV (RIFF/WAVE) files: encode 16-bit PCM stereo, decode 8/16/24/32-bit PCM and 32/64-bit
 * float (WAVE_FORMAT_EXTENSIBLE included). Malformed input is refused with a `WavError` that says why.
 *
 * @module
 */

export class WavError extends Error {
  override name = "WavError";
}

export interface DecodedWav {
  sampleRate: number;
  /** Bits per sample as stored: 8, 16, 24, 32 (int or float) or 64 (float). */
  bitsPerSample: number;
  format: "pcm" | "float";
  /** One array per channel, samples in [-1, 1]. */
  channels: Float32Array[];
  /** The data chunk declares more bytes than the file holds (a cut-off file or a stream). */
  truncated: boolean;
}

const PCM = 1;
const FLOAT = 3;
const EXTENSIBLE = 0xfffe;

function toInt16(x: number): number {
  const c = x > 1 ? 1 : x < -1 ? -1 : x;
  return Math.round(c < 0 ? c * 32768 : c * 32767);
}

/** A 16-bit PCM WAV of `channels` (one array per channel, all the same length; 1 or 2 usual). */
export function encodeWav(channels: Float32Array[], sampleRate: number): Uint8Array {
  if (channels.length < 1) throw new WavError("encodeWav: no channels");
  const n = channels[0].length;
  if (channels.some((c) => c.length !== n)) throw new WavError("encodeWav: channel lengths differ");
  if (!Number.isInteger(sampleRate) || sampleRate <= 0) {
    throw new WavError(`encodeWav: bad sample rate ${sampleRate}`);
  }
  const nc = channels.length;
  const dataBytes = n * nc * 2;
  const out = new Uint8Array(44 + dataBytes);
  const v = new DataView(out.buffer);
  const ascii = (at: number, s: string) => {
    for (let i = 0; i < s.length; i++) out[at + i] = s.charCodeAt(i);
  };
  ascii(0, "RIFF");
  v.setUint32(4, 36 + dataBytes, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  v.setUint32(16, 16, true);
  v.setUint16(20, PCM, true);
  v.setUint16(22, nc, true);
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * nc * 2, true);
  v.setUint16(32, nc * 2, true);
  v.setUint16(34, 16, true);
  ascii(36, "data");
  v.setUint32(40, dataBytes, true);
  const pcm = new Int16Array(out.buffer, 44, n * nc);
  for (let c = 0; c < nc; c++) {
    const ch = channels[c];
    for (let i = 0; i < n; i++) pcm[i * nc + c] = toInt16(ch[i]);
  }
  return out;
}

/** Decodes a WAV file; throws `WavError` for anything it cannot read faithfully. */
export function decodeWav(bytes: Uint8Array): DecodedWav {
  if (bytes.length < 12) throw new WavError("not a WAV file: shorter than a RIFF header");
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (tag(0) !== "RIFF" || tag(8) !== "WAVE") throw new WavError("not a WAV file: no RIFF/WAVE");
  let fmt: { format: number; nc: number; rate: number; align: number; bits: number } | null = null;
  let data: Uint8Array | null = null;
  let truncated = false;
  let at = 12;
  while (at + 8 <= bytes.length) {
    const id = tag(at);
    const size = v.getUint32(at + 4, true);
    const body = at + 8;
    if (body + size > bytes.length) {
      // A truncated last data chunk is common in streams; anything else is malformed.
      if (id !== "data") throw new WavError(`chunk "${id}" runs past the end of the file`);
    }
    if (id === "fmt ") {
      if (size < 16) throw new WavError(`fmt chunk too short (${size} bytes)`);
      let format = v.getUint16(body, true);
      if (format === EXTENSIBLE) {
        if (size < 40) throw new WavError("WAVE_FORMAT_EXTENSIBLE fmt chunk too short");
        format = v.getUint16(body + 24, true); // the sub-format GUID's first two bytes
      }
      fmt = {
        format,
        nc: v.getUint16(body + 2, true),
        rate: v.getUint32(body + 4, true),
        align: v.getUint16(body + 12, true),
        bits: v.getUint16(body + 14, true),
      };
    } else if (id === "data") {
      if (!fmt) throw new WavError("data chunk before the fmt chunk");
      data = bytes.subarray(body, Math.min(body + size, bytes.length));
      truncated = body + size > bytes.length;
      break;
    }
    at = body + size + (size & 1);
  }
  if (!fmt) throw new WavError("no fmt chunk");
  if (!data) throw new WavError("no data chunk");
  const { format, nc, rate, align, bits } = fmt;
  if (nc < 1 || nc > 8) throw new WavError(`unsupported channel count ${nc}`);
  if (rate < 1000 || rate > 384000) throw new WavError(`unsupported sample rate ${rate}`);
  const kind = format === PCM && [8, 16, 24, 32].includes(bits)
    ? "pcm"
    : format === FLOAT && (bits === 32 || bits === 64)
    ? "float"
    : null;
  if (!kind) throw new WavError(`unsupported encoding: format ${format}, ${bits} bits`);
  const width = bits / 8;
  if (align !== width * nc) throw new WavError(`block align ${align} ≠ ${width} × ${nc}`);
  const frames = Math.floor(data.length / align);
  const channels = Array.from({ length: nc }, () => new Float32Array(frames));
  const d = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < nc; c++) {
      const p = i * align + c * width;
      let x: number;
      if (kind === "float") x = bits === 32 ? d.getFloat32(p, true) : d.getFloat64(p, true);
      else if (bits === 16) x = d.getInt16(p, true) / 32768;
      else if (bits === 8) x = (d.getUint8(p) - 128) / 128; // 8-bit WAV is unsigned
      else if (bits === 32) x = d.getInt32(p, true) / 2147483648;
      else x = (d.getUint8(p) | (d.getUint8(p + 1) << 8) | (d.getInt8(p + 2) << 16)) / 8388608;
      channels[c][i] = x;
    }
  }
  return { sampleRate: rate, bitsPerSample: bits, format: kind, channels, truncated };
}
