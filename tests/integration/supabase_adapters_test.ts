/**
 * The Supabase adapters driven through the real supabase-js against small fakes on 127.0.0.1:
 * a Storage endpoint (hono) and a Realtime websocket speaking Phoenix protocol 2.0.0.
 */
import { Hono } from "hono";
import { assert, assertEquals } from "../_helpers/assert.ts";
import { createSupabaseStorage } from "../../lib/ports/storage/supabase.ts";
import { type Caller, StorageError } from "../../lib/ports/storage/port.ts";
import {
  configureRealtime,
  disconnectRealtime,
  onStatus,
  type Payload,
  subscribe,
} from "../../lib/browser/realtime.ts";

const ANON_KEY = "anon-key-for-tests";
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const alice = { id: crypto.randomUUID(), token: "token-alice" };
const bob = { id: crypto.randomUUID(), token: "token-bob" };
const callerOf = (u: typeof alice): Caller => ({
  claims: { sub: u.id, role: "authenticated" },
  accessToken: u.token,
});

/** Polls `probe` every 10 ms until it returns something other than undefined. */
async function eventually<T>(probe: () => T | undefined, ms = 3000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function status(fn: () => Promise<unknown>): Promise<number | "ok"> {
  return await fn().then(() => "ok" as const, (e) => {
    if (e instanceof StorageError) return e.status;
    throw e;
  });
}

/** Supabase Storage's behaviour in miniature: users write under their own id only. */
function fakeStorage() {
  const objects = new Map<string, { body: Uint8Array; type: string }>();
  const requests: { method: string; path: string; auth?: string; apikey?: string }[] = [];
  const users = new Map([[`Bearer ${alice.token}`, alice.id], [`Bearer ${bob.token}`, bob.id]]);
  // Older Storage servers answer HTTP 400 and put the real status in the body, as here for 403/404.
  const fail = (http: number, statusCode: string, error: string, message: string) =>
    Response.json({ statusCode, error, message }, { status: http });
  const app = new Hono();
  app.use(async (c, next) => {
    requests.push({
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      auth: c.req.header("authorization"),
      apikey: c.req.header("apikey"),
    });
    await next();
  });
  app.post("/storage/v1/object/:bucket/:name{.+}", async (c) => {
    const user = users.get(c.req.header("authorization") ?? "");
    const key = `${c.req.param("bucket")}/${c.req.param("name")}`;
    if (!user || !c.req.param("name").startsWith(`${user}/`)) {
      return fail(400, "403", "Unauthorized", "new row violates row-level security policy");
    }
    if (objects.has(key) && c.req.header("x-upsert") !== "true") {
      return fail(409, "409", "Duplicate", "The resource already exists");
    }
    const body = new Uint8Array(await c.req.arrayBuffer());
    if (body.byteLength > 64) return fail(413, "413", "Payload too large", "too large");
    objects.set(key, { body, type: c.req.header("content-type") ?? "" });
    return c.json({ Key: key, Id: crypto.randomUUID() });
  });
  app.get("/storage/v1/object/:bucket/:name{.+}", (c) => {
    const obj = objects.get(`${c.req.param("bucket")}/${c.req.param("name")}`);
    if (!obj) return fail(400, "404", "not_found", "Object not found");
    return new Response(obj.body as BodyInit, {
      headers: { "content-type": obj.type, "last-modified": "Tue, 01 Dec 2026 10:00:00 GMT" },
    });
  });
  app.delete("/storage/v1/object/:bucket", async (c) => {
    const user = users.get(c.req.header("authorization") ?? "");
    const { prefixes } = await c.req.json<{ prefixes: string[] }>();
    const gone = prefixes.filter((p) => user && p.startsWith(`${user}/`))
      .filter((p) => objects.delete(`${c.req.param("bucket")}/${p}`));
    return c.json(gone.map((name) => ({ name })));
  });
  return { app, objects, requests };
}

Deno.test("Supabase storage adapter - talks to Storage as the caller", async () => {
  const fake = fakeStorage();
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, fake.app.fetch);
  const url = `http://127.0.0.1:${server.addr.port}`;
  try {
    const storage = createSupabaseStorage({ url, anonKey: ANON_KEY });
    const a = callerOf(alice);
    const b = callerOf(bob);
    const name = `${alice.id}/avatar.png`;

    assertEquals(await storage.upload(a, "avatars", name, PNG, "image/png"), { path: name });
    const up = fake.requests.at(-1)!;
    assertEquals(up, {
      method: "POST",
      path: `/storage/v1/object/avatars/${name}`,
      auth: `Bearer ${alice.token}`,
      apikey: ANON_KEY,
    });
    assertEquals(fake.objects.get(`avatars/${name}`)?.type, "image/png");

    assertEquals(await status(() => storage.upload(a, "avatars", name, PNG, "image/png")), 409);
    assertEquals(
      await status(() => storage.upload(a, "avatars", name, PNG, "image/png", { upsert: true })),
      "ok",
    );
    assertEquals(await status(() => storage.upload(b, "avatars", name, PNG, "image/png")), 403);
    const big = new Uint8Array(100);
    const bigName = `${alice.id}/big.png`;
    assertEquals(await status(() => storage.upload(a, "avatars", bigName, big, "image/png")), 413);
    assertEquals(
      await status(() => storage.upload(a, "avatars", "../x.png", PNG, "image/png")),
      400,
    );

    const got = await storage.download({ claims: { role: "anon" } }, "avatars", name);
    assertEquals(got?.body, PNG);
    assertEquals(got?.contentType, "image/png");
    assertEquals(got?.updatedAt.toISOString(), "2026-12-01T10:00:00.000Z");
    assertEquals(fake.requests.at(-1)!.auth, `Bearer ${ANON_KEY}`, "anonymous: the anon key");
    assertEquals(await storage.download(a, "avatars", `${alice.id}/nope.png`), null);

    assertEquals(await storage.remove(b, "avatars", name), false);
    assertEquals(await storage.remove(a, "avatars", name), true);
    assertEquals(fake.objects.size, 0);
    assertEquals(
      storage.publicUrl("avatars", name),
      `${url}/storage/v1/object/public/avatars/${name}`,
    );
  } finally {
    await server.shutdown();
  }
});

