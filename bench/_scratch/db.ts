import { startTestApp } from "../../tests/_helpers/app.ts";
const app = await startTestApp({ WORKER: "off" });
const s = await app.platform.auth.signUp({ email: "x@example.com", password: "pw-123456789", metadata: { display_name: "X" } });
const claims = (await app.platform.auth.verify(s.accessToken))!;
const db = app.platform.db;
const sql = "select id, display_name from public.profiles where id = $1";
async function time(label: string, n: number, conc: number, fn: () => Promise<unknown>) {
  const t0 = performance.now();
  let left = n;
  await Promise.all(Array.from({ length: conc }, async () => { while (left-- > 0) await fn(); }));
  const ms = performance.now() - t0;
  console.log(label.padEnd(40), (n / ms * 1000).toFixed(0), "/s", (ms / n).toFixed(3), "ms each");
}
const pg = (db.driver as any).pg;
for (let r = 0; r < 2; r++) {
await time("raw pg.query select 1", 2000, 1, () => pg.query("select 1"));
await time("raw pg.query profile", 2000, 1, () => pg.query(sql, [claims.sub]));
await time("pg.transaction(profile)", 1000, 1, () => pg.transaction((t: any) => t.query(sql, [claims.sub])));
await time("asUser seq", 1000, 1, () => db.asUser(claims, (tx) => tx.query(sql, [claims.sub])));
await time("asUser 32 conc", 1000, 32, () => db.asUser(claims, (tx) => tx.query(sql, [claims.sub])));
await time("asUser getOwnProfile seq", 1000, 1, async () => db.asUser(claims, (await import("../../lib/profiles/mod.ts")).getOwnProfile));
await time("jwt verify", 2000, 1, () => app.platform.auth.verify(s.accessToken));
}
await app.close();
