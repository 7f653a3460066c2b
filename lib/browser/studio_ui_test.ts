/**
 * The studio's browser-side arithmetic: the player's peaks, times, keys and loops; the plan
 * form's drafts, section edits and field-naming errors; the progress bar's percentage and ETA.
 */
import { assert, assertEquals } from "../../tests/_helpers/assert.ts";
import {
  formatTime,
  loopBetween,
  markLoop,
  seekForKey,
  thinPeaks,
  timeAt,
  wrapLoop,
} from "./player.ts";
import {
  applySectionOp,
  draftFromForm,
  draftOf,
  draftSeconds,
  fieldErrors,
  KEYS,
  planInputOf,
  SECTION_LABELS,
  TIME_SIGNATURES,
} from "./plan_draft.ts";
import { etaSeconds, overallPercent, songStateOf } from "./studio_view.ts";
import {
  PITCHES,
  planSeconds,
  SECTION_NAMES,
  SongPlan,
  TIME_SIGNATURES as PLAN_TIME_SIGNATURES,
} from "../domains/studio/plan.ts";

const plan: SongPlan = {
  title: "Night Bus",
  genre: "lo-fi",
  subgenre: null,
  mood: "calm",
  tempo_bpm: 80,
  key: "A",
  mode: "minor",
  time_signature: "4/4",
  instrumentation: ["piano", "bass", "drums"],
  structure: [{ name: "intro", bars: 4 }, { name: "verse", bars: 8 }, { name: "chorus", bars: 8 }],
  vocals: false,
  lyrics_theme: null,
  style_words: ["warm", "dusty"],
};

Deno.test("player - thins peaks to the bars shown, keeping the extremes", () => {
  const peaks = Array.from({ length: 10 }, (_, i) => [-i / 10, i / 10] as [number, number]);
  assertEquals(thinPeaks(peaks, 5), [[-0.1, 0.1], [-0.3, 0.3], [-0.5, 0.5], [-0.7, 0.7], [
    -0.9,
    0.9,
  ]]);
  assertEquals(thinPeaks([[-2, 2]], 5), [[-1, 1]], "fewer peaks than bars: kept, clamped");
});

Deno.test("player - times, keyboard seeking and loop regions", () => {
  assertEquals([formatTime(0), formatTime(65.9), formatTime(3725), formatTime(NaN)], [
    "0:00",
    "1:05",
    "1:02:05",
    "0:00",
  ]);
  assertEquals(seekForKey("ArrowRight", 10, 100), 15);
  assertEquals(seekForKey("ArrowLeft", 10, 100, true), 9);
  assertEquals(seekForKey("ArrowLeft", 2, 100), 0, "clamped at the start");
  assertEquals([seekForKey("Home", 50, 100), seekForKey("End", 50, 100)], [0, 100]);
  assertEquals(seekForKey("PageUp", 50, 100), 60);
  assertEquals(seekForKey("a", 50, 100), null);
  assertEquals(timeAt(0.25, 80), 20);
  assertEquals(loopBetween(30, 10, 100), { start: 10, end: 30 }, "either order");
  assertEquals(loopBetween(10, 10.1, 100), null, "too short to be a loop");
  assertEquals(markLoop(null, "start", 40, 100), { start: 40, end: 100 });
  assertEquals(markLoop({ start: 40, end: 100 }, "end", 60, 100), { start: 40, end: 60 });
  assertEquals(markLoop({ start: 40, end: 60 }, "end", 20, 100), { start: 0, end: 20 });
  assertEquals(wrapLoop(61, { start: 40, end: 60 }), 40);
  assertEquals(wrapLoop(50, { start: 40, end: 60 }), null);
});

Deno.test("plan form - the island's lists are plan.ts's", () => {
  assertEquals([...KEYS], [...PITCHES]);
  assertEquals([...TIME_SIGNATURES], [...PLAN_TIME_SIGNATURES]);
  assertEquals(Object.keys(SECTION_LABELS), [...SECTION_NAMES]);
});

Deno.test("plan form - a plan survives the form, and its length matches", () => {
  const draft = draftOf(plan);
  assertEquals(SongPlan.parse(planInputOf(draft)), plan);
  assertEquals(draftSeconds(draft), planSeconds(plan));
  const form = new FormData();
  for (const [k, v] of Object.entries(draft)) {
    if (k === "structure" || k === "vocals") continue;
    form.set(k, String(v));
  }
  for (const s of draft.structure) {
    form.append("section_name", s.name);
    form.append("section_bars", s.bars);
  }
  assertEquals(draftFromForm(form), draft);
});

Deno.test("plan form - sections are added, removed and moved; bad ops are refused", () => {
  const rows = draftOf(plan).structure;
  assertEquals(applySectionOp(rows, "up:1")!.map((r) => r.name), ["verse", "intro", "chorus"]);
  assertEquals(applySectionOp(rows, "down:2")!.map((r) => r.name), ["intro", "verse", "chorus"]);
  assertEquals(applySectionOp(rows, "remove:0")!.length, 2);
  assertEquals(applySectionOp(rows, "add")!.length, 4);
  assertEquals(applySectionOp([rows[0]], "remove:0")!.length, 1, "the last section stays");
  assertEquals(applySectionOp(rows, "remove:9"), null);
  assertEquals(applySectionOp(rows, "explode"), null);
});

Deno.test("plan form - errors name their fields", () => {
  const draft = {
    ...draftOf(plan),
    title: "",
    tempo_bpm: "fast",
    structure: [{ name: "verse", bars: "0" }],
  };
  const r = SongPlan.safeParse(planInputOf(draft));
  assert(!r.success);
  const errors = fieldErrors(r.error.issues);
  assertEquals(errors.title, "Title: fill this in");
  assertEquals(errors.tempo_bpm, "Tempo: a whole number of beats per minute from 50 to 200");
  assertEquals(errors["structure.0.bars"], "Section 1 (bars): a whole number of bars from 1 to 64");
});

Deno.test("progress - overall percentage across the stages, and the time left", () => {
  const at = (stage: string, percent?: number, status = "running") =>
    overallPercent(
      songStateOf({ status, stage, progress: percent === undefined ? {} : { percent } })!,
    );
  assertEquals(at("composing", 0, "queued"), 0);
  assertEquals(at("composing", 100), 10);
  assertEquals(at("rendering", 50), 38);
  assertEquals(at("uploading", 100), 100);
  assertEquals(overallPercent({ status: "done", stage: null, progress: {} }), 100);
  assertEquals(etaSeconds(50, { at: 0, percent: 10 }, 4000), 5, "40 % in 4 s: 50 % in 5 s");
  assertEquals(etaSeconds(10, { at: 0, percent: 10 }, 4000), null, "no pace yet");
  assertEquals(songStateOf({ status: "exploded", stage: null, progress: {} }), null);
});
