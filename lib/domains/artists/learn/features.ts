/**
 * One track's features for the analysis, from what the studio knows of it: the song plan it was
 * made from and the hit meter's measurements of the audio, plus the content posted around the
 * release. A measurement wins over the plan when it is there and trustworthy (a steady beat, a
 * clear key), because the plan says what was asked and the audio what came out; otherwise the
 * plan's value is used, and what neither knows stays null.
 *
 * @module
 */
import type { Features } from "../../../audio/reports.ts";
import { analyse, MOODS } from "../../dj/lexicon.ts";
import { planSeconds, type SongPlan } from "../../studio/plan.ts";
import type { TrackFeatures } from "../types.ts";

/** Below this the beat tracker is guessing (the hit meter's "steady pulse" floor). */
export const MIN_TEMPO_CONFIDENCE = 0.25;
/** Below this the key profile match is vague (the hit meter's "clear tonal centre" floor). */
export const MIN_KEY_CONFIDENCE = 0.6;

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
/** Maps `x` from lo..hi onto 0..1, clamped. */
const scale = (x: number, lo: number, hi: number) => clamp01((x - lo) / (hi - lo));

/**
 * Energy from the audio: busy (onsets a second, 0.5 → 0, 6 → 1; weight 0.45), bright (share of
 * energy above 4 kHz, 0 → 0, 20 % → 1; weight 0.25) and dense (crest factor, 18 dB → 0, 6 dB → 1:
 * a squashed wall sounds more intense than spiky dynamics; weight 0.3).
 */
export function measuredEnergy(f: Pick<Features, "onset_density" | "energy_high" | "crest_db">) {
  const busy = scale(f.onset_density, 0.5, 6);
  const bright = scale(f.energy_high, 0, 0.2);
  const dense = scale(18 - f.crest_db, 0, 12);
  return round(0.45 * busy + 0.25 * bright + 0.3 * dense, 3);
}

/**
 * Energy from the plan alone: the mood's energy in the DJ lexicon (0.5 when the mood is not
 * known; weight 0.6) and the tempo (60 BPM → 0, 180 BPM → 1; weight 0.4).
 */
export function plannedEnergy(p: Pick<SongPlan, "mood" | "tempo_bpm">): number {
  const mood = analyse(p.mood).moods[0]?.key;
  const moodEnergy = mood ? MOODS[mood].energy : 0.5;
  return round(0.6 * moodEnergy + 0.4 * scale(p.tempo_bpm, 60, 180), 3);
}

/** True when `a` is about twice or half `b`: a beat tracker's octave error. */
function octaveOff(a: number, b: number): boolean {
  const r = a / b;
  return Math.abs(r - 2) < 0.08 || Math.abs(r - 0.5) < 0.02;
}

function tempoOf(plan: SongPlan | null, m: Features | null): number | null {
  const measured = m && m.tempo_bpm !== null && m.tempo_confidence >= MIN_TEMPO_CONFIDENCE
    ? m.tempo_bpm
    : null;
  if (measured === null) return plan?.tempo_bpm ?? null;
  // Half- and double-time readings of a planned tempo are the tracker's octave errors.
  if (plan && octaveOff(measured, plan.tempo_bpm)) return plan.tempo_bpm;
  return round(measured, 1);
}

const word = (s: string | null | undefined) => {
  const t = s?.trim().toLowerCase();
  return t ? t : null;
};

/** A track's features from its plan, its measurements and the posts made around its release. */
export function trackFeatures(
  plan: SongPlan | null,
  measured: Features | null,
  content: { posts: number | null; pillar: string | null },
): TrackFeatures {
  const m = measured;
  const clearKey = m !== null && m.key !== null && m.mode !== null &&
    m.key_confidence >= MIN_KEY_CONFIDENCE;
  const energy = m ? measuredEnergy(m) : plan ? plannedEnergy(plan) : null;
  const duration = m && m.duration_s > 0 ? m.duration_s : plan ? planSeconds(plan) : null;
  // The plan's structure names what was built; self-similarity can split or merge sections.
  const sections = plan ? plan.structure.length : m && m.sections > 0 ? m.sections : null;
  const posts = content.posts === null ? null : Math.max(0, Math.round(content.posts));
  return {
    tempo_bpm: tempoOf(plan, m),
    energy,
    key: clearKey ? m.key : plan?.key ?? null,
    mode: clearKey ? m.mode : plan?.mode ?? null,
    loudness_lufs: m?.integrated_lufs ?? null,
    sections,
    duration_s: duration === null ? null : round(duration, 1),
    genre: word(plan?.genre),
    mood: word(plan?.mood),
    posts,
    pillar: content.pillar?.trim() || null,
  };
}
