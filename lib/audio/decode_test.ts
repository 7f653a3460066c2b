import { assert, assertEquals } from "../../tests/_helpers/assert.ts";
import { AudioDecodeError, decodeAudio, formatLength, sniffAudio } from "./decode.ts";
import { encodeMp3 } from "./mp3.ts";
import { encodeWav } from "./wav.ts";

const SR = 44100;
const tone = (hz: number, seconds: number, amp = 0.5, sr = SR) =>
  Float32Array.from(
    { length: Math.round(seconds * sr) },
    (_, i) => amp * Math.sin(2 * Math.PI * hz * i / sr),
  );
const fixture = (name: string) =>
  Deno.readFile(new URL(`../../tests/fixtures/audio/${name}`, import.meta.url));
/** RMS of the middle half (codecs' start-up transients left out): a 0.4 sine gives 0.28. */
function rms(x: Float32Array): number {
  const mid = x.subarray(Math.floor(x.length / 4), Math.floor(x.length * 3 / 4));
  return Math.sqrt(mid.reduce((s, v) => s + v * v, 0) / mid.length);
}

async function refused(bytes: Uint8Array, reason: string, re: RegExp, maxSeconds = 600) {
  try {
    await decodeAudio(bytes, { maxSeconds });
  } catch (err) {
    assert(err instanceof AudioDecodeError, `an AudioDecodeError, got ${err}`);
    assertEquals(err.reason, reason);
    assert(re.test(err.message), `"${err.message}" !~ ${re}`);
    return err;
  }
  throw new Error(`accepted a file that should be refused (${reason})`);
}

/** A hand-built WAV of `bits` per sample (format 1 PCM, 3 float, or extensible), mono 8 kHz. */
function wavOf(bits: number, kind: "pcm" | "float", samples: number[], extensible = false) {
  const width = bits / 8;
  const fmtSize = extensible ? 40 : 16;
  const data = samples.length * width;
  const b = new Uint8Array(20 + fmtSize + 8 + data);
  const v = new DataView(b.buffer);
  const tag = (at: number, s: string) => b.set(new TextEncoder().encode(s), at);
  tag(0, "RIFF");
  v.setUint32(4, b.length - 8, true);
  tag(8, "WAVEfmt ");
  v.setUint32(16, fmtSize, true);
  const code = kind === "pcm" ? 1 : 3;
  v.setUint16(20, extensible ? 0xfffe : code, true);
  v.setUint16(22, 1, true);
  v.setUint32(24, 8000, true);
  v.setUint32(28, 8000 * width, true);
  v.setUint16(32, width, true);
  v.setUint16(34, bits, true);
  if (extensible) v.setUint16(44, code, true); // the sub-format GUID's first two bytes
  const at = 20 + fmtSize;
  tag(at, "data");
  v.setUint32(at + 4, data, true);
  samples.forEach((x, i) => {
    const p = at + 8 + i * width;
    if (kind === "float") bits === 32 ? v.setFloat32(p, x, true) : v.setFloat64(p, x, true);
    else if (bits === 8) v.setUint8(p, Math.round(x * 128 + 128));
    else if (bits === 16) v.setInt16(p, Math.round(x * 32768), true);
    else if (bits === 24) {
      const n = Math.round(x * 8388608);
      v.setUint8(p, n & 0xff);
      v.setUint8(p + 1, (n >> 8) & 0xff);
      v.setInt8(p + 2, n >> 16);
    } else v.setInt32(p, Math.round(x * 2147483648), true);
  });
  return b;
}

Deno.test("decode - WAV of every PCM width and float, plain and extensible", async () => {
  for (
    const [bits, kind] of [[8, "pcm"], [16, "pcm"], [24, "pcm"], [32, "pcm"], [32, "float"], [
      64,
      "float",
    ]] as const
  ) {
    for (const ext of [false, true]) {
      const got = await decodeAudio(wavOf(bits, kind, [0.5, -0.5, 0.25]), { maxSeconds: 600 });
      assertEquals(got.format, "wav");
      assertEquals([got.sampleRate, got.left.length], [8000, 3], `${bits} ${kind} ${ext}`);
      assertEquals(Array.from(got.left), [0.5, -0.5, 0.25], `${bits} ${kind} ${ext}`);
      assertEquals(Array.from(got.right), Array.from(got.left), "mono: right copies left");
    }
  }
});

