/**
 * What a file is, from its bytes alone (never its name or declared type): PNG, JPEG, WebP and GIF
 * images with their dimensions; MP4 and QuickTime (`ftyp`) and WebM (EBML) video; audio through
 * lib/audio/decode.ts's `sniffAudio` (the one audio sniffer; the service then decodes it).
 *
 * @module
 */
import { type AudioFormat, sniffAudio } from "../../audio/decode.ts";
import type { MediaKind } from "./limits.ts";

export interface Sniffed {
  kind: MediaKind;
  /** The content type the object is stored and served with. */
  contentType: string;
  /** The stored object's extension. */
  ext: string;
  /** For sentences: "a PNG image". */
  label: string;
  width?: number;
  height?: number;
  /** Audio only: the format decodeAudio will read. */
  audio?: AudioFormat;
}

/** A format we recognise but do not take: the sentence says what to send instead. */
export interface Unsupported {
  unsupported: string;
}

const ascii = (b: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...b.subarray(from, Math.min(to, b.length)));
const u16be = (b: Uint8Array, at: number) => (b[at] << 8) | b[at + 1];
const u16le = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u24le = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8) | (b[at + 2] << 16);
const u32be = (b: Uint8Array, at: number) =>
  ((b[at] << 24) >>> 0) + (b[at + 1] << 16) + (b[at + 2] << 8) + b[at + 3];

type Dims = { width: number; height: number } | null;
const dims = (width: number, height: number): Dims =>
  width > 0 && height > 0 && width <= 65535 && height <= 65535 ? { width, height } : null;

function pngSize(b: Uint8Array): Dims {
  if (b.length < 24 || ascii(b, 12, 16) !== "IHDR") return null;
  return dims(u32be(b, 16), u32be(b, 20));
}

/** The first start-of-frame segment's size; null when the segments run out first. */
function jpegSize(b: Uint8Array): Dims {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const m = b[i + 1];
    if (m === 0xff) {
      i++; // fill byte
      continue;
    }
    if (m === 0xd8 || m === 0x01 || (m >= 0xd0 && m <= 0xd7)) {
      i += 2; // markers without a length
      continue;
    }
    const sof = m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
    if (sof) return dims(u16be(b, i + 7), u16be(b, i + 5));
    if (m === 0xd9 || m === 0xda) return null; // end of image, or scan data before a frame
    i += 2 + u16be(b, i + 2);
  }
  return null;
}

function webpSize(b: Uint8Array): Dims {
  const chunk = ascii(b, 12, 16);
  if (chunk === "VP8 " && b.length >= 30) {
    return dims(u16le(b, 26) & 0x3fff, u16le(b, 28) & 0x3fff);
  }
  if (chunk === "VP8L" && b.length >= 25 && b[20] === 0x2f) {
    const bits = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24);
    return dims((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (chunk === "VP8X" && b.length >= 30) return dims(u24le(b, 24) + 1, u24le(b, 27) + 1);
  return null;
}

const image = (type: string, ext: string, name: string, d: Dims): Sniffed | null =>
  d ? { kind: "photo", contentType: type, ext, label: `${name} image`, ...d } : null;

function sniffImage(b: Uint8Array): Sniffed | null | "broken" {
  if (b.length >= 8 && u32be(b, 0) === 0x89504e47 && u32be(b, 4) === 0x0d0a1a0a) {
    return image("image/png", "png", "a PNG", pngSize(b)) ?? "broken";
  }
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
    return image("image/jpeg", "jpg", "a JPEG", jpegSize(b)) ?? "broken";
  }
  if (ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 12) === "WEBP") {
    return image("image/webp", "webp", "a WebP", webpSize(b)) ?? "broken";
  }
  if (ascii(b, 0, 6) === "GIF87a" || ascii(b, 0, 6) === "GIF89a") {
    return image(
      "image/gif",
      "gif",
      "a GIF",
      b.length >= 10 ? dims(u16le(b, 6), u16le(b, 8)) : null,
    ) ??
      "broken";
  }
  return null;
}

const AUDIO_MP4 = new Set(["M4A ", "M4B ", "M4P ", "F4A ", "F4B "]);
const OLD_QUICKTIME = new Set(["moov", "mdat", "wide"]);

function sniffVideo(b: Uint8Array): Sniffed | Unsupported | null {
  const box = ascii(b, 4, 8);
  if (box === "ftyp" && b.length >= 12) {
    const brand = ascii(b, 8, 12);
    if (AUDIO_MP4.has(brand)) {
      return { unsupported: "This file is AAC audio (M4A): upload it as MP3, WAV, FLAC or OGG" };
    }
    if (brand === "qt  ") {
      return {
        kind: "video",
        contentType: "video/quicktime",
        ext: "mov",
        label: "a QuickTime video",
      };
    }
    return { kind: "video", contentType: "video/mp4", ext: "mp4", label: "an MP4 video" };
  }
  if (OLD_QUICKTIME.has(box) && b.length >= 8) {
    return {
      kind: "video",
      contentType: "video/quicktime",
      ext: "mov",
      label: "a QuickTime video",
    };
  }
  if (b.length >= 4 && u32be(b, 0) === 0x1a45dfa3) {
    const head = ascii(b, 4, 64);
    if (head.includes("webm")) {
      return { kind: "video", contentType: "video/webm", ext: "webm", label: "a WebM video" };
    }
    if (head.includes("matroska")) {
      return { unsupported: "This file is a Matroska (MKV) video: upload MP4, MOV or WebM" };
    }
  }
  return null;
}

const AUDIO: Readonly<Record<AudioFormat, { type: string; ext: string; label: string }>> = {
  mp3: { type: "audio/mpeg", ext: "mp3", label: "an MP3 audio file" },
  wav: { type: "audio/wav", ext: "wav", label: "a WAV audio file" },
  flac: { type: "audio/flac", ext: "flac", label: "a FLAC audio file" },
  vorbis: { type: "audio/ogg", ext: "ogg", label: "an Ogg audio file" },
  opus: { type: "audio/ogg", ext: "opus", label: "an Ogg Opus audio file" },
};

export const UNKNOWN_FORMAT = "This is not a file we can show: upload a PNG, JPEG, WebP or GIF " +
  "photo, MP3, WAV, FLAC or OGG audio, or an MP4, MOV or WebM video";

/**
 * The file's kind and format from its bytes; `Unsupported` for formats we know and refuse; null
 * for anything else (a broken image header counts as anything else).
 */
export function sniffMedia(bytes: Uint8Array): Sniffed | Unsupported | null {
  const img = sniffImage(bytes);
  if (img === "broken") return null;
  if (img) return img;
  const video = sniffVideo(bytes);
  if (video) return video;
  const format = sniffAudio(bytes);
  if (!format) return null;
  const a = AUDIO[format];
  return { kind: "audio", contentType: a.type, ext: a.ext, label: a.label, audio: format };
}
