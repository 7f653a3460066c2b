/**
 * Realtime on Supabase needs no server piece of ours. The same migrations run on both platforms:
 * a trigger calls `realtime.send(payload, event, 'user:<id>', true)`, which on Supabase stores a
 * broadcast in `realtime.messages` that Supabase Realtime delivers to the private channel
 * `user:<id>`. A browser may join that channel only if RLS on `realtime.messages` lets its token
 * select the topic (policy "Users receive their own channel"), so nothing here decides access.
 *
 * The browser joins with `lib/browser/realtime.ts`, using the user's access token from
 * `GET /auth/v1/realtime-token`. It joins private channels only, so RLS always decides; "Allow
 * public access" (off in a hosted project's Realtime settings) only concerns public channels, and
 * supabase/config.toml has no such setting for local stacks (`[realtime]` has `enabled`,
 * `ip_version`, `max_header_length`).
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
import { type Config, isSupabase, supabasePublicUrl } from "../../platform/config.ts";
import type { RealtimeClientConfig } from "../../browser/realtime.ts";

/**
 * Which realtime transport the browser should use. Only public values go in: the URL browsers
 * reach Supabase at (SUPABASE_PUBLIC_URL when set) and the publishable or anon key.
 */
export function realtimeClientConfig(config: Config): RealtimeClientConfig {
  const url = supabasePublicUrl(config);
  if (isSupabase(config) && url && config.SUPABASE_ANON_KEY) {
    return { mode: "supabase", url, anonKey: config.SUPABASE_ANON_KEY };
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
