/**
 * Boots the app itself (main.ts, worker on) on the migrated real-Postgres database and checks
 * that its worker drains every queue with no error: the jobs the seed and the boot queue (sign-up
 * welcomes, embeddings) and two more sent through the app's own queue port as `service_role` (as
 * the web server's requests do), one with an integer delay, the call pgmq 1.5's overloads made
 * ambiguous.
 *
 * @module
 */
import postgres from "postgres";
import { createDb } from "../../lib/ports/db/mod.ts";
import { openPostgres } from "../../lib/ports/db/postgres.ts";
import { QUEUES, send } from "../../lib/ports/queue/mod.ts";

const projectRoot = new URL("../../", import.meta.url);
/** A seeded demo account (supabase/seed.sql). */
const DEMO_USER = "00000000-0000-4000-8000-00000000d001";

/** What the app's worker did. */
export interface AppCheck {
  /** Messages archived (done) across all queues. */
  drained: number;
  /** Messages still in a queue (dead-letter queues included) when the wait ended. */
  left: Record<string, number>;
  /** Error lines the app logged (job failures, dead letters, anything at level error). */
  errors: string[];
  bootMs: number;
  drainMs: number;
}

interface Counts {
  queued: Record<string, number>;
  archived: number;
}

async function counts(sql: postgres.Sql): Promise<Counts> {
  const queues = await sql<{ queue_name: string; queue_length: string }[]>`
    select queue_name, queue_length from pgmq.metrics_all()`;
  const queued: Record<string, number> = {};
  let archived = 0;
  for (const q of queues) {
    queued[q.queue_name] = Number(q.queue_length);
    // pgmq's own naming: queue names are identifiers, their archive is pgmq.a_<name>.
    if (!/^[a-z0-9_]+$/.test(q.queue_name)) throw new Error(`odd queue name ${q.queue_name}`);
    const [{ n }] = await sql.unsafe<{ n: string }[]>(
      `select count(*) as n from pgmq.a_${q.queue_name}`,
    );
    archived += Number(n);
  }
  return { queued, archived };
}

function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = l.addr as Deno.NetAddr;
  l.close();
  return port;
}

/** Lines of a child's output as they come. */
async function collect(stream: ReadableStream<Uint8Array>, into: string[]): Promise<void> {
  let rest = "";
  const decoder = new TextDecoder();
  for await (const bytes of stream) {
    const parts = (rest + decoder.decode(bytes, { stream: true })).split("\n");
    rest = parts.pop() ?? "";
    into.push(...parts);
  }
  if (rest) into.push(rest);
}

function isError(line: string): boolean {
  try {
    const entry = JSON.parse(line) as { level?: string; msg?: string };
    return entry.level === "error" || entry.msg === "job failed";
  } catch {
    return /\berror\b/i.test(line) && !/^\s*$/.test(line);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `serviceUrl`: the project's DATABASE_URL user (`postgres`), used to send jobs as service_role.
 * `appUrl`: what the app connects with; embedded mode re-applies its compat bootstrap at boot,
 * which changes objects Supabase's services own, hence a superuser.
 */
export async function checkApp(
  serviceUrl: string,
  appUrl: string,
  timeoutMs = 90_000,
): Promise<AppCheck> {
  const db = createDb(openPostgres(serviceUrl));
  try {
    await db.asService(async (tx) => {
      const key = crypto.randomUUID();
      await send(tx, "notify", { kind: "welcome", user_id: DEMO_USER, idempotency_key: key });
      await send(tx, "matching", { kind: "reembed", idempotency_key: `reembed:${key}` }, 1);
    });
  } finally {
    await db.driver.close();
  }

  const sql = postgres(appUrl, { max: 1, onnotice: () => {} });
  const dataDir = await Deno.makeTempDir({ prefix: "soundcheck-app-" });
  const lines: string[] = [];
  const started = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts"],
    cwd: projectRoot.pathname,
    env: {
      DATABASE_URL: appUrl,
      WORKER: "on",
      APP_ENV: "dev",
      HOSTNAME: "127.0.0.1",
      PORT: String(freePort()),
      DATA_DIR: dataDir,
      LOG_LEVEL: "info",
    },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const output = Promise.all([collect(child.stdout, lines), collect(child.stderr, lines)]);
  let bootMs = 0;
  let drainMs = 0;
  let last: Counts = { queued: {}, archived: 0 };
  try {
    while (!lines.some((l) => l.includes("Soundcheck is running at"))) {
      if (performance.now() - started > timeoutMs) throw new Error("the app did not start");
      const status = await Promise.race([child.status, sleep(200).then(() => undefined)]);
      if (status) throw new Error(`the app exited (${status.code}) while booting`);
    }
    bootMs = performance.now() - started;
    const queues = new Set<string>(QUEUES);
    for (;;) {
      last = await counts(sql);
      const waiting = Object.entries(last.queued).filter(([q, n]) => queues.has(q) && n > 0);
      if (waiting.length === 0) break;
      if (performance.now() - started > timeoutMs) break;
      await sleep(500);
    }
    drainMs = performance.now() - started - bootMs;
  } finally {
    child.kill("SIGTERM");
    await child.status;
    await output;
    await sql.end();
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
  const left = Object.fromEntries(Object.entries(last.queued).filter(([, n]) => n > 0));
  return { drained: last.archived, left, errors: lines.filter(isError), bootMs, drainMs };
}
