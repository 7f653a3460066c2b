/**
 * Mastering and the hit meter as their pages show them: levels, loudness changes per platform,
 * the hit meter's features in human units, scores in words, and the spectrum chart's geometry.
 *
 * Browser-safe and import-free (lib/shared/studio_jobs.ts only): islands may bundle it.
 *
 * @module
 */
export * from "../shared/studio_jobs.ts";

const MINUS = "−";
const signed = (x: number, digits = 1) =>
  `${x < 0 ? MINUS : x > 0 ? "+" : ""}${Math.abs(x).toFixed(digits)}`;
const plain = (x: number, digits = 1) => `${x < 0 ? MINUS : ""}${Math.abs(x).toFixed(digits)}`;

/** A level with its unit, "—" for silence (null). */
export function level(x: number | null | undefined, unit: string, digits = 1): string {
  return x === null || x === undefined || !Number.isFinite(x) ? "—" : `${plain(x, digits)} ${unit}`;
}

/** A change in dB with its sign ("+1.5 dB", "−4.2 dB"). */
export function change(db: number): string {
  return `${signed(db)} dB`;
}

/** What a platform's normalisation will do to the master, in a sentence. */
export function platformText(
  p: { platform: string; target_lufs: number; change_db: number; turns_up: boolean },
): string {
  const d = Math.abs(p.change_db).toFixed(1);
  if (Math.abs(p.change_db) < 0.05) return `${p.platform} will play it as it is.`;
  if (p.change_db < 0) return `${p.platform} will turn this down by ${d} dB.`;
  return p.turns_up
    ? `${p.platform} will turn this up by ${d} dB.`
    : `${p.platform} does not turn quiet songs up: it will play ${d} dB under its ${
      plain(p.target_lufs)
    } LUFS target.`;
}

export const CATEGORY_LABELS: Record<string, string> = {
  production_quality: "Production quality",
  commercial_appeal: "Commercial appeal",
  innovation: "Innovation",
  emotional_impact: "Emotional impact",
  radio_readiness: "Radio readiness",
};

/** A 0–100 score in words (the gauge's caption). */
export function scoreWords(score: number): string {
  return score >= 80 ? "Strong" : score >= 60 ? "Promising" : score >= 40 ? "Mixed" : "Needs work";
}

const clock = (s: number) => {
  const t = Math.max(0, Math.round(s));
  return `${Math.floor(t / 60)}:${String(t % 60).padStart(2, "0")}`;
};
const hz = (x: number) => x >= 1000 ? `${(x / 1000).toFixed(1)} kHz` : `${Math.round(x)} Hz`;
const pct = (x: number) => `${Math.round(x * 100)} %`;

/** The hit meter's features as table rows: the name insights cite, a label, the value in words. */
export function featureRows(
  f: Record<string, unknown>,
): { name: string; label: string; value: string }[] {
  const n = (k: string) => (typeof f[k] === "number" ? f[k] as number : null);
  const rows: [string, string, string][] = [
    ["duration_s", "Length", n("duration_s") === null ? "—" : clock(n("duration_s")!)],
    [
      "tempo_bpm",
      "Tempo",
      n("tempo_bpm") === null
        ? "no steady beat"
        : `${Math.round(n("tempo_bpm")!)} BPM (confidence ${pct(n("tempo_confidence") ?? 0)})`,
    ],
    [
      "key",
      "Key",
      typeof f.key === "string"
        ? `${f.key} ${typeof f.mode === "string" ? f.mode : ""}`
        : "unclear",
    ],
    ["integrated_lufs", "Loudness (integrated)", level(n("integrated_lufs"), "LUFS")],
    ["lra_lu", "Loudness range", level(n("lra_lu"), "LU")],
    ["true_peak_dbtp", "True peak", level(n("true_peak_dbtp"), "dBTP")],
    ["crest_db", "Crest factor (peak to RMS)", level(n("crest_db"), "dB")],
    ["spectral_centroid_hz", "Brightness (spectral centroid)", hz(n("spectral_centroid_hz") ?? 0)],
    [
      "spectral_rolloff_hz",
      "Roll-off (85 % of the energy below)",
      hz(n("spectral_rolloff_hz") ?? 0),
    ],
    ["spectral_flatness", "Flatness (0 tonal, 1 noisy)", (n("spectral_flatness") ?? 0).toFixed(2)],
    ["energy_low", "Low end (below 250 Hz)", pct(n("energy_low") ?? 0)],
    ["energy_mid", "Mids (250 Hz–4 kHz)", pct(n("energy_mid") ?? 0)],
    ["energy_high", "Highs (above 4 kHz)", pct(n("energy_high") ?? 0)],
    ["onset_density", "Onsets", `${(n("onset_density") ?? 0).toFixed(1)} a second`],
    ["repetition", "Repetition", pct(n("repetition") ?? 0)],
    ["sections", "Sections", String(n("sections") ?? 0)],
    ["intro_s", "Intro", clock(n("intro_s") ?? 0)],
  ];
  return rows.map(([name, label, value]) => ({ name, label, value }));
}

