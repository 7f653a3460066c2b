/**
 * Realtime on Supabase needs no server piece of ours. The same migrations run on both platforms:
 * a trigger calls `realtime.send(payload, event, 'user:<id>', true)`, which on Supabase stores a
 * broadcast in `realtime.messages` that Supabase Realtime delivers to the private channel
 * `user:<id>`. A browser may join that channel only if RLS on `realtime.messages` lets its token
 * select the topic (policy "Users receive their own channel"), so nothing here decides access.
 *
 * The browser joins with `lib/browser/realtime.ts`, using the user's access token from
 * `GET /auth/v1/realtime-token`. For private-only channels, turn off "Allow public access" in the
 * project's Realtime settings (`[realtime]` in supabase/config.toml for local stacks).
 *
 * What this module does provide is the page's side of the choice between the two platforms: the
 * `<meta name="sc-realtime">` attributes that `client.ts` reads.
 *
 * @example
 * ```tsx
 * <meta {...realtimeMeta(realtimeClientConfig(config))} />
 * ```
 * @module
 */
import { type Config, isSupabase } from "../../platform/config.ts";
import type { RealtimeClientConfig } from "../../browser/realtime.ts";

/** Which realtime transport the browser should use. Only public values (URL, anon key) go in. */
export function realtimeClientConfig(config: Config): RealtimeClientConfig {
  if (isSupabase(config) && config.SUPABASE_URL && config.SUPABASE_ANON_KEY) {
    return { mode: "supabase", url: config.SUPABASE_URL, anonKey: config.SUPABASE_ANON_KEY };
  }
  return { mode: "embedded" };
}

/** Attributes of the `<meta name="sc-realtime">` element that carries `cfg` to the page. */
export function realtimeMeta(cfg: RealtimeClientConfig): Record<string, string> {
  if (cfg.mode === "embedded") return { name: "sc-realtime", content: "embedded" };
  return {
    name: "sc-realtime",
    content: "supabase",
    "data-url": cfg.url,
    "data-anon-key": cfg.anonKey,
  };
}
