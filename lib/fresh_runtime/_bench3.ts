import { createApp } from "./mod.ts";
const app = await createApp({ root: import.meta.dirname + "/testdata", initialState: () => ({ trail: [] }), log: () => {} });
for (const p of ["/api/echo", "/plain", "/pricing", "/", "/plain", "/api/echo"]) {
  for (let i = 0; i < 3000; i++) await (await app.fetch(new Request("http://x" + p))).text();
  const t = performance.now();
  for (let i = 0; i < 20000; i++) await (await app.fetch(new Request("http://x" + p))).text();
  console.log(p, ((performance.now() - t) / 20000 * 1000).toFixed(1), "µs");
}
