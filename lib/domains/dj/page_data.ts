/**
 * What the DJ pages need besides a run: the Spotify connection as shown to the user and the
 * example prompts. Server-only.
 *
 * @module
 */
import { safeRedirect } from "../../web/redirect.ts";
import type { Platform } from "../../platform/mod.ts";
import { type BrokenReason, connectionStatus } from "../../ports/spotify/connection.ts";
import { djDeps } from "./service.ts";

export interface SpotifyView {
  configured: boolean;
  status: "active" | "broken" | null;
  display_name: string | null;
  /** Why a broken connection broke; permissions a working one lacks (DjSpotifyCard words it). */
  broken_reason?: BrokenReason | null;
  missing_scopes?: string[];
}

export async function spotifyView(platform: Platform, userId: string): Promise<SpotifyView> {
  const deps = await djDeps(platform);
  if (!deps.spotify) return { configured: false, status: null, display_name: null };
  const c = await connectionStatus(platform.db, userId);
  return {
    configured: true,
    status: c?.status ?? null,
    display_name: c?.display_name ?? null,
    broken_reason: c?.broken_reason ?? null,
    missing_scopes: c?.missing_scopes ?? [],
  };
}

export const EXAMPLES = [
  { label: "Music for studying", prompt: "Music for studying", lang: "en" },
  {
    label: "Música para relajarse estudiando",
    prompt: "música para relajarse estudiando",
    lang: "es",
  },
  { label: "Energetic workout music", prompt: "energetic workout music", lang: "en" },
  { label: "Música animada para treinar", prompt: "música animada para treinar", lang: "pt" },
  { label: "Musique calme pour dormir", prompt: "musique calme pour dormir", lang: "fr" },
  { label: "Gute Laune für den Roadtrip", prompt: "gute Laune für den Roadtrip", lang: "de" },
  { label: "Jazz for a dinner party", prompt: "jazz for a dinner party", lang: "en" },
];

/** A same-site path under /dj to come back to, else /dj. */
export function safeNext(raw: string | null | undefined): string {
  const path = safeRedirect(raw, "/dj");
  return /^\/dj(?:[/?#]|$)/.test(path) ? path : "/dj";
}
