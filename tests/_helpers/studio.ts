/** A song plan for the studio's tests and bench: pop in C major, 15 bars at 120 BPM = 30 s. */
import type { SongPlan } from "../../lib/domains/studio/plan.ts";

export function songPlan(over: Partial<SongPlan> = {}): SongPlan {
  return {
    title: "Test Song",
    genre: "pop",
    subgenre: null,
    mood: "upbeat",
    tempo_bpm: 120,
    key: "C",
    mode: "major",
    time_signature: "4/4",
    instrumentation: ["drums", "bass", "piano", "synth lead"],
    structure: [
      { name: "intro", bars: 2 },
      { name: "verse", bars: 4 },
      { name: "pre_chorus", bars: 2 },
      { name: "chorus", bars: 4 },
      { name: "outro", bars: 3 },
    ],
    vocals: false,
    lyrics_theme: null,
    style_words: [],
    ...over,
  };
}
