/**
 * The hit meter's offline insight writer: deterministic, from the model's own rules (model.ts).
 * It ranks every feature by what it added to the overall score (strengths: in range, most points
 * gained) and by what it cost (suggestions: out of range, most points lost), and writes the 2–3
 * strongest and up to 4 weakest as insights that name the feature, quote the measured number and
 * the range the meter looks for, and give the rule's reason. English only.
 *
 * @module
 */
import type { Features } from "../../../audio/reports.ts";
import { CATEGORY_WEIGHTS, fit, type NumericFeature, type Rule, RULES } from "./model.ts";
import type { Category, Insight } from "./schemas.ts";

export const OFFLINE_INSIGHTS_MODEL = "offline-meter-rules-v1";

interface Words {
  /** The measurement in a clause ("the intro runs 24 s before …"). */
  say(v: string): string;
  num(v: number): string;
  unit: string;
  label: string;
  low: [word: string, advice: string];
  high: [word: string, advice: string];
}

const minus = (s: string) => s.replace(/^-/, "−");
const fixed = (digits: number) => (v: number) => minus(v.toFixed(digits));
const pct = (v: number) => String(Math.round(v * 100));
const mmss = (v: number) => {
  const s = Math.round(v);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
};

const WORDS: Record<NumericFeature, Words> = {
  duration_s: {
    label: "Length",
    say: (v) => `The song lasts ${v}`,
    num: mmss,
    unit: "",
    low: ["short", "Another chorus or a bridge would give it room to land."],
    high: ["long", "An edit that trims an intro, a repeat or the outro would tighten it."],
  },
  tempo_bpm: {
    label: "Tempo",
    say: (v) => `The beat runs at ${v}`,
    num: (v) => String(Math.round(v)),
    unit: " BPM",
    low: ["slow", "A half-time feel works; a faster groove would sit nearer the mainstream."],
    high: ["fast", "A half-time feel in the chorus could make it easier to follow."],
  },
  tempo_confidence: {
    label: "Beat steadiness",
    say: (v) => `The beat's steadiness measures ${v} (0 to 1)`,
    num: fixed(2),
    unit: "",
    low: ["loose", "A clearer kick and snare pattern would give listeners a pulse to hold."],
    high: ["rigid", "Some looser parts would add feel."],
  },
  key_confidence: {
    label: "Key clarity",
    say: (v) => `The harmony matches its key profile at ${v} (0 to 1)`,
    num: fixed(2),
    unit: "",
    low: ["vague", "A bass line or chords that settle on the home key would anchor it."],
    high: ["strict", "A borrowed chord would add colour."],
  },
  integrated_lufs: {
    label: "Loudness",
    say: (v) => `The integrated loudness is ${v}`,
    num: fixed(1),
    unit: " LUFS",
    low: ["quiet", "Mastering to about −14 LUFS would bring it level with other releases."],
    high: ["loud", "Services will turn it down anyway; easing the limiter would give back punch."],
  },
  lra_lu: {
    label: "Loudness range",
    say: (v) => `The loudness range (LRA) is ${v}`,
    num: fixed(1),
    unit: " LU",
    low: ["flat", "Quieter verses or a breakdown would make the loud parts count."],
    high: ["wide", "Some compression would keep the quiet parts audible on phones and in cars."],
  },
  true_peak_dbtp: {
    label: "True peak",
    say: (v) => `The true peak reaches ${v}`,
    num: fixed(1),
    unit: " dBTP",
    low: ["low", "There is headroom to master a little louder."],
    high: ["hot", "A true-peak limiter with a −1 dBTP ceiling would prevent encoding distortion."],
  },
  crest_db: {
    label: "Crest factor",
    say: (v) => `Peaks stand ${v} above the average level (crest factor)`,
    num: fixed(1),
    unit: " dB",
    low: ["squashed", "Less limiting would let the drums punch through."],
    high: ["spiky", "Gentle compression or limiting would even out the peaks."],
  },
  spectral_centroid_hz: {
    label: "Brightness",
    say: (v) => `The spectral centroid sits at ${v}`,
    num: (v) => String(Math.round(v)),
    unit: " Hz",
    low: ["dull", "A little air (a high shelf) or brighter sounds would open it up."],
    high: ["bright", "Taming the top end a little would make it easier on the ear."],
  },
  spectral_rolloff_hz: {
    label: "Roll-off",
    say: (v) => `85 % of the energy sits below ${v}`,
    num: (v) => String(Math.round(v)),
    unit: " Hz",
    low: ["dark", "The top end is thin."],
    high: ["bright", "The top end is strong."],
  },
  spectral_flatness: {
    label: "Texture",
    say: (v) => `The spectral flatness is ${v} (0 tonal, 1 noise)`,
    num: fixed(2),
    unit: "",
    low: ["pure", "Percussion, air or grit would add texture."],
    high: ["noisy", "More tonal parts would give the noise something to sit against."],
  },
  energy_low: {
    label: "Low end",
    say: (v) => `${v} of the energy is below 250 Hz`,
    num: pct,
    unit: " %",
    low: ["thin", "More bass or kick would give it weight."],
    high: ["heavy", "Cutting some low end (or a high-pass on non-bass parts) would clear the mix."],
  },
  energy_mid: {
    label: "Mids",
    say: (v) => `${v} of the energy is between 250 Hz and 4 kHz`,
    num: pct,
    unit: " %",
    low: ["scooped", "The vocal range is thin."],
    high: ["boxy", "The mids crowd the rest."],
  },
  energy_high: {
    label: "Highs",
    say: (v) => `${v} of the energy is above 4 kHz`,
    num: pct,
    unit: " %",
    low: ["dull", "Cymbals, air or a high shelf would add sparkle."],
    high: ["harsh", "A de-esser or a gentle high cut would soften it."],
  },
  onset_density: {
    label: "Activity",
    say: (v) => `The song has ${v} onsets a second`,
    num: fixed(1),
    unit: "",
    low: ["sparse", "A busier rhythm part would add motion."],
    high: ["busy", "Leaving more space between hits would let the groove breathe."],
  },
  repetition: {
    label: "Repetition",
    say: (v) => `${v} of the song repeats material heard elsewhere in it`,
    num: pct,
    unit: " %",
    low: ["rare", "Bringing the hook or chorus back would make it stick."],
    high: ["constant", "A bridge or a new section would break the loop."],
  },
  sections: {
    label: "Sections",
    say: (v) => `The meter hears ${v} distinct sections`,
    num: (v) => String(Math.round(v)),
    unit: "",
    low: ["few", "A contrasting section (a bridge, a breakdown) would give it a journey."],
    high: ["many", "Fewer, longer sections would be easier to follow."],
  },
  intro_s: {
    label: "Intro",
    say: (v) => `The intro runs ${v} before the song reaches its full level`,
    num: (v) => String(Math.round(v)),
    unit: " s",
    low: ["short", "It starts at once."],
    high: ["long", "Cutting the intro or bringing the hook forward would hold skippers."],
  },
};

