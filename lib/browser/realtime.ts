/**
 * Browser side of realtime, one API for both platforms (imported by islands: browser-safe, no
 * Deno APIs, bare imports only). The page says which platform it runs on:
 *
 * ```html
 * <meta name="sc-realtime" content="embedded">
 * <meta name="sc-realtime" content="supabase" data-url="https://x.supabase.co" data-anon-key="…">
 * ```
 *
 * Embedded: one EventSource per page on `/realtime/v1/sse` carrying every subscribed topic,
 * reopened with the union of topics when they change. Supabase: one private Realtime channel per
 * topic, authorised with the user's token from `GET /auth/v1/realtime-token`.
 *
 * @example
 * ```ts
 * const stop = subscribe(`user:${userId}`, "notification", (n) => addToBell(n));
 * const stopStatus = onStatus((s) => setLive(s === "connected"));
 * ```
 * @module
 */
import type { RealtimeChannel, SupabaseClient } from "@supabase/supabase-js";

export type RealtimeClientConfig =
  | { mode: "embedded"; sseUrl?: string }
  | { mode: "supabase"; url: string; anonKey: string; tokenUrl?: string };

/** `idle`: nothing subscribed; `reconnecting`: subscribed but not (yet) receiving. */
export type RealtimeStatus = "idle" | "connecting" | "connected" | "reconnecting";

export type Payload = Record<string, unknown>;

interface Transport {
  /** Makes the connection carry exactly `topics`. */
  sync(topics: string[]): void;
  close(): Promise<void>;
}

const handlers = new Map<string, Map<string, Set<(p: Payload) => void>>>();
const statusListeners = new Set<(s: RealtimeStatus) => void>();
let status: RealtimeStatus = "idle";
let config: RealtimeClientConfig | null = null;
let transport: Transport | null = null;

/** Reads the platform from `<meta name="sc-realtime">`; embedded when the page says nothing. */
export function readRealtimeConfig(doc: Document = document): RealtimeClientConfig {
  const meta = doc.querySelector<HTMLMetaElement>('meta[name="sc-realtime"]');
  const url = meta?.dataset.url;
  const anonKey = meta?.dataset.anonKey;
  if (meta?.content === "supabase" && url && anonKey) return { mode: "supabase", url, anonKey };
  return { mode: "embedded" };
}

/** Sets the platform explicitly (tests, or pages without the meta tag); reconnects if needed. */
export function configureRealtime(next: RealtimeClientConfig): void {
  config = next;
  if (transport) {
    const old = transport;
    transport = null;
    void old.close();
    sync();
  }
}

/**
 * Calls `onPayload` with the payload of every `event` broadcast on `topic` until the returned
 * function is called (or `opts.signal` aborts).
 */
export function subscribe(
  topic: string,
  event: string,
  onPayload: (payload: Payload) => void,
  opts: { signal?: AbortSignal } = {},
): () => void {
  let events = handlers.get(topic);
  if (!events) handlers.set(topic, events = new Map());
  let set = events.get(event);
  if (!set) events.set(event, set = new Set());
  const cb = (p: Payload) => onPayload(p); // a fresh identity: the same function may subscribe twice
  set.add(cb);
  sync();
  let active = true;
  const unsubscribe = () => {
    if (!active) return;
    active = false;
    set.delete(cb);
    if (set.size === 0) events.delete(event);
    if (events.size === 0) handlers.delete(topic);
    opts.signal?.removeEventListener("abort", unsubscribe);
    sync();
  };
  opts.signal?.addEventListener("abort", unsubscribe);
  return unsubscribe;
}

/** Calls `cb` with the connection status now and on every change; returns the unsubscribe. */
export function onStatus(cb: (s: RealtimeStatus) => void): () => void {
  statusListeners.add(cb);
  cb(status);
  return () => statusListeners.delete(cb);
}

/** Closes the connection and forgets every subscription (page teardown, tests). */
/**
 * Follows a job's topic for a live page: `progress` for each progress event, `live` with whether
 * the connection is open, and `refresh` whenever it (re)opens, since events sent before that are
 * gone. The stop function is the effect's cleanup.
 */
