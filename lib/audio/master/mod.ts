/**
 * Mastering DSP: the matching EQ, the true-peak limiter, the loudness search (master.ts), the
 * spectrum measure and the platform preview (the genre reference presets are the studio's:
 * lib/domains/studio/master/presets.ts).
 *
 * @module
 */
export {
  masterAudio,
  type Mastered,
  MasterError,
  type MasterErrorCode,
  MIN_SECONDS,
} from "./master.ts";
export {
  type MasterReference,
  measureReference,
  measureSpectrum,
  resampleSpectrum,
  spectrumDistance,
} from "./spectrum.ts";
export { platformPreview, PLATFORMS } from "./platforms.ts";
