import { startTestApp } from "../../tests/_helpers/app.ts";
import { createServer } from "../../lib/server.ts";
const app = await startTestApp({ WORKER: "off" });
const s = await app.platform.auth.signUp({ email: "x@example.com", password: "pw-123456789", metadata: { display_name: "X" } });
const server = await createServer(app.platform);
const cookie = `sc-access=${s.accessToken}; sc-csrf=benchcsrftoken0123456789abcdef`;
const pg = (app.platform.db.driver as any).pg;
const log: string[] = [];
for (const k of ["query", "exec", "execProtocol", "execProtocolRaw", "transaction"]) {
  const orig = pg[k].bind(pg);
  pg[k] = (...a: any[]) => { log.push(k + " " + (typeof a[0] === "string" ? a[0].slice(0, 90).replace(/\s+/g, " ") : `[${a[0]?.length} bytes] ${a[0] instanceof Uint8Array ? String.fromCharCode(a[0][0]) : ""}`)); return orig(...a); };
}
for (let i = 0; i < 3; i++) { log.length = 0; const r = await server.fetch(new Request("http://127.0.0.1/profile", { headers: { cookie } })); await r.text(); }
console.log(log.join("\n"));
await app.close();