export function followTopic(
  topic: string,
  on: { progress(payload: Payload): void; refresh(): void; live(connected: boolean): void },
): () => void {
  const stops = [
    subscribe(topic, "progress", on.progress),
    onStatus((s) => {
      on.live(s === "connected");
      if (s === "connected") on.refresh();
    }),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}

export async function disconnectRealtime(): Promise<void> {
  handlers.clear();
  const old = transport;
  transport = null;
  await old?.close();
  setStatus("idle");
}

function setStatus(next: RealtimeStatus): void {
  if (next === status) return;
  status = next;
  for (const cb of statusListeners) cb(next);
}

function dispatch(topic: string, event: string, payload: Payload): void {
  for (const cb of handlers.get(topic)?.get(event) ?? []) {
    try {
      cb(payload);
    } catch (e) {
      console.error("realtime: a handler threw", e);
    }
  }
}

function sync(): void {
  const topics = [...handlers.keys()].sort();
  if (!transport && topics.length === 0) return;
  config ??= readRealtimeConfig();
  transport ??= config.mode === "supabase" ? supabaseTransport(config) : embeddedTransport(config);
  transport.sync(topics);
}

function embeddedTransport(cfg: { sseUrl?: string }): Transport {
  const base = cfg.sseUrl ?? "/realtime/v1/sse";
  let source: EventSource | null = null;
  let openFor = "";
  let wanted: string[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  const listened = new Set<string>();

  const onFrame = (e: MessageEvent<string>) => {
    const frame = JSON.parse(e.data) as { topic: string; event: string; payload: Payload };
    dispatch(frame.topic, frame.event, frame.payload ?? {});
  };
  // EventSource delivers named events only to listeners for that name.
  const listenAll = () => {
    for (const events of handlers.values()) {
      for (const name of events.keys()) {
        if (source && !listened.has(name)) {
          source.addEventListener(name, onFrame as EventListener);
          listened.add(name);
        }
      }
    }
  };
  const open = () => {
    timer = undefined;
    source?.close();
    listened.clear();
    openFor = wanted.join("\n");
    if (wanted.length === 0) {
      source = null;
      return setStatus("idle");
    }
    const qs = new URLSearchParams(wanted.map((t) => ["topic", t]));
    const es = source = new EventSource(`${base}?${qs}`);
    setStatus(failures ? "reconnecting" : "connecting");
    es.onopen = () => {
      failures = 0;
      setStatus("connected");
    };
    es.onerror = () => {
      setStatus("reconnecting");
      // CLOSED means the browser gave up (a 401/403 or a non-stream answer): retry ourselves,
      // backing off, since a refreshed session may succeed. CONNECTING retries on its own.
      if (es.readyState === EventSource.CLOSED && source === es) {
        failures++;
        timer = setTimeout(open, Math.min(30_000, 2_000 * 2 ** (failures - 1)));
      }
    };
    listenAll();
  };
  return {
    sync(topics) {
      wanted = topics;
      listenAll();
      // Coalesce the burst of subscribe calls a page makes while rendering into one reopen.
      if (topics.join("\n") !== openFor && timer === undefined) timer = setTimeout(open, 0);
    },
    close() {
      clearTimeout(timer);
      source?.close();
      source = null;
      return Promise.resolve();
    },
  };
}

function supabaseTransport(cfg: { url: string; anonKey: string; tokenUrl?: string }): Transport {
  const token = tokenSource(cfg.tokenUrl ?? "/auth/v1/realtime-token");
  // Loaded on demand so that pages on the embedded platform never download supabase-js.
  // The `accessToken` option (rather than realtime.setAuth) keeps supabase-js from swapping our
  // token for the anon key on its heartbeat refresh, which would drop the private channels.
  const client: Promise<SupabaseClient> = import("@supabase/supabase-js").then(async (m) => {
    const sb = m.createClient(cfg.url, cfg.anonKey, { accessToken: token });
    // A channel's join carries the token known when it subscribes: have it before the first one,
    // or the private join is refused and only succeeds on a later rejoin.
    await sb.realtime.setAuth();
    return sb;
  });
  const channels = new Map<string, RealtimeChannel>();
  const states = new Map<string, string>();
  const report = () => {
    if (channels.size === 0) return setStatus("idle");
    const all = [...channels.keys()].map((t) => states.get(t));
    setStatus(all.every((s) => s === "SUBSCRIBED") ? "connected" : "reconnecting");
  };
  let chain = Promise.resolve();
  return {
    sync(topics) {
      chain = chain.then(async () => {
        const sb = await client;
        for (const [topic, ch] of channels) {
          if (topics.includes(topic)) continue;
          channels.delete(topic);
          states.delete(topic);
          await sb.removeChannel(ch);
        }
        for (const topic of topics) {
          if (channels.has(topic)) continue;
          const ch = sb.channel(topic, { config: { private: true } })
            .on("broadcast", { event: "*" }, (m) => dispatch(topic, m.event, m.payload ?? {}));
          channels.set(topic, ch);
          ch.subscribe((s) => {
            states.set(topic, s);
            report();
          });
        }
        report();
      }).catch((e) => console.error("realtime: could not update channels", e));
    },
    async close() {
      await chain;
      const sb = await client;
      await sb.removeAllChannels();
      await sb.realtime.disconnect();
      channels.clear();
    },
  };
}

/** Fetches the user's access token, cached until a minute before it expires. */
function tokenSource(url: string): () => Promise<string | null> {
  let cached: { token: string; expiresAt: number } | null = null;
  let inflight: Promise<string | null> | null = null;
  const fetchToken = async () => {
    const res = await fetch(url, {
      credentials: "same-origin",
      headers: { accept: "application/json" },
    });
    if (!res.ok) {
      await res.body?.cancel();
      return null; // signed out: supabase-js falls back to the anon key and private joins fail
    }
    const { access_token } = await res.json() as { access_token: string };
    cached = { token: access_token, expiresAt: jwtExpiry(access_token) };
    return access_token;
  };
  return () => {
    if (cached && cached.expiresAt - 60_000 > Date.now()) return Promise.resolve(cached.token);
    inflight ??= fetchToken().finally(() => inflight = null);
    return inflight;
  };
}

/** The token's `exp` in milliseconds (0 when unreadable, so it is fetched again next time). */
function jwtExpiry(jwt: string): number {
  try {
    const part = jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const { exp } = JSON.parse(atob(part.padEnd(Math.ceil(part.length / 4) * 4, "="))) as {
      exp?: number;
    };
    return typeof exp === "number" ? exp * 1000 : 0;
  } catch {
    return 0;
  }
}
