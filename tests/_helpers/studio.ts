/** The studio's test helpers: a song plan, and calls of its JSON API as a signed-in user. */
import type { SongPlan } from "../../lib/domains/studio/plan.ts";
import type { TestApp } from "./app.ts";
import type { Session } from "../_fakes/dj_session.ts";

/** `/api/studio<path>` as `s`: the status, the parsed body (null when empty) and the headers. */
export async function studioCall(
  app: TestApp,
  s: Session,
  method: string,
  path: string,
  body?: unknown,
) {
  const res = await app.fetch(`/api/studio${path}`, {
    method,
    headers: s.json,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null, headers: res.headers };
}

/** A song plan for the studio's tests and bench: pop in C major, 15 bars at 120 BPM = 30 s. */
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
