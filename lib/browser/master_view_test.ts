/** Mastering's and the hit meter's page arithmetic: A/B matching, platform words, the form. */
import { assert, assertEquals } from "../../tests/_helpers/assert.ts";
import { drifted, loudnessMatch, volumeOf } from "./player.ts";
import {
  curvePoints,
  featureRows,
  heardReading,
  level,
  levelTicks,
  METER,
  meterPath,
  meterScale,
  meterSummary,
  meterX,
  meterY,
  platformText,
  readingAt,
  timeTicks,
} from "./master_view.ts";
import { announcePlayhead, followPlayhead, type Playhead } from "./playhead.ts";
import { readMasterForm } from "../domains/studio/master/form.ts";

Deno.test("A/B - the louder version is turned down by the difference", () => {
  const a = { label: "Original", src: "a", lufs: -18.3 };
  const b = { label: "Master", src: "b", lufs: -14.1 };
  assertEquals(loudnessMatch(a, b), { gainsDb: [0, -4.2], text: "matched: master −4.2 dB" });
  assertEquals(loudnessMatch({ ...a, lufs: -9 }, b).text, "matched: original −5.1 dB");
  assertEquals(loudnessMatch(a, { ...b, lufs: null }).gainsDb, [0, 0]);
  assert(Math.abs(volumeOf(-6) - 0.501) < 0.001);
  assertEquals(volumeOf(3), 1);
  assertEquals([drifted(1, 1.02), drifted(1, 1.2)], [false, true]);
});

Deno.test("platforms and levels in words", () => {
  const p = { platform: "Spotify", target_lufs: -14, turns_up: true };
  assertEquals(platformText({ ...p, change_db: -2 }), "Spotify will turn this down by 2.0 dB.");
  assertEquals(platformText({ ...p, change_db: 1.5 }), "Spotify will turn this up by 1.5 dB.");
  assertEquals(platformText({ ...p, change_db: 0.01 }), "Spotify will play it as it is.");
  assertEquals(
    platformText({ ...p, platform: "YouTube", change_db: 3, turns_up: false }),
    "YouTube does not turn quiet songs up: it will play 3.0 dB under its −14.0 LUFS target.",
  );
  assertEquals([level(null, "LUFS"), level(-14.04, "LUFS")], ["—", "−14.0 LUFS"]);
  assertEquals(
    featureRows({ key: "A", mode: "minor" }).find((r) => r.name === "key")?.value,
    "A minor",
  );
  assertEquals(curvePoints([10, 1000, 30000], [0, 0, 0]).split(" ").length, 1);
});

Deno.test("master form - presets, custom values and refusals per field", () => {
  const form = (o: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(o)) f.set(k, v);
    return f;
  };
  const ok = readMasterForm(form({
    target: "-16",
    ceiling_dbtp: "-1.5",
    intensity: "50",
    reference: "preset:rock",
  }));
  assertEquals(ok.settings, {
    target_lufs: -16,
    ceiling_dbtp: -1.5,
    intensity: 0.5,
    reference: { kind: "preset", genre: "rock" },
  });
  const custom = readMasterForm(
    form({ target: "custom", custom_lufs: "−40", reference: "preset:pop" }),
  );
  assertEquals(Object.keys(custom.errors ?? {}), ["custom_lufs"]);
  assertEquals(custom.values.custom_lufs, "−40");
  const bad = readMasterForm(form({ target: "-14", ceiling_dbtp: "0", reference: "song:nope" }));
  assertEquals(Object.keys(bad.errors ?? {}).sort(), ["ceiling_dbtp", "reference"]);
});

// Short-term and momentary every 0.5 s: value i is the window ending at (i + 1) × 0.5 s.
const before = {
  step_s: 0.5,
  momentary: [-30, -24.5, -80, null, -20, -21],
  short_term: [null, null, null, -29.3, -25, -22],
};
const after = {
  step_s: 0.5,
  momentary: [-15, -12.1, -13, -14, -11.8, -12],
  short_term: [null, null, null, -15.2, -13.4, -12.6],
};