Deno.test("decode - MP3, FLAC, Ogg Vorbis and Ogg Opus give the tone back", async () => {
  const mp3 = encodeMp3(tone(440, 1, 0.4), tone(660, 1, 0.3), SR, 128);
  const cases: [Uint8Array, string, number, number][] = [
    [mp3, "mp3", SR, 1],
    [await fixture("tone.flac"), "flac", 22050, 1],
    [await fixture("tone-vorbis.ogg"), "vorbis", SR, 1.5],
    [await fixture("tone-opus.ogg"), "opus", 48000, 1.5],
  ];
  for (const [bytes, format, rate, seconds] of cases) {
    const got = await decodeAudio(bytes, { maxSeconds: 600 });
    assertEquals([got.format, got.sampleRate], [format, rate]);
    assert(Math.abs(got.seconds - seconds) < 0.1, `${format}: ${got.seconds} s`);
    assert(Math.abs(rms(got.left) - 0.283) < 0.04, `${format} left ${rms(got.left)}`);
    assert(Math.abs(rms(got.right) - 0.212) < 0.04, `${format} right ${rms(got.right)}`);
  }
});

Deno.test("decode - the format comes from the bytes, not the name", async () => {
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  assertEquals(sniffAudio(png), null);
  await refused(png, "unreadable", /not audio we can read: upload WAV, MP3, FLAC or OGG/);
  await refused(new TextEncoder().encode("hello, this is a text file"), "unreadable", /not audio/);
  await refused(new Uint8Array(), "empty", /empty/);
  // An ID3 tag, then no MPEG frames at all; and frame headers followed by noise.
  const id3 = new Uint8Array(2000);
  id3.set(new TextEncoder().encode("ID3\x04\x00\x00\x00\x00\x00\x0a"));
  await refused(id3, "unreadable", /not audio/);
  const noise = new Uint8Array(20000).map((_, i) => (i * 7919 + 13) & 0xff);
  noise.set([0xff, 0xfb, 0x90, 0x44]);
  await refused(noise, "unreadable", /not audio/);
});

Deno.test("decode - cut-off files are refused", async () => {
  const wav = encodeWav([tone(440, 0.5)], SR);
  await refused(wav.slice(0, wav.length - 1000), "unreadable", /not audio/);
  await refused(wav.slice(0, 40), "unreadable", /not audio/);
  const flac = await fixture("tone.flac");
  await refused(flac.slice(0, Math.floor(flac.length / 2)), "unreadable", /not audio/);
  await refused(flac.slice(0, 60), "unreadable", /not audio/);
  const mp3 = encodeMp3(tone(440, 1), tone(440, 1), SR, 128);
  await refused(mp3.slice(0, 300), "unreadable", /not audio/);
  const ogg = await fixture("tone-vorbis.ogg");
  await refused(ogg.slice(0, 200), "unreadable", /not audio/);
});

Deno.test("decode - too long: from the header, or once decoding passes the limit", async () => {
  const wav = encodeWav([tone(440, 3, 0.5, 8000)], 8000);
  const e = await refused(wav, "too_long", /^The track is 3 s long: the limit is 2 s$/, 2);
  assertEquals(e.seconds, 3);
  await refused(await fixture("tone.flac"), "too_long", /1 s long/, 0.5);
  await refused(await fixture("tone-opus.ogg"), "too_long", /2 s long/, 1);
  const mp3 = encodeMp3(tone(440, 4), tone(440, 4), SR, 128);
  await refused(mp3, "too_long", /long: the limit is 1 s/, 1);
  assertEquals(formatLength(723), "12 min 3 s");
  assertEquals(formatLength(45.2), "46 s");
});
