/** Features for the hit meter's tests. */
import type { Features } from "../../lib/audio/reports.ts";

/** A mainstream-shaped song: every rated feature inside its ranges. */
export const IN_RANGE: Features = {
  duration_s: 195,
  tempo_bpm: 118,
  tempo_confidence: 0.6,
  key: "A",
  mode: "minor",
  key_confidence: 0.82,
  integrated_lufs: -11,
  lra_lu: 6,
  true_peak_dbtp: -1.2,
  crest_db: 10,
  spectral_centroid_hz: 1800,
  spectral_rolloff_hz: 5200,
  spectral_flatness: 0.12,
  energy_low: 0.35,
  energy_mid: 0.55,
  energy_high: 0.1,
  onset_density: 3.2,
  repetition: 0.6,
  sections: 5,
  intro_s: 6,
};
