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
