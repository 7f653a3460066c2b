/**
 * The player's play head for other islands (the loudness meter): islands are separate roots, so
 * the player announces each change as a window event, and the last one per player is kept here
 * (one shared chunk in the bundle) so an island that hydrates later starts in step.
 *
 * Browser-safe and import-free.
 *
 * @module
 */

export interface Playhead {
  /** Seconds. */
  at: number;
  playing: boolean;
  /** The A/B pair's version heard (0: A, 1: B); null for a single song. */
  version: 0 | 1 | null;
  /** The loudness matching's gain on the version heard (dB, 0 or less). */
  gainDb: number;
}

export const PLAYHEAD_EVENT = "soundcheck:playhead";
const last = new Map<string, Playhead>();

/** Tells the page where the player `player` (its id) is. */
export function announcePlayhead(player: string, p: Playhead): void {
  last.set(player, p);
  globalThis.dispatchEvent(new CustomEvent(PLAYHEAD_EVENT, { detail: { player, ...p } }));
}

/** Calls `fn` with the player's last known play head, then with each change; returns the stop. */
export function followPlayhead(player: string, fn: (p: Playhead) => void): () => void {
  const seen = last.get(player);
  if (seen) fn(seen);
  const on = (e: Event) => {
    const d = (e as CustomEvent<Playhead & { player: string }>).detail;
    if (d?.player === player) {
      fn({ at: d.at, playing: d.playing, version: d.version, gainDb: d.gainDb });
    }
  };
  globalThis.addEventListener(PLAYHEAD_EVENT, on);
  return () => globalThis.removeEventListener(PLAYHEAD_EVENT, on);
}
