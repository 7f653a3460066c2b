/**
 * Picks the music generator: the hosted API when MUSIC_API_URL and MUSIC_API_TOKEN are both set
 * (http.ts, with MUSIC_MODEL), else the offline synthesiser (offline.ts).
 *
 * @module
 */
import { createOfflineMusicGenerator, type Render } from "./offline.ts";
import { createHttpMusicGenerator } from "./http.ts";
import type { MusicGenerator } from "./port.ts";

export type { GenerateOptions, Lyrics, MusicGenerator, MusicRequest, MusicResult } from "./port.ts";

export interface MusicConfig {
  MUSIC_API_URL?: string;
  MUSIC_API_TOKEN?: string;
  MUSIC_MODEL?: string;
}

/** Which adapter `config` selects. */
export function musicAdapter(config: MusicConfig): "http" | "offline" {
  return config.MUSIC_API_URL && config.MUSIC_API_TOKEN ? "http" : "offline";
}

export function createMusicGenerator(config: MusicConfig, render: Render): MusicGenerator {
  if (musicAdapter(config) === "http") {
    return createHttpMusicGenerator({
      baseUrl: config.MUSIC_API_URL!,
      token: config.MUSIC_API_TOKEN!,
      model: config.MUSIC_MODEL ?? "",
    });
  }
  return createOfflineMusicGenerator(render);
}
