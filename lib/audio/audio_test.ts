import { assert, assertEquals } from "../../tests/_helpers/assert.ts";
import { chroma, estimateKey, estimateTempo, rms } from "./analysis.ts";
import { filterInPlace } from "./biquad.ts";
import { compressStereo, normalisePeak, peakOf } from "./compressor.ts";
import { encodeMidi } from "./midi.ts";
import { encodeMp3 } from "./mp3.ts";
import { waveformPeaks } from "./peaks.ts";
import { freeverb } from "./reverb.ts";
import { decodeWav, encodeWav, WavError } from "./wav.ts";

const SR = 44100;
const tone = (hz: number, seconds: number, amp = 0.5) =>
  Float32Array.from(
    { length: Math.round(seconds * SR) },
    (_, i) => amp * Math.sin((2 * Math.PI * hz * i) / SR),
  );

function throwsWav(bytes: Uint8Array, re: RegExp) {
  try {
    decodeWav(bytes);
  } catch (err) {
    assert(err instanceof WavError, `a WavError, got ${err}`);
    assert(re.test(err.message), `"${err.message}" !~ ${re}`);
    return;
  }
  throw new Error(`decodeWav accepted a malformed file (expected ${re})`);
}

Deno.test("wav - 16-bit stereo round trip within one LSB", () => {
  const left = tone(440, 0.1);
  const right = Float32Array.from(left, (x, i) => (i % 7 === 0 ? -1 : x * -0.3));
  right[5] = 1.5; // clipped on encode
  const bytes = encodeWav([left, right], SR);
  assertEquals(String.fromCharCode(...bytes.subarray(0, 4)), "RIFF");
  assertEquals(bytes.length, 44 + left.length * 4);
  const back = decodeWav(bytes);
  assertEquals([back.sampleRate, back.bitsPerSample, back.format, back.channels.length], [
    SR,
    16,
    "pcm",
    2,
  ]);
  for (const [orig, got] of [[left, back.channels[0]], [right, back.channels[1]]]) {
    assertEquals(got.length, orig.length);
    for (let i = 0; i < orig.length; i++) {
      const want = Math.max(-1, Math.min(1, orig[i]));
      assert(Math.abs(got[i] - want) <= 1 / 32768 + 1e-7, `sample ${i}: ${got[i]} vs ${want}`);
    }
  }
});

/** A hand-built WAV: `format` 1 or 3, `bits` per sample, samples interleaved. */
function rawWav(
  format: number,
  bits: number,
  channels: number,
  write: (v: DataView, at: number) => void,
  frames: number,
) {
  const width = bits / 8;
  const data = frames * channels * width;
  const b = new Uint8Array(44 + data);
  const v = new DataView(b.buffer);
  b.set(new TextEncoder().encode("RIFF"), 0);
  v.setUint32(4, 36 + data, true);
  b.set(new TextEncoder().encode("WAVEfmt "), 8);
  v.setUint32(16, 16, true);
  v.setUint16(20, format, true);
  v.setUint16(22, channels, true);
  v.setUint32(24, 48000, true);
  v.setUint32(28, 48000 * channels * width, true);
  v.setUint16(32, channels * width, true);
  v.setUint16(34, bits, true);
  b.set(new TextEncoder().encode("data"), 36);
  v.setUint32(40, data, true);
  write(v, 44);
  return b;
}

Deno.test("wav - decodes 24-bit PCM and 32-bit float", () => {
  const pcm24 = rawWav(1, 24, 1, (v, at) => {
    // 0x400000 = +0.5, 0xC00000 = -0.5
    v.setUint8(at + 2, 0x40);
    v.setUint8(at + 5, 0xc0);
  }, 2);
  const a = decodeWav(pcm24);
  assertEquals([a.bitsPerSample, a.sampleRate, Array.from(a.channels[0])], [24, 48000, [
    0.5,
    -0.5,
  ]]);
  const float = rawWav(3, 32, 2, (v, at) => {
    v.setFloat32(at, 0.25, true);
    v.setFloat32(at + 4, -0.75, true);
  }, 1);
  const b = decodeWav(float);
  assertEquals([b.format, b.channels[0][0], b.channels[1][0]], ["float", 0.25, -0.75]);
});

Deno.test("wav - malformed files are refused with a reason", () => {
  const good = encodeWav([tone(440, 0.01)], SR);
  throwsWav(new Uint8Array(8), /shorter than a RIFF header/);
  throwsWav(new TextEncoder().encode("RIFF\0\0\0\0WAVX...................."), /no RIFF\/WAVE/);
  throwsWav(good.slice(0, 36), /no data chunk/);
  const noFmt = good.slice();
  noFmt.set(new TextEncoder().encode("junk"), 12);
  throwsWav(noFmt, /data chunk before the fmt chunk|no fmt/);
  const bits12 = good.slice();
  new DataView(bits12.buffer).setUint16(34, 12, true);
  throwsWav(bits12, /unsupported encoding/);
  const align = good.slice();
  new DataView(align.buffer).setUint16(32, 3, true);
  throwsWav(align, /block align/);
  const longChunk = good.slice();
  new DataView(longChunk.buffer).setUint32(16, 1 << 30, true);
  throwsWav(longChunk, /runs past the end/);
});

