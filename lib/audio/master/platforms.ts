/**
 * How each streaming service's loudness normalisation will treat a master: the change in level
 * it applies to reach its reference loudness. Figures as the services and delivery guides
 * publish them (checked December 2026):
 * - Spotify: −14 LUFS (ITU-R BS.1770); louder tracks turned down; quieter ones turned up only as
 *   far as 1 dB of true-peak headroom allows (support.spotify.com/us/artists/article/
 *   loudness-normalization: "a track at −20 LUFS with a true peak of −5 dBFS is lifted only to
 *   −16 LUFS").
 * - Apple Music: −16 LUFS (Sound Check), turns quiet songs up as well.
 * - YouTube, Amazon Music and Tidal: −14 LUFS; YouTube and Tidal only turn loud songs down.
 * - Deezer: −15 LUFS.
 *   (andres.audio/tools/loudness-targets; aimastering.tech/blog/mastering-for-streaming-platforms)
 * Services change these without notice and listeners can switch normalisation off: a preview, not
 * a promise.
 *
 * @module
 */
import type { PlatformPreview } from "../reports.ts";

interface Platform {
  platform: string;
  target_lufs: number;
  turns_up: boolean;
}

export const PLATFORMS: readonly Platform[] = [
  { platform: "Spotify", target_lufs: -14, turns_up: true },
  { platform: "Apple Music", target_lufs: -16, turns_up: true },
  { platform: "YouTube", target_lufs: -14, turns_up: false },
  { platform: "Amazon Music", target_lufs: -14, turns_up: true },
  { platform: "Tidal", target_lufs: -14, turns_up: false },
  { platform: "Deezer", target_lufs: -15, turns_up: true },
];

/**
 * The change (dB) each platform applies to a master of `integratedLufs`: down to its target when
 * louder; up to it when quieter, if it turns songs up at all (Spotify: up to the −1 dBTP
 * headroom, which `truePeakDbtp`, when given, bounds). Silence (null) is left as it is.
 */
export function platformPreview(
  integratedLufs: number | null,
  truePeakDbtp: number | null = null,
): PlatformPreview[] {
  return PLATFORMS.map((p) => {
    let change = integratedLufs === null ? 0 : p.target_lufs - integratedLufs;
    if (change > 0 && !p.turns_up) change = 0;
    if (change > 0 && p.platform === "Spotify" && truePeakDbtp !== null) {
      change = Math.max(0, Math.min(change, -1 - truePeakDbtp));
    }
    return { ...p, change_db: Math.round(change * 10) / 10 };
  });
}