/** A JWT-shaped token (unsigned: the fake only compares it) expiring in an hour. */
function fakeJwt(sub: string): string {
  const b64 = (v: unknown) => btoa(JSON.stringify(v)).replace(/=+$/, "");
  return `${b64({ alg: "none" })}.${b64({ sub, exp: Math.floor(Date.now() / 1000) + 3600 })}.x`;
}

Deno.test("realtime client, Supabase mode - joins a private channel with the user's token", async () => {
  const token = fakeJwt(alice.id);
  const topic = `user:${alice.id}`;
  const joins: { topic: string; payload: Record<string, unknown>; query: string }[] = [];
  const sockets: WebSocket[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    const url = new URL(req.url);
    if (url.pathname === "/auth/v1/realtime-token") return Response.json({ access_token: token });
    if (url.pathname !== "/realtime/v1/websocket") {
      return new Response("not found", { status: 404 });
    }
    const { socket, response } = Deno.upgradeWebSocket(req);
    sockets.push(socket);
    socket.onmessage = (e) => {
      // Protocol 2.0.0 frames are arrays: [join_ref, ref, topic, event, payload].
      const [joinRef, ref, t, event, payload] = JSON.parse(e.data as string);
      const reply = (p: unknown) => socket.send(JSON.stringify([joinRef, ref, t, "phx_reply", p]));
      if (event === "phx_join") {
        joins.push({ topic: t, payload, query: url.search });
        reply({ status: "ok", response: {} });
        const push = { type: "broadcast", event: "notification", payload: { title: "Booked!" } };
        socket.send(JSON.stringify([null, null, t, "broadcast", push]));
        const other = { type: "broadcast", event: "other", payload: { title: "ignored" } };
        socket.send(JSON.stringify([null, null, t, "broadcast", other]));
      } else {
        reply({ status: "ok", response: {} }); // heartbeat, phx_leave, access_token
      }
    };
    return response;
  });
  const base = `http://127.0.0.1:${server.addr.port}`;
  const got: Payload[] = [];
  const statuses: string[] = [];
  try {
    configureRealtime({
      mode: "supabase",
      url: base,
      anonKey: ANON_KEY,
      tokenUrl: `${base}/auth/v1/realtime-token`,
    });
    const stopStatus = onStatus((s) => statuses.push(s));
    const stop = subscribe(topic, "notification", (p) => got.push(p));
    assertEquals((await eventually(() => got[0])).title, "Booked!");
    await eventually(() => statuses.at(-1) === "connected" || undefined);

    assertEquals(joins.length, 1);
    assertEquals(joins[0].topic, `realtime:${topic}`);
    const config = joins[0].payload.config as Record<string, unknown>;
    assertEquals(config.private, true);
    assertEquals(joins[0].payload.access_token, token);
    assert(joins[0].query.includes(`apikey=${ANON_KEY}`), joins[0].query);
    assertEquals(got.length, 1, "only the subscribed event is delivered");
    stop();
    stopStatus();
  } finally {
    await disconnectRealtime();
    for (const s of sockets) if (s.readyState === WebSocket.OPEN) s.close();
    await server.shutdown();
  }
});
