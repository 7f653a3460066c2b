/**
 * Realtime port. The database broadcasts with `realtime.send(payload, event, topic, private)`
 * (a Supabase function; the embedded bootstrap provides one that NOTIFYs channel 'realtime').
 * A user may receive a topic only if RLS on `realtime.messages` lets them select it with
 * `realtime.topic()` set to that topic, as Supabase Realtime authorises private channels.
 */
import type { Claims } from "../db/mod.ts";

export interface RealtimeEvent {
  topic: string;
  event: string;
  payload: Record<string, unknown>;
}

/** Server side of the embedded adapter: one SSE stream per signed-in user. */
export interface RealtimeHub {
  /** True when RLS on realtime.messages lets `claims` receive `topic`. */
  authorize(claims: Claims, topic: string): Promise<boolean>;
  /** Delivers every event on `topic` to `onEvent` until the returned function is called. */
  subscribe(topic: string, onEvent: (e: RealtimeEvent) => void): () => void;
  /**
   * Delivers `e` to this process's subscribers of its topic without touching the database:
   * ephemeral signals (typing) that must never be stored. The caller authorises the sender.
   */
  publish(e: RealtimeEvent): void;
  /** Calls `cb` once when the hub closes (streams end then, so clients reconnect elsewhere). */
  onClose(cb: () => void): () => void;
  /** Stops delivering; idempotent. */
  close(): Promise<void>;
}
