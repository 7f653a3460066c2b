/**
 * Embedded realtime hub: Postgres NOTIFY on channel 'realtime' (sent by the bootstrap's
 * `realtime.send`) fanned out in this process to subscribers by topic; the SSE route
 * (`sse.ts`) carries it to browsers. On Supabase, Supabase Realtime does this job instead.
 *
 * @example
 * ```ts
 * const hub = await createEmbeddedRealtime(db);
 * if (await hub.authorize(claims, `user:${claims.sub}`)) {
 *   const stop = hub.subscribe(`user:${claims.sub}`, (e) => console.log(e.event, e.payload));
 * }
 * ```
 * @module
 */
import { z } from "zod";
import type { Claims, Db } from "../db/mod.ts";
import type { RealtimeEvent, RealtimeHub } from "./port.ts";
import { Uuid } from "../../shared/schemas.ts";

/** What `realtime.send` notifies: the message itself, or only its id when it was too big. */
const Notice = z.object({
  topic: z.string(),
  event: z.string(),
  payload: z.record(z.string(), z.unknown()).nullish(),
  private: z.boolean().nullish(),
  message_id: Uuid().optional(),
});

/** Thrown to end the authorisation transaction, so that the probe row is rolled back. */
class Verdict {
  constructor(readonly allowed: boolean) {}
}

// Exactly what `asUser` sets (role and claims), plus the topic the policies read through
// realtime.topic(), in one round trip; all three are transaction-local.
const ACT_AS = `select set_config('role', $1, true), set_config('request.jwt.claims', $2, true),
  set_config('realtime.topic', $3, true)`;

/**
 * Starts listening (one LISTEN for the whole process) and returns the hub. Async so that no
 * event sent after it resolves can be missed.
 */
export async function createEmbeddedRealtime(db: Db): Promise<RealtimeHub> {
  const subscribers = new Map<string, Set<(e: RealtimeEvent) => void>>();
  // Notices are handled one after another: a big message fetched by id must not be overtaken by
  // a small one sent after it.
  let queue: Promise<void> = Promise.resolve();
  let closed: Promise<void> | null = null;
  const closeListeners = new Set<() => void>();

  async function handle(raw: string): Promise<void> {
    let notice: z.infer<typeof Notice>;
    try {
      notice = Notice.parse(JSON.parse(raw));
    } catch {
      console.warn("realtime: ignoring a malformed notification");
      return;
    }
    // Subscribed topics are at most 255 characters (sse.ts), so the truncated topic of an
    // id-only notice still names its subscribers exactly.
    if (!subscribers.has(notice.topic)) return;
    let event: RealtimeEvent = {
      topic: notice.topic,
      event: notice.event,
      payload: notice.payload ?? {},
    };
    if (notice.message_id) {
      // Reading the stored message back is bookkeeping, so it runs as the owner; who may see the
      // topic was decided by `authorize` before anyone subscribed.
      const [row] = await db.driver.query<RealtimeEvent>(
        "select topic, event, coalesce(payload, '{}'::jsonb) as payload from realtime.messages where id = $1",
        [notice.message_id],
      );
      if (!row) return;
      event = row;
    }
    deliver(event);
  }

  function deliver(event: RealtimeEvent): void {
    for (const cb of subscribers.get(event.topic) ?? []) {
      try {
        cb(event);
      } catch (e) {
        // One broken subscriber must not starve the others.
        console.error("realtime: a subscriber threw", e);
      }
    }
  }

  const unlisten = await db.driver.listen("realtime", (raw) => {
    queue = queue.then(() => handle(raw)).catch((e) => {
      if (closed === null) console.error("realtime: failed to deliver a message", e);
    });
  });

  return {
    /**
     * Asks RLS, as Supabase Realtime does for a private channel: within one transaction the owner
     * inserts a probe message on `topic`, then the transaction switches to the caller's role and
     * claims with `realtime.topic` set, and selects the probe back. Visible means allowed. The
     * transaction always ends by throwing, so the probe is never committed.
     */
    async authorize(claims: Claims, topic: string): Promise<boolean> {
      const role = claims.role === "authenticated" ? "authenticated" : "anon";
      try {
        await db.driver.transaction(async (tx) => {
          const [probe] = await tx.query<{ id: string }>(
            "insert into realtime.messages (topic, extension, private) values ($1, 'broadcast', true) returning id",
            [topic],
          );
          await tx.query(ACT_AS, [role, JSON.stringify(claims), topic]);
          const seen = await tx.query(
            "select 1 from realtime.messages where id = $1 and topic = $2",
            [probe.id, topic],
          );
          throw new Verdict(seen.length > 0);
        });
      } catch (e) {
        if (e instanceof Verdict) return e.allowed;
        throw e;
      }
      throw new Error("unreachable: the authorisation transaction always throws a Verdict");
    },

    subscribe(topic, onEvent) {
      let set = subscribers.get(topic);
      if (!set) subscribers.set(topic, set = new Set());
      set.add(onEvent);
      return () => {
        set.delete(onEvent);
        if (set.size === 0 && subscribers.get(topic) === set) subscribers.delete(topic);
      };
    },

    publish(event) {
      if (closed === null) deliver(event);
    },

    onClose(cb) {
      closeListeners.add(cb);
      return () => closeListeners.delete(cb);
    },

    close() {
      closed ??= (async () => {
        for (const cb of [...closeListeners]) cb();
        closeListeners.clear();
        subscribers.clear();
        await unlisten();
        await queue;
      })();
      return closed;
    },
  };
}