/** A feature's value as the insight quotes it ("24 s", "−9.2 LUFS", "3:05"). */
export function formatFeature(feature: NumericFeature, v: number): string {
  const w = WORDS[feature];
  return `${w.num(v)}${w.unit}`;
}

/** The rule's range as the insight quotes it ("95 to 130 BPM", "under 15 s", "0.60 or more"). */
function range(feature: NumericFeature, rule: Rule): string {
  const w = WORDS[feature];
  const n = (v: number) => w.num(v).replace(/\.0+$/, "");
  if (feature === "intro_s") return `under ${n(rule.hi)}${w.unit}`;
  if (feature === "key_confidence" || feature === "tempo_confidence") {
    return `${n(rule.lo)} or more`;
  }
  return `${n(rule.lo)} to ${n(rule.hi)}${w.unit}`;
}

/** The reason, with the range spelled out when the reason gives no numbers of its own. */
function why(feature: NumericFeature, rule: Rule, lead: string): string {
  return /\d/.test(rule.reason) ? rule.reason : `${lead} ${range(feature, rule)}: ${rule.reason}`;
}

interface Standing {
  feature: NumericFeature;
  value: number | null;
  /** Share of the overall score gained and lost (0–100 points). */
  gained: number;
  lost: number;
  /** The rule that weighs most for it (gains) and the one it misses most (losses). */
  main: Rule;
  worst: Rule;
  worstFit: number;
}

