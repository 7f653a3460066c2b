// Scratch: sequential in-process cost of each phase of GET /profile (no HTTP, no concurrency).
import { startTestApp } from "../../tests/_helpers/app.ts";
import { createServer } from "../../lib/server.ts";
import { getOwnProfile } from "../../lib/profiles/mod.ts";
const app = await startTestApp({ WORKER: "off" });
const s = await app.platform.auth.signUp({ email: "x@example.com", password: "pw-123456789", metadata: { display_name: "X" } });
const claims = (await app.platform.auth.verify(s.accessToken))!;
const db = app.platform.db;
const server = await createServer(app.platform);
const cookie = `sc-access=${s.accessToken}; sc-csrf=benchcsrftoken0123456789abcdef`;
const pg = (db.driver as any).pg;
async function time(label: string, n: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < 50; i++) await fn();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  const ms = (performance.now() - t0) / n;
  console.log(label.padEnd(44), ms.toFixed(3), "ms", (1000 / ms).toFixed(0).padStart(6), "/s");
  return ms;
}
const simple = "select id, display_name from public.profiles where id = $1";
for (let r = 0; r < 2; r++) {
  console.log("--- round", r + 1);
  await time("pg.query('select 1') (extended, no params)", 1000, () => pg.query("select 1"));
  await time("pg.exec('select 1') (simple protocol)", 1000, () => pg.exec("select 1"));
  await time("pg.transaction(empty)", 500, () => pg.transaction(async () => {}));
  await time("asUser(noop)", 500, () => db.asUser(claims, async () => null));
  await time("asUser(simple one-row read)", 500, () => db.asUser(claims, (tx) => tx.query(simple, [claims.sub])));
  await time("asUser(getOwnProfile)", 500, () => db.asUser(claims, getOwnProfile));
  await time("asUser(profile row only, auth.uid())", 500, () => db.asUser(claims, (tx) => tx.query("select p.id, p.display_name, p.is_musician, p.is_client, p.avatar_path, p.created_at from public.profiles p where p.id = (select auth.uid())")));
  await time("asUser(unread count only)", 500, () => db.asUser(claims, (tx) => tx.query("select count(*)::int from public.notifications n where n.read_at is null")));
  await time("auth.verify(jwt)", 2000, () => app.platform.auth.verify(s.accessToken));
  await time("server.fetch GET /profile (in-process)", 500, async () => { const r = await server.fetch(new Request("http://127.0.0.1/profile", { headers: { cookie } })); await r.text(); });
  await time("server.fetch GET / (in-process)", 500, async () => { const r = await server.fetch(new Request("http://127.0.0.1/")); await r.text(); });
  await time("server.fetch GET / signed in (in-process)", 500, async () => { const r = await server.fetch(new Request("http://127.0.0.1/", { headers: { cookie } })); await r.text(); });
  await time("server.fetch GET /nope 404 (in-process)", 500, async () => { const r = await server.fetch(new Request("http://127.0.0.1/nope")); await r.text(); });
}
const plan = await db.asUser(claims, (tx) => tx.query<{"QUERY PLAN": string}>("explain (analyze, summary) select p.id, p.display_name, p.is_musician, p.is_client, p.avatar_path, p.created_at, (select count(*)::int from public.notifications n where n.read_at is null) as unread from public.profiles p where p.id = (select auth.uid())"));
console.log(plan.map((r) => r["QUERY PLAN"]).join("\n"));
const plan2 = await db.asUser(claims, (tx) => tx.query<{"QUERY PLAN": string}>("explain (analyze, summary) " + simple.replace("$1", `'${claims.sub}'`)));
console.log(plan2.map((r) => r["QUERY PLAN"]).join("\n"));
await app.close();
