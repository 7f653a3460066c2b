/**
 * Mastering reference presets, one per genre family of the studio's synthesiser, shipped as
 * data (presets_data.ts, made by scripts/master_presets.ts from the synthesiser's own songs:
 * they describe the studio's genres, not commercial masters). Any genre text maps onto its
 * family as the synthesiser maps it ("deep house" → electronic; unknown → pop).
 *
 * @module
 */
import { FAMILIES, type Family, familyOf } from "../synth/genres.ts";
import type { MasterReference } from "../../../audio/master/spectrum.ts";
import { PRESET_DATA, PRESET_HZ } from "./presets_data.ts";

export interface ReferencePreset extends MasterReference {
  /** The loudness the preset's songs were levelled to (typical of the genre). */
  targetLufs: number;
}

export const PRESET_GENRES: readonly Family[] = FAMILIES;

export const REFERENCE_PRESETS: Record<Family, ReferencePreset> = Object.fromEntries(
  FAMILIES.map((f) => {
    const d = PRESET_DATA[f];
    return [f, {
      targetLufs: d.target_lufs,
      loudestRmsDb: d.loudest_rms_db,
      spectrum: { hz: [...PRESET_HZ], mid_db: [...d.mid_db], side_db: [...d.side_db] },
    }];
  }),
) as Record<Family, ReferencePreset>;

/** The preset for a genre's family. */
export function presetFor(genre: string): ReferencePreset {
  return REFERENCE_PRESETS[familyOf(genre)];
}
