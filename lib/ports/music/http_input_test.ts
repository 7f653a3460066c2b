import { assert, assertEquals } from "../../../tests/_helpers/assert.ts";
import { planSeconds, type SongPlan } from "../../domains/studio/plan.ts";
import { decodeAudio } from "./http_audio.ts";
import { resampleLinear } from "../../audio/resample.ts";
import { encodeWav } from "../../audio/wav.ts";
import { descriptor, lyricsText, musicInput, promptFromPlan, songSeconds } from "./http_input.ts";
import { logPercent, outputFiles } from "./http.ts";

export const PLAN: SongPlan = {
  title: "Night Drive with Daft Punk",
  genre: "synthwave",
  subgenre: "outrun",
  mood: "nostalgic",
  tempo_bpm: 120,
  key: "A",
  mode: "minor",
  time_signature: "4/4",
  instrumentation: ["analog synth pads", "gated drums", "Daft Punk", "Fender Rhodes"],
  structure: [{ name: "intro", bars: 1 }, { name: "pre_chorus", bars: 2 }],
  vocals: false,
  lyrics_theme: "driving at night like The Weeknd",
  style_words: ["neon", "warm", "in the style of Kavinsky", "Kavinsky's", "tape-saturated!"],
};

Deno.test("music input - songSeconds agrees with planSeconds", () => {
  for (const ts of ["4/4", "3/4", "6/8"] as const) {
    for (const tempo_bpm of [50, 97, 200]) {
      const p = { ...PLAN, time_signature: ts, tempo_bpm };
      assertEquals(songSeconds(p), planSeconds(p), `${ts} at ${tempo_bpm}`);
    }
  }
});

Deno.test("music input - the prompt is plain descriptors, never names", () => {
  const prompt = promptFromPlan(PLAN);
  assertEquals(
    prompt,
    "synthwave, outrun; nostalgic mood; 120 bpm; A minor; 4/4 time; " +
      "instrumentation: analog synth pads, gated drums; structure: intro 1 bar, pre-chorus 2 bars; " +
      "style: neon, warm, tape-saturated; instrumental",
  );
  for (const name of ["daft", "kavinsky", "weeknd", "night drive", "fender"]) {
    assert(!prompt.toLowerCase().includes(name), `${name} leaked`);
  }
  assertEquals(descriptor("sounds like Burial"), null);
  assertEquals(descriptor("a very long phrase of five words"), null);
  assertEquals(descriptor("Lo-Fi"), "lo-fi");
});

Deno.test("music input - duration, seed and lyrics only with vocals", () => {
  const lyrics = { sections: [{ name: "verse", lines: ["one", "two"] }, { name: "chorus" }] };
  assertEquals(musicInput(PLAN, lyrics, 7), { prompt: promptFromPlan(PLAN), duration: 6, seed: 7 });
  const sung = musicInput({ ...PLAN, vocals: true }, lyrics, 7);
  assertEquals(sung.lyrics, "[verse]\none\ntwo");
  assert(sung.prompt.endsWith("with vocals"));
  assertEquals(lyricsText({ text: " la la " }), "la la");
  assertEquals(lyricsText({ lines: ["a", 3, "b"] }), "a\nb");
  assertEquals(lyricsText(null), null);
});

Deno.test("music output - log percentages and output shapes", () => {
  assertEquals(logPercent("x\n 12%|█ | 1/9\n 45%|████ | 4/9"), 45);
  assertEquals(logPercent("no bar"), null);
  assertEquals(outputFiles("https://cdn/x.wav"), { main: "https://cdn/x.wav", stems: {} });
  assertEquals(outputFiles(["a.wav", "b.wav"]).main, "a.wav");
  assertEquals(outputFiles({ vocals: "v.wav", audio: "m.wav", seed: 3 }), {
    main: "m.wav",
    stems: { vocals: "v.wav" },
  });
  let threw = false;
  try {
    outputFiles(null);
  } catch (err) {
    threw = /without an audio file/.test(String(err));
  }
  assert(threw, "no output → clear error");
});

Deno.test("music audio - resampling, mono to stereo, a file that is not audio", async () => {
  const ramp = Float32Array.from({ length: 480 }, (_, i) => i / 480);
  const r = resampleLinear(ramp, 48000, 44100);
  assertEquals(r.length, 441);
  assert(Math.abs(r[220] - 220 / 441) < 0.01, "linear ramp stays linear");
  const mono = await decodeAudio(encodeWav([ramp], 48000));
  assertEquals([mono.sampleRate, mono.left.length, mono.right.length], [44100, 441, 441]);
  assert(mono.left !== mono.right && mono.right[300] === mono.left[300], "two equal channels");
  let why = "";
  await decodeAudio(new TextEncoder().encode("<html>oops</html>"), "text/html").catch((e) =>
    why = e.message
  );
  assertEquals(why, "its file (text/html) was refused: it is not audio");
});
