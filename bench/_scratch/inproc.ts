// Scratch: sequential in-process GET /profile for N seconds (for --cpu-prof), with optional stubbed DB.
import { startTestApp } from "../../tests/_helpers/app.ts";
import { createServer } from "../../lib/server.ts";
const app = await startTestApp({ WORKER: "off" });
const s = await app.platform.auth.signUp({ email: "x@example.com", password: "pw-123456789", metadata: { display_name: "X" } });
const server = await createServer(app.platform);
const cookie = `sc-access=${s.accessToken}; sc-csrf=benchcsrftoken0123456789abcdef`;
const path = Deno.env.get("P") ?? "/profile";
if (Deno.env.get("STUB")) {
  const row = await app.platform.db.asUser((await app.platform.auth.verify(s.accessToken))!, (tx) => import("../../lib/profiles/mod.ts").then((m) => m.getOwnProfile(tx)));
  (app.platform.db as any).asUser = async () => row;
}
const go = async () => { const r = await server.fetch(new Request("http://127.0.0.1" + path, { headers: { cookie } })); if (r.status !== 200) throw new Error(String(r.status)); await r.text(); };
for (let i = 0; i < 200; i++) await go();
const mark = performance.now();
console.log("start-mark-ms", Math.round(performance.timeOrigin + mark));
let n = 0;
while (performance.now() - mark < 4000) { await go(); n++; }
console.log(path, Deno.env.get("STUB") ? "stubbed db" : "real db", (4000 / n).toFixed(3), "ms/req", (n / 4).toFixed(0), "req/s");
await app.close();
