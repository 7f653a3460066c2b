import { Hono } from "hono";
import { createApp } from "./mod.ts";
const app = await createApp({ root: import.meta.dirname + "/testdata", initialState: () => ({ trail: [] }), log: () => {} });
const appLog = await createApp({ root: import.meta.dirname + "/testdata", initialState: () => ({ trail: [] }), log: (e) => JSON.stringify(e) });
const bare = new Hono();
bare.get("/", (c) => c.html("<!DOCTYPE html><html><body><h1>Home</h1></body></html>"));
async function run(name: string, f: (r: Request) => Promise<Response> | Response, path: string, n = 20000) {
  for (let i = 0; i < 2000; i++) await (await f(new Request("http://x" + path))).text();
  const t = performance.now();
  for (let i = 0; i < n; i++) await (await f(new Request("http://x" + path))).text();
  const ms = performance.now() - t;
  console.log(name, path, Math.round(n / ms * 1000), "req/s", (ms / n * 1000).toFixed(1), "µs/req");
}
await run("bare hono", (r) => bare.fetch(r), "/");
await run("ssr page+layouts+mw", (r) => app.fetch(r), "/");
await run("ssr page+layouts+mw (json log stringify)", (r) => appLog.fetch(r), "/");
await run("ssr users/[id] (3 mw, 2 layouts)", (r) => app.fetch(r), "/users/7");
await run("ssr islands page", (r) => app.fetch(r), "/counter");
await run("api json", (r) => app.fetch(r), "/api/echo?q=1");
await run("static", (r) => app.fetch(r), "/favicon.svg");