/** The spectrum chart's frame: 20 Hz–20 kHz on a log axis, levels over a 60 dB window. */
export const CHART = { width: 320, height: 160, minHz: 20, maxHz: 20000, rangeDb: 60 };
/** The share of the window above a curve's average (bass runs well above it, highs below). */
const ABOVE = 0.4;

/**
 * A curve's SVG points, its levels relative to their own average from 100 Hz to 10 kHz (the
 * chart compares shapes: the loudness comparison is the table's).
 */
export function curvePoints(hzs: readonly number[], db: readonly number[]): string {
  const { width, height, minHz, maxHz, rangeDb } = CHART;
  const mid = hzs.map((h, i) => (h >= 100 && h <= 10000 ? db[i] : NaN)).filter(Number.isFinite);
  const avg = mid.length ? mid.reduce((a, b) => a + b, 0) / mid.length : 0;
  const span = Math.log(maxHz / minHz);
  const out: string[] = [];
  hzs.forEach((h, i) => {
    if (h < minHz || h > maxHz || !Number.isFinite(db[i])) return;
    const x = (Math.log(h / minHz) / span) * width;
    const top = rangeDb * ABOVE;
    const rel = Math.max(top - rangeDb, Math.min(top, db[i] - avg));
    const y = ((top - rel) / rangeDb) * height;
    out.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  });
  return out.join(" ");
}

/** Where the chart's frequency labels go. */
export function chartTicks(): { x: number; label: string }[] {
  const { width, minHz, maxHz } = CHART;
  const span = Math.log(maxHz / minHz);
  return [100, 1000, 10000].map((h) => ({
    x: (Math.log(h / minHz) / span) * width,
    label: h >= 1000 ? `${h / 1000}k` : String(h),
  }));
}

// The loudness meter (islands/LoudnessMeter.tsx): short-term loudness over time, before and after.

/** A loudness series as stored in a master's report (lib/audio/reports.ts LoudnessSeries). */
export interface MeterSeries {
  step_s: number;
  momentary: readonly (number | null)[];
  short_term: readonly (number | null)[];
}

/** Below BS.1770's absolute gate a window counts as silence: the chart leaves it out. */
export const METER_FLOOR_LUFS = -70;
/** The meter's frame in SVG units: the plot, with room for the level labels left, times below. */
export const METER = { width: 320, height: 172, left: 30, right: 310, top: 16, bottom: 152 };

/** The chart's time span (seconds) and level window (LUFS, multiples of 6). */
export interface MeterScale {
  duration: number;
  lo: number;
  hi: number;
}

const charted = (v: number | null): v is number => v !== null && v > METER_FLOOR_LUFS;

/**
 * A window that holds the loudest short-term value and the target with room above, and reaches
 * down to the quietest (24 to 48 LU tall).
 */
