// Scratch: profile GET <path> under 32-connection load from bench/load.ts; phase timings by wrapping.
import { startTestApp } from "../../tests/_helpers/app.ts";
const path = Deno.args[0] ?? "/profile";
const app = await startTestApp({ WORKER: "off", LOG_LEVEL: Deno.env.get("LL") ?? "warn" });
const s = await app.platform.auth.signUp({ email: "x@example.com", password: "pw-123456789", metadata: { display_name: "X" } });
const p = app.platform as any;
const acc: Record<string, [number, number]> = {};
const wrap = (obj: any, key: string, label: string) => {
  const orig = obj[key].bind(obj);
  obj[key] = async (...a: unknown[]) => { const t = performance.now(); try { return await orig(...a); } finally { const e = acc[label] ??= [0, 0]; e[0]++; e[1] += performance.now() - t; } };
};
if (Deno.env.get("WRAP")) { wrap(p.db, "asUser", "asUser"); wrap(p.auth, "verify", "verify"); }
const cookie = `sc-access=${s.accessToken}; sc-csrf=benchcsrftoken0123456789abcdef`;
const out = await new Deno.Command(Deno.execPath(), { args: ["run", "-A", "bench/load.ts", "--url", app.url + path, "--duration", Deno.env.get("DUR") ?? "4", "--header", `cookie: ${cookie}`] }).output();
console.log(new TextDecoder().decode(out.stdout).trim());
for (const [k, [n, ms]] of Object.entries(acc)) console.log(k, n, "calls", (ms / n).toFixed(3), "ms avg (wall, incl. queue wait)");
await app.close();