/** Every rated feature with the overall points it gained and lost. */
export function standings(f: Features): Standing[] {
  const catTotal = Object.values(CATEGORY_WEIGHTS).reduce((s, c) => s + c.weight, 0);
  const by = new Map<NumericFeature, Standing>();
  for (const [category, rules] of Object.entries(RULES) as [Category, Rule[]][]) {
    const total = rules.reduce((s, rule) => s + rule.weight, 0);
    const share = (100 * CATEGORY_WEIGHTS[category].weight) / catTotal;
    for (const rule of rules) {
      const value = f[rule.feature];
      const fitted = fit(rule, value);
      const w = (share * rule.weight) / total;
      const s = by.get(rule.feature) ??
        { feature: rule.feature, value, gained: 0, lost: 0, main: rule, worst: rule, worstFit: 2 };
      s.gained += w * fitted;
      s.lost += w * (1 - fitted);
      if (rule.weight > s.main.weight) s.main = rule;
      if (fitted < s.worstFit) [s.worst, s.worstFit] = [rule, fitted];
      by.set(rule.feature, s);
    }
  }
  return [...by.values()];
}

function strength(s: Standing & { value: number }): Insight {
  const w = WORDS[s.feature];
  const v = formatFeature(s.feature, s.value);
  return {
    kind: "strength",
    title: `${w.label}: ${v}`,
    text: `${w.say(v)}: ${why(s.feature, s.main, "within")}.`,
    cites: [s.feature],
  };
}

function suggestion(s: Standing & { value: number }): Insight {
  const w = WORDS[s.feature];
  const v = formatFeature(s.feature, s.value);
  const [word, advice] = s.value < s.worst.lo ? w.low : w.high;
  return {
    kind: "suggestion",
    title: `${w.label}: ${v} is ${word}`,
    text: `${w.say(v)}; ${why(s.feature, s.worst, "the meter looks for")}. ${advice}`,
    cites: [s.feature],
  };
}

function missing(s: Standing): Insight {
  const w = WORDS[s.feature];
  return {
    kind: "suggestion",
    title: `${w.label}: not measurable`,
    text:
      `The meter could not measure ${w.label.toLowerCase()} (it scored 0 of ${
        Math.round(s.lost)
      } points): ` +
      `${s.worst.reason}.`,
    cites: [s.feature],
  };
}

/** Insights from the model's rules: 2–3 strengths, up to 4 suggestions, strongest first. */
export function offlineInsights(f: Features): Insight[] {
  const all = standings(f);
  const strong = all
    .filter((s): s is Standing & { value: number } => s.value !== null && s.worstFit >= 0.95)
    .sort((a, b) => b.gained - a.gained || a.feature.localeCompare(b.feature))
    .slice(0, 3);
  const byLoss = all
    .filter((s) => s.worstFit < 0.95)
    .sort((a, b) => b.lost - a.lost || a.feature.localeCompare(b.feature));
  // Clear misses first; near misses only when there would be fewer than two insights.
  const weak = byLoss.filter((s) => s.worstFit < 0.8).slice(0, 4);
  for (const s of byLoss) {
    if (strong.length + weak.length >= 2) break;
    if (!weak.includes(s)) weak.push(s);
  }
  return [
    ...strong.map(strength),
    ...weak.map((s) => s.value === null ? missing(s) : suggestion({ ...s, value: s.value })),
  ];
}