export function meterScale(
  series: readonly MeterSeries[],
  duration: number,
  target: number,
): MeterScale {
  const values = series.flatMap((s) => s.short_term.filter(charted));
  const top = values.reduce((m, v) => Math.max(m, v), target);
  const quietest = values.reduce((m, v) => Math.min(m, v), target);
  const hi = Math.min(0, 6 * Math.ceil((top + 1) / 6));
  const lo = Math.max(hi - 48, Math.min(hi - 24, 6 * Math.floor((quietest - 1) / 6)));
  return { duration: duration > 0 ? duration : 1, lo, hi };
}

/** x of a time, y of a level (clamped into the plot). */
export function meterX(t: number, s: MeterScale): number {
  const { left, right } = METER;
  return left + Math.min(1, Math.max(0, t / s.duration)) * (right - left);
}
export function meterY(lufs: number, s: MeterScale): number {
  const { top, bottom } = METER;
  return top + ((s.hi - Math.min(s.hi, Math.max(s.lo, lufs))) / (s.hi - s.lo)) * (bottom - top);
}

/**
 * An SVG path through a series' values (value i is the window ending at (i + 1) × step), broken
 * where it is silent, under the floor or under the chart's window rather than drawn flat there.
 */
export function meterPath(values: readonly (number | null)[], step: number, s: MeterScale): string {
  const out: string[] = [];
  let open = false;
  values.forEach((v, i) => {
    if (!charted(v) || v < s.lo) return void (open = false);
    const x = meterX((i + 1) * step, s).toFixed(1);
    out.push(`${open ? "L" : "M"}${x} ${meterY(v, s).toFixed(1)}`);
    open = true;
  });
  return out.join(" ");
}

/** The level axis: a label every 6 LU (12 on a tall window). */
export function levelTicks(s: MeterScale): { y: number; label: string }[] {
  const every = s.hi - s.lo > 36 ? 12 : 6;
  const out: { y: number; label: string }[] = [];
  for (let v = s.hi; v >= s.lo; v -= every) out.push({ y: meterY(v, s), label: plain(v, 0) });
  return out;
}

/** The time axis: at most six labels, m:ss, at round intervals; the last one kept inside. */
export function timeTicks(
  s: MeterScale,
): { x: number; label: string; anchor: "middle" | "end" }[] {
  const every = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600].find((k) => s.duration / k <= 5) ?? 1200;
  const out: { x: number; label: string; anchor: "middle" | "end" }[] = [];
  for (let t = 0; t <= s.duration + 1e-6; t += every) {
    const x = meterX(t, s);
    out.push({ x, label: clock(t), anchor: x > METER.right - 12 ? "end" : "middle" });
  }
  return out;
}

/** Levels at a play head: the last windows ending by then (null: none yet, or silent). */
export interface MeterReading {
  short_term: number | null;
  momentary: number | null;
}

export function readingAt(series: MeterSeries, at: number): MeterReading {
  const i = Math.floor(at / series.step_s + 1e-6) - 1;
  const pick = (xs: readonly (number | null)[]) => (i >= 0 && i < xs.length ? xs[i] : null);
  return { short_term: pick(series.short_term), momentary: pick(series.momentary) };
}

/** A reading as heard through the player's loudness matching (a gain of 0 or less). */
export function heardReading(r: MeterReading, gainDb: number): MeterReading {
  const heard = (v: number | null) => (v === null ? null : Math.round((v + gainDb) * 10) / 10);
  return { short_term: heard(r.short_term), momentary: heard(r.momentary) };
}

/** The meter's summary sentence: the span of short-term loudness of each version. */
export function meterSummary(
  versions: readonly { label: string; series: MeterSeries }[],
  target: number,
): string {
  const spans = versions.map(({ label, series }) => {
    const v = series.short_term.filter(charted);
    const name = label.toLowerCase();
    return v.length
      ? `the ${name} from ${plain(Math.min(...v))} to ${level(Math.max(...v), "LUFS")}`
      : `the ${name} is too quiet to chart`;
  });
  return `Short-term loudness over time: ${spans.join(", ")}; the target is ${
    level(target, "LUFS")
  } integrated.`;
}
