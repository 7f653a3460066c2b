/**
 * The `scouting` queue: reading sources (slow: other people's servers, one request per second per
 * host) and acting for people who opted in (auto-apply, auto-shortlist, digests). Each message
 * kind has its own handler; they run outside any transaction and hand back what to commit, so
 * a slow feed never holds the database.
 *
 * @module
 */
import type { Commit, DetachedContext, DetachedHandler } from "../../ports/queue/worker.ts";
import type { JobMessage } from "../../ports/queue/mod.ts";

/** One message kind's work: null when there is nothing to commit. */
export type ScoutKindHandler = (
  message: JobMessage,
  ctx: DetachedContext,
) => Promise<Commit | null>;

/** The queue's handler over every kind's (an unknown kind is an error: it retries, then dead-letters). */
export function scoutingHandler(
  kinds: Record<string, ScoutKindHandler>,
  opts: { concurrency?: number; visibilityTimeout?: number } = {},
): DetachedHandler {
  return {
    detached: true,
    concurrency: opts.concurrency ?? 4,
    visibilityTimeout: opts.visibilityTimeout ?? 120,
    run(message, ctx) {
      const handle = Object.hasOwn(kinds, message.kind) ? kinds[message.kind] : undefined;
      if (!handle) throw new Error(`scouting: unknown kind "${message.kind}"`);
      return handle(message, ctx);
    },
  };
}