Deno.test("peaks - the asked number of min/max pairs, bounding the signal", () => {
  const x = tone(100, 0.5, 0.8);
  for (const n of [1, 7, 200]) {
    const p = waveformPeaks([x, x.map((v) => v / 2)], n);
    assertEquals(p.length, n);
    for (const [lo, hi] of p) assert(lo <= hi && lo >= -0.81 && hi <= 0.81, `${lo} ${hi}`);
  }
  const p = waveformPeaks([x], 5);
  assert(p.every(([lo, hi]) => lo < -0.79 && hi > 0.79), "each span of a 100 Hz tone swings fully");
  assertEquals(waveformPeaks([new Float32Array(3)], 10).length, 10);
});

Deno.test("midi - format 1 with a conductor track, tempo and time signature", () => {
  const bytes = encodeMidi({
    name: "Song",
    ppq: 480,
    bpm: 120,
    timeSignature: [6, 8],
    tracks: [
      {
        name: "A",
        channel: 0,
        program: 0,
        notes: [{ tick: 0, duration: 480, key: 60, velocity: 100 }],
      },
      {
        name: "B",
        channel: 9,
        program: 0,
        notes: [{ tick: 480, duration: 10, key: 36, velocity: 90 }],
      },
    ],
  });
  const text = String.fromCharCode(...bytes);
  assertEquals(text.slice(0, 4), "MThd");
  const v = new DataView(bytes.buffer);
  assertEquals([v.getUint32(4), v.getUint16(8), v.getUint16(10), v.getUint16(12)], [6, 1, 3, 480]);
  assertEquals(text.split("MTrk").length - 1, 3);
  const tempo = text.indexOf("\xff\x51\x03");
  assert(tempo > 0, "a tempo meta event");
  assertEquals((bytes[tempo + 3] << 16) | (bytes[tempo + 4] << 8) | bytes[tempo + 5], 500000);
  const ts = text.indexOf("\xff\x58\x04");
  assertEquals([bytes[ts + 3], bytes[ts + 4]], [6, 3]);
  assert(text.includes("\x90\x3c\x64"), "note on C4");
});

Deno.test("mp3 - frames from LAME, far smaller than the WAV", () => {
  const left = tone(440, 2);
  const right = tone(660, 2);
  const mp3 = encodeMp3(left, right, SR, 128);
  const id3 = String.fromCharCode(...mp3.subarray(0, 3)) === "ID3";
  assert(id3 || (mp3[0] === 0xff && (mp3[1] & 0xe0) === 0xe0), `starts ${mp3[0]} ${mp3[1]}`);
  const wav = encodeWav([left, right], SR);
  assert(mp3.length < wav.length / 8, `mp3 ${mp3.length} vs wav ${wav.length}`);
  assert(mp3.length > (128000 / 8) * 1.5, `about 2 s at 128 kbps: ${mp3.length}`);
});

Deno.test("dsp - biquad, reverb and compressor do their jobs", () => {
  const low = filterInPlace(tone(8000, 0.2), SR, { kind: "lowpass", freq: 500 });
  assert(rms(low.subarray(1000)) < 0.01, `8 kHz through a 500 Hz low-pass: ${rms(low)}`);
  const pass = filterInPlace(tone(100, 0.2), SR, { kind: "lowpass", freq: 2000 });
  assert(Math.abs(rms(pass.subarray(1000)) - 0.5 / Math.SQRT2) < 0.02, "100 Hz passes");
  const impulse = new Float32Array(SR);
  impulse[0] = 1;
  const l = new Float32Array(SR);
  const r = new Float32Array(SR);
  freeverb(impulse, impulse, l, r, SR, { roomSize: 0.8 });
  assert(rms(l.subarray(SR / 4, SR / 2)) > 1e-4, "a tail after 250 ms");
  assert(l.some((x, i) => x !== r[i]), "left and right differ");
  const a = tone(200, 0.5, 0.9);
  const b = tone(200, 0.5, 0.9);
  const reduced = compressStereo(a, b, SR, { thresholdDb: -20, ratio: 4 });
  const settled = peakOf(a.subarray(SR / 10));
  assert(reduced > 10 && settled < 0.5, `reduced ${reduced} dB, settled peak ${settled}`);
  normalisePeak(-1, a, b);
  assert(Math.abs(peakOf(a, b) - 10 ** (-1 / 20)) < 1e-6);
});

Deno.test("analysis - tempo of a click track, key of a cadence", () => {
  for (const bpm of [90, 120]) {
    const x = new Float32Array(SR * 10);
    const click = tone(150, 0.05, 0.9);
    for (let t = 0; t < 10; t += 60 / bpm) {
      x.set(
        click.subarray(0, Math.min(click.length, x.length - Math.round(t * SR))),
        Math.round(t * SR),
      );
    }
    const got = estimateTempo(x, SR);
    assert(Math.abs(got - bpm) <= 1, `${bpm} BPM read as ${got}`);
  }
  // I–IV–V–I in D major, then i–iv–V–i in A minor: triads as sine tones.
  const cadence = (chords: number[][]) => {
    const out = new Float32Array(SR * chords.length);
    chords.forEach((ch, k) => {
      for (const m of ch) {
        const t = tone(440 * 2 ** ((m - 69) / 12), 1, 0.2);
        for (let i = 0; i < t.length; i++) out[k * SR + i] += t[i];
      }
    });
    return out;
  };
  const d = estimateKey(
    chroma(cadence([[62, 66, 69], [67, 71, 74], [69, 73, 76], [62, 66, 69], [50, 62, 66]]), SR),
  );
  assertEquals([d.tonic, d.mode], [2, "major"]);
  const a = estimateKey(
    chroma(cadence([[57, 60, 64], [62, 65, 69], [64, 68, 71], [57, 60, 64], [45, 57, 60]]), SR),
  );
  assertEquals([a.tonic, a.mode], [9, "minor"]);
});
