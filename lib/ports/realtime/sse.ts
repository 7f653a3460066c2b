/**
 * `GET /realtime/v1/sse?topic=user:<id>&topic=…`: the embedded platform's server → browser push.
 * Every requested topic is authorised through RLS (`hub.authorize`) before the stream opens; the
 * stream then carries `event: <event>` / `data: {"topic","event","payload"}` / `id: <n>` frames,
 * a comment every 15 s so proxies keep it open, and `retry: 2000` for EventSource's reconnects.
 *
 * @example
 * ```ts
 * app.get("/realtime/v1/sse", sseRoute({ hub, getClaims: (c) => c.get("claims") ?? null }));
 * ```
 * @module
 */
import type { Context } from "hono";
import { z } from "zod";
import { errorJson } from "../../fresh_runtime/app_host.ts";
import { HttpError } from "../../web/errors.ts";
import type { Claims } from "../db/mod.ts";
import type { RealtimeEvent, RealtimeHub } from "./port.ts";

export interface SseRouteOptions {
  hub: RealtimeHub;
  /** Verified claims of the signed-in user of this request, or null. */
  getClaims(c: Context): Claims | null | Promise<Claims | null>;
  /** Milliseconds between keep-alive comments; 15 000 unless a test needs it shorter. */
  heartbeatMs?: number;
}

/** Topics as this app names them (`user:<uuid>`, `booking:<uuid>`…); at most 20 per stream. */
export const Topics = z.array(
  z.string().regex(/^[A-Za-z0-9_.:-]{1,255}$/, "Topics are 1-255 letters, digits or _ . : -"),
).min(1, "Ask for at least one topic").max(20, "Ask for at most 20 topics");

// A stream outlives nothing it should not: it ends when the token behind it expires (the browser
// then reconnects with a fresh cookie and is authorised again), and after an hour at most.
const MAX_LIFETIME_MS = 60 * 60 * 1000;

/** Frames queued for one client before its stream is ended. */
const MAX_BACKLOG = 500;

const encoder = new TextEncoder();

const fail = (status: number, message: string, field: string) =>
  errorJson(new HttpError(status, message, { field }));

// One event reaches every subscriber of its topic (both participants of a conversation, say):
// it is serialised once, not once per stream.
const frames = new WeakMap<RealtimeEvent, string>();

/** `event:` and `data:` lines of an SSE frame for `e` (the caller adds `id:` and the blank line). */
function frameOf(e: RealtimeEvent): string {
  let frame = frames.get(e);
  if (frame === undefined) {
    const data = JSON.stringify({ topic: e.topic, event: e.event, payload: e.payload });
    // A newline in an event name would end the frame early: SSE has no escaping.
    frame = `event: ${e.event.replace(/[\r\n]/g, " ")}\ndata: ${data}\n`;
    frames.set(e, frame);
  }
  return frame;
}

/** Builds the hono handler for the SSE endpoint. */
export function sseRoute(opts: SseRouteOptions): (c: Context) => Promise<Response> {
  const { hub, getClaims } = opts;
  const heartbeatMs = opts.heartbeatMs ?? 15_000;

  return async function realtimeSse(c) {
    const claims = await getClaims(c);
    if (!claims) return fail(401, "Sign in to receive live updates", "authorization");
    const parsed = Topics.safeParse([...new Set(c.req.queries("topic") ?? [])]);
    if (!parsed.success) {
      return fail(400, parsed.error.issues[0].message, "topic");
    }
    const topics = parsed.data;
    for (const topic of topics) {
      if (!(await hub.authorize(claims, topic))) {
        return fail(403, `You may not receive ${topic}`, "topic");
      }
    }

    const lifetime = Math.min(
      MAX_LIFETIME_MS,
      claims.exp ? claims.exp * 1000 - Date.now() : MAX_LIFETIME_MS,
    );
    let stop = () => {};
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        let done = false;
        let n = 0;
        const send = (text: string) => {
          // A client this far behind is not reading: end the stream rather than buffer without
          // bound; EventSource reconnects and the page reloads what it shows.
          if ((controller.desiredSize ?? 0) < -MAX_BACKLOG) return stop();
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            stop(); // the stream is already closed
          }
        };
        // Subscribing before the response is returned leaves no window in which an event is lost.
        const unsubscribe = topics.map((topic) =>
          hub.subscribe(topic, (e) => send(`${frameOf(e)}id: ${++n}\n\n`))
        );
        // A closing hub (server shutdown) ends the stream: the browser reconnects and catches up.
        const offClose = hub.onClose(() => stop());
        const heartbeat = setInterval(() => send(": ping\n\n"), heartbeatMs);
        const expiry = setTimeout(() => stop(), Math.max(0, lifetime));
        stop = () => {
          if (done) return;
          done = true;
          clearInterval(heartbeat);
          clearTimeout(expiry);
          for (const u of unsubscribe) u();
          offClose();
          try {
            controller.close();
          } catch {
            // already closed or cancelled by the client
          }
        };
        send("retry: 2000\n: connected\n\n");
      },
      // Deno cancels the body when the client goes away (request.signal would also fire on a
      // normal end, and is deprecated for this), so this is the one cleanup path.
      cancel() {
        stop();
      },
    });
    return new Response(body, {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-store, no-transform",
        "x-accel-buffering": "no", // nginx would otherwise buffer the stream
      },
    });
  };
}
