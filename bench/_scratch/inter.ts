// Scratch: interleaved sequential timings: asUser(getOwnProfile) alone, /profile stubbed, /profile real.
import { startTestApp } from "../../tests/_helpers/app.ts";
import { createServer } from "../../lib/server.ts";
import { getOwnProfile } from "../../lib/profiles/mod.ts";
const app = await startTestApp({ WORKER: "off" });
const s = await app.platform.auth.signUp({ email: "x@example.com", password: "pw-123456789", metadata: { display_name: "X" } });
const claims = (await app.platform.auth.verify(s.accessToken))!;
const server = await createServer(app.platform);
const cookie = `sc-access=${s.accessToken}; sc-csrf=benchcsrftoken0123456789abcdef`;
const db = app.platform.db as any;
const realAsUser = db.asUser;
const row = await realAsUser(claims, getOwnProfile);
const stubAsUser = async () => row;
const fetchProfile = async () => { const r = await server.fetch(new Request("http://127.0.0.1/profile", { headers: { cookie } })); await r.text(); };
const cases: Record<string, () => Promise<unknown>> = {
  "asUser(getOwnProfile) alone": () => realAsUser(claims, getOwnProfile),
  "/profile, db stubbed": async () => { db.asUser = stubAsUser; try { await fetchProfile(); } finally { db.asUser = realAsUser; } },
  "/profile, real": fetchProfile,
  "stubbed fetch + separate asUser": async () => { db.asUser = stubAsUser; try { await fetchProfile(); } finally { db.asUser = realAsUser; } await realAsUser(claims, getOwnProfile); },
};
const totals: Record<string, number[]> = {};
for (let round = 0; round < 6; round++) {
  for (const [k, fn] of Object.entries(cases)) {
    for (let i = 0; i < 30; i++) await fn();
    const t0 = performance.now();
    for (let i = 0; i < 300; i++) await fn();
    (totals[k] ??= []).push((performance.now() - t0) / 300);
  }
}
for (const [k, v] of Object.entries(totals)) console.log(k.padEnd(34), v.map((x) => x.toFixed(2)).join(" "), " median", v.sort((a, b) => a - b)[3].toFixed(2));
await app.close();
