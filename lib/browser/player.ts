/**
 * The waveform player's arithmetic, apart from the DOM so it is tested on its own: peaks thinned
 * to the bars a screen shows, times as people read them, keyboard seeking and loop regions.
 *
 * Browser-safe and import-free: islands bundle it.
 *
 * @module
 */

/** One [min, max] pair per span of the song, each in [-1, 1] (lib/audio/peaks.ts). */
export type Peak = readonly [number, number];

/** A loop region in seconds, start before end. */
export interface Loop {
  start: number;
  end: number;
}

/** The shortest loop worth keeping: a click that wobbled is a seek, not a region. */
export const MIN_LOOP_SECONDS = 0.25;

/** `peaks` thinned (or kept) to at most `bars` pairs, each the extremes of the ones it covers. */
export function thinPeaks(peaks: readonly Peak[], bars: number): Peak[] {
  if (peaks.length <= bars) return peaks.map((p) => [clamp(p[0], -1, 1), clamp(p[1], -1, 1)]);
  const out: Peak[] = [];
  for (let k = 0; k < bars; k++) {
    const from = Math.floor((k * peaks.length) / bars);
    const to = Math.max(from + 1, Math.floor(((k + 1) * peaks.length) / bars));
    let lo = 0;
    let hi = 0;
    for (let i = from; i < to; i++) {
      lo = Math.min(lo, peaks[i][0]);
      hi = Math.max(hi, peaks[i][1]);
    }
    out.push([clamp(lo, -1, 1), clamp(hi, -1, 1)]);
  }
  return out;
}

/** `m:ss` (or `h:mm:ss`) for a time in seconds; `0:00` for anything not a time. */
export function formatTime(seconds: number): string {
  const s = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/** Spoken form of a position, for the slider's `aria-valuetext`. */
export function spokenTime(at: number, duration: number): string {
  const words = (t: number) => {
    const s = Math.max(0, Math.floor(t));
    const m = Math.floor(s / 60);
    const r = s % 60;
    return m ? `${m} min ${r} s` : `${r} s`;
  };
  return `${words(at)} of ${words(duration)}`;
}

/**
 * Where a key press on the waveform moves the play head: arrows by 5 s (1 s with Shift),
 * PageUp/PageDown by a tenth, Home/End to the ends. null: the key does not seek.
 */
export function seekForKey(
  key: string,
  at: number,
  duration: number,
  shift = false,
): number | null {
  const step = shift ? 1 : 5;
  const tenth = duration / 10;
  const to = key === "ArrowRight" || key === "ArrowUp"
    ? at + step
    : key === "ArrowLeft" || key === "ArrowDown"
    ? at - step
    : key === "PageUp"
    ? at + tenth
    : key === "PageDown"
    ? at - tenth
    : key === "Home"
    ? 0
    : key === "End"
    ? duration
    : null;
  return to === null ? null : clamp(to, 0, duration);
}

/** The loop between two marks in any order, or null when it is too short to be one. */
export function loopBetween(a: number, b: number, duration: number): Loop | null {
  const start = clamp(Math.min(a, b), 0, duration);
  const end = clamp(Math.max(a, b), 0, duration);
  return end - start >= MIN_LOOP_SECONDS ? { start, end } : null;
}

/** Setting one end of a loop at `at`: the other end stays, or the song's other end is used. */
export function markLoop(
  loop: Loop | null,
  which: "start" | "end",
  at: number,
  duration: number,
): Loop | null {
  if (which === "start") {
    return loopBetween(at, loop && loop.end > at ? loop.end : duration, duration);
  }
  return loopBetween(loop && loop.start < at ? loop.start : 0, at, duration);
}

/** Where playback goes next: back to the loop's start once it has passed its end. */
export function wrapLoop(at: number, loop: Loop | null): number | null {
  return loop && at >= loop.end ? loop.start : null;
}

/** A fraction of the waveform's width (a click, a drag) as a time. */
export function timeAt(fraction: number, duration: number): number {
  return clamp(fraction, 0, 1) * duration;
}

function clamp(x: number, lo: number, hi: number): number {
  return Number.isFinite(x) ? Math.min(hi, Math.max(lo, x)) : lo;
}

/** One version of the A/B pair: its name on the toggle, its audio and integrated loudness. */
export interface AbVersion {
  label: string;
  src: string;
  /** Integrated loudness (LUFS); null when silent or unknown. */
  lufs: number | null;
}

/** How each version is turned down to play at the same loudness, and the words for it. */
export interface LoudnessMatch {
  /** dB applied to each version (0 or less: a browser cannot turn a file up). */
  gainsDb: [number, number];
  /** "matched: master −4.2 dB", or why they are not matched. */
  text: string;
}

const minus = (db: number) => `−${Math.abs(db).toFixed(1)} dB`;

/**
 * The louder of two versions turned down by the difference in integrated loudness, so louder
 * never sounds better by itself.
 */
export function loudnessMatch(a: AbVersion, b: AbVersion): LoudnessMatch {
  if (a.lufs === null || b.lufs === null) {
    return { gainsDb: [0, 0], text: "not matched: one version is silent" };
  }
  const diff = Math.round((b.lufs - a.lufs) * 10) / 10;
  if (diff === 0) return { gainsDb: [0, 0], text: "matched: same loudness" };
  return diff > 0
    ? { gainsDb: [0, -diff], text: `matched: ${b.label.toLowerCase()} ${minus(diff)}` }
    : { gainsDb: [diff, 0], text: `matched: ${a.label.toLowerCase()} ${minus(diff)}` };
}

/** An audio element's volume for a gain in dB (at most 1). */
export function volumeOf(db: number): number {
  return clamp(10 ** (db / 20), 0, 1);
}

/** Whether two players drifted apart enough to hear it when switching (seconds). */
export function drifted(a: number, b: number, tolerance = 0.05): boolean {
  return Math.abs(a - b) > tolerance;
}