Deno.test("meter - the level window holds the loudest, the target and the quietest", () => {
  const s = meterScale([before, after], 3, -14);
  // The loudest, −12.6, gets 1 LU of room: the top is the next multiple of 6 above.
  assertEquals(s, { duration: 3, lo: -36, hi: -6 });
  assertEquals([meterY(-6, s), meterY(-36, s), meterY(-90, s)], [
    METER.top,
    METER.bottom,
    METER.bottom,
  ]);
  assertEquals([meterX(0, s), meterX(3, s), meterX(9, s)], [METER.left, METER.right, METER.right]);
  // A very quiet original stretches it down, at most 48 LU; nothing measured: around the target.
  assertEquals(meterScale([{ ...before, short_term: [-65] }], 3, -14).lo, -60);
  assertEquals(meterScale([{ ...before, short_term: [null] }], 0, -14), {
    duration: 1,
    lo: -36,
    hi: -12,
  });
  assertEquals(levelTicks(s).map((t) => t.label), ["−6", "−12", "−18", "−24", "−30", "−36"]);
  assertEquals(timeTicks({ ...s, duration: 200 }).map((t) => t.label), [
    "0:00",
    "1:00",
    "2:00",
    "3:00",
  ]);
});

Deno.test("meter - a series becomes a path broken where silent or under the window", () => {
  const s = meterScale([before, after], 3, -14);
  const x = (t: number) => meterX(t, s).toFixed(1);
  const y = (v: number) => meterY(v, s).toFixed(1);
  // Windows end every 0.5 s; −80 is under BS.1770's −70 gate and null is silence, −50 is under
  // the chart's window: gaps, not lines along the bottom.
  assertEquals(
    meterPath(before.momentary, 0.5, s),
    `M${x(0.5)} ${y(-30)} L${x(1)} ${y(-24.5)} M${x(2.5)} ${y(-20)} L${x(3)} ${y(-21)}`,
  );
  assertEquals(meterPath([null, -50, -13], 0.5, s), `M${x(1.5)} ${y(-13)}`);
  assertEquals(meterPath([], 0.5, s), "");
});

Deno.test("meter - the reading at the play head, in the file and as heard", () => {
  assertEquals(readingAt(after, 0.3), { short_term: null, momentary: null }, "no window yet");
  assertEquals(readingAt(after, 0.5), { short_term: null, momentary: -15 });
  assertEquals(readingAt(after, 2.2), { short_term: -15.2, momentary: -14 });
  assertEquals(readingAt(after, 2.99), { short_term: -13.4, momentary: -11.8 });
  assertEquals(readingAt(after, 60), { short_term: null, momentary: null }, "past the end");
  assertEquals(readingAt(before, 1.6), { short_term: null, momentary: -80 });
  assertEquals(heardReading({ short_term: -13.4, momentary: -11.8 }, -4.2), {
    short_term: -17.6,
    momentary: -16,
  });
  assertEquals(heardReading({ short_term: null, momentary: -11.8 }, 0).short_term, null);
  assertEquals(
    meterSummary([
      { label: "Original", series: before },
      { label: "Master", series: { ...after, short_term: [null] } },
    ], -14),
    "Short-term loudness over time: the original from −29.3 to −22.0 LUFS, the master is too " +
      "quiet to chart; the target is −14.0 LUFS integrated.",
  );
});

Deno.test("playhead - a follower hears its player's changes, the last one first", () => {
  const p: Playhead = { at: 1.5, playing: true, version: 1, gainDb: -4.2 };
  announcePlayhead("p1", p);
  const got: Playhead[] = [];
  const stop = followPlayhead("p1", (x) => got.push(x));
  announcePlayhead("p2", { ...p, at: 9 });
  announcePlayhead("p1", { ...p, at: 2 });
  stop();
  announcePlayhead("p1", { ...p, at: 3 });
  assertEquals(got.map((x) => x.at), [1.5, 2]);
  assertEquals(got[1], { ...p, at: 2 });
});
