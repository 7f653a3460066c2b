/** Embedded realtime (hub, SSE route, browser client) against a migrated in-memory database. */
import { Hono } from "hono";
import { assert, assertEquals } from "../../../tests/_helpers/assert.ts";
import { createUser, freshDb } from "../../../tests/_helpers/db.ts";
import type { Claims, Db } from "../db/mod.ts";
import { createEmbeddedRealtime } from "./embedded.ts";
import type { RealtimeEvent } from "./port.ts";
import { sseRoute } from "./sse.ts";
import {
  configureRealtime,
  disconnectRealtime,
  onStatus,
  subscribe,
} from "../../browser/realtime.ts";

function notify(db: Db, user: string, title: string, body = ""): Promise<unknown> {
  return db.asService((tx) =>
    tx.query(
      "insert into public.notifications (user_id, kind, title, body) values ($1, 'test', $2, $3)",
      [user, title, body],
    )
  );
}

/** Resolves with the first value `probe` returns that is not undefined, polling every 10 ms. */
async function eventually<T>(probe: () => T | undefined, ms = 3000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
}

Deno.test("embedded realtime", async (t) => {
  const { db, driver, close } = await freshDb();
  const hub = await createEmbeddedRealtime(db);
  const a = (await createUser(driver)).claims;
  const b = (await createUser(driver)).claims;

  try {
    await t.step("authorize - a user may receive their own channel only", async () => {
      assertEquals(await hub.authorize(a, `user:${a.sub}`), true);
      assertEquals(await hub.authorize(a, `user:${b.sub}`), false);
      assertEquals(await hub.authorize(b, `user:${b.sub}`), true);
      assertEquals(await hub.authorize(a, "admin"), false);
      const [{ n }] = await db.driver.query<{ n: number }>(
        "select count(*)::int as n from realtime.messages",
      );
      assertEquals(n, 0, "probe rows are rolled back");
    });

    await t.step("a notification for A reaches A's subscriber and not B's", async () => {
      const gotA: RealtimeEvent[] = [];
      const gotB: RealtimeEvent[] = [];
      const stopA = hub.subscribe(`user:${a.sub}`, (e) => gotA.push(e));
      const stopB = hub.subscribe(`user:${b.sub}`, (e) => gotB.push(e));
      await notify(db, a.sub, "Hello A");
      const e = await eventually(() => gotA[0]);
      assertEquals([e.topic, e.event, e.payload.title], [
        `user:${a.sub}`,
        "notification",
        "Hello A",
      ]);
      assertEquals(gotB.length, 0);
      stopA();
      await notify(db, a.sub, "after unsubscribe");
      await notify(db, b.sub, "Hello B");
      await eventually(() => gotB[0]);
      assertEquals(gotA.length, 1, "nothing after unsubscribe");
      stopB();
    });

    await t.step("payloads over the NOTIFY limit arrive whole, in order", async () => {
      const got: RealtimeEvent[] = [];
      const stop = hub.subscribe(`user:${a.sub}`, (e) => got.push(e));
      const big = "é".repeat(6000); // 12 000 bytes: only its id fits in a NOTIFY
      await notify(db, a.sub, "big", big);
      await notify(db, a.sub, "small");
      await eventually(() => got[1]);
      assertEquals(got.map((e) => e.payload.title), ["big", "small"]);
      assertEquals(got[0].payload.body, big);
      stop();
    });

    await t.step("SSE - 401, 400 and 403 before any stream opens", async () => {
      const as = (claims: Claims | null) => {
        const app = new Hono();
        app.get("/realtime/v1/sse", sseRoute({ hub, getClaims: () => claims }));
        return app;
      };
      const cases: [Claims | null, string, number][] = [
        [null, `topic=user:${a.sub}`, 401],
        [a, "", 400],
        [a, "topic=bad%20topic", 400],
        [a, `topic=user:${a.sub}&topic=user:${b.sub}`, 403],
      ];
      for (const [claims, qs, status] of cases) {
        const res = await as(claims).request(`/realtime/v1/sse?${qs}`);
        assertEquals(res.status, status, qs);
        await res.body?.cancel();
      }
    });

    await t.step("SSE - frames reach the browser client; unsubscribe closes", async () => {
      const app = new Hono();
      app.get("/realtime/v1/sse", sseRoute({ hub, getClaims: () => a, heartbeatMs: 50 }));
      const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, app.fetch);
      try {
        configureRealtime({
          mode: "embedded",
          sseUrl: `http://127.0.0.1:${server.addr.port}/realtime/v1/sse`,
        });
        const statuses: string[] = [];
        const stopStatus = onStatus((s) => statuses.push(s));
        const got: Record<string, unknown>[] = [];
        const stop = subscribe(`user:${a.sub}`, "notification", (p) => got.push(p));
        await eventually(() => statuses.includes("connected") || undefined);
        await notify(db, a.sub, "live");
        const p = await eventually(() => got[0]);
        assertEquals(p.title, "live");
        stop();
        await eventually(() => statuses.at(-1) === "idle" || undefined);
        stopStatus();
      } finally {
        await disconnectRealtime();
        await server.shutdown();
      }
    });

    await t.step("SSE - raw stream format: retry, event, data, id", async () => {
      const app = new Hono();
      app.get("/realtime/v1/sse", sseRoute({ hub, getClaims: () => b }));
      const aborter = new AbortController();
      const res = await app.request(`/realtime/v1/sse?topic=user:${b.sub}`, {
        signal: aborter.signal,
      });
      assertEquals(res.headers.get("content-type"), "text/event-stream; charset=utf-8");
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = (await reader.read()).value ?? "";
      assert(text.startsWith("retry: 2000\n"), text);
      await notify(db, b.sub, "framed");
      while (!text.includes("\n\nevent:") || !text.endsWith("\n\n")) {
        text += (await reader.read()).value ?? "";
      }
      const frame = text.slice(text.indexOf("event:"));
      const [event, data, id] = frame.trim().split("\n");
      assertEquals(event, "event: notification");
      assertEquals(JSON.parse(data.slice(6)).payload.title, "framed");
      assertEquals(id, "id: 1");
      await reader.cancel();
      aborter.abort();
    });
  } finally {
    await hub.close();
    await close();
  }
});
