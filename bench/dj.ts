/**
 * AI DJ benchmark (issue 5), in the format of ../shared/BENCH.md.
 *
 * - `dj.overhead_ms`: the server's time for a 30-track playlist with zero-latency fakes: the real
 *   server (`startTestApp`, in-memory PGlite) with a user connected to a fake Spotify through the
 *   real OAuth flow and the live AI adapter pointed at a fake OpenAI; `POST /api/dj/runs` (JSON),
 *   timed from request to full answer. The fakes run in a second process on 127.0.0.1 (this file
 *   with `--fakes`), so their own work is not counted. Everything the DJ does is in it: the quota,
 *   the plan through the openai SDK, ~20 searches of 10 with offset paging, ranking, creating the
 *   playlist and adding its items, saving the run. Prompts alternate between Spanish and English.
 *   Per run: the median of `BENCH_DJ_PLAYLISTS` [12] playlists after 3 warm-ups; value: median
 *   over runs.
 * - `dj.offline_ms` (extra): the same without Spotify or AI (the local catalogue, offline plan).
 * - `dj.spotify_requests` (extra): Web API requests per playlist.
 *
 * `deno run -A bench/dj.ts` runs it alone and merges into bench/results.json. Knobs: BENCH_RUNS
 * [5], BENCH_DJ_PLAYLISTS [12].
 *
 * @module
 */
import { startTestApp, type TestApp } from "../tests/_helpers/app.ts";
import { FakeSpotify } from "../tests/_fakes/spotify.ts";
import { FakeOpenAi } from "../tests/_fakes/openai.ts";
import { connectSpotify, type Session, signIn } from "../tests/_fakes/dj_session.ts";
import { offlinePlan } from "../lib/dj/interpret.ts";
import type { DjRunWithTracks } from "../lib/dj/types.ts";
import { type Result, summarise, writeResults } from "./results.ts";

const num = (name: string, fallback: number) => Number(Deno.env.get(name) ?? fallback);
const PROMPTS = ["música para relajarse estudiando", "energetic workout music"];

export const DJ_METRICS = ["dj.overhead_ms", "dj.offline_ms", "dj.spotify_requests"];
export const DJ_TARGETS: [string, "≥" | "≤", number][] = [["dj.overhead_ms", "≤", 60]];

/** The fakes' process: serves until stdin closes; prints their URLs as one JSON line. */
async function serveFakes(): Promise<void> {
  const spotify = new FakeSpotify();
  const openai = new FakeOpenAi();
  const plans = new Map(PROMPTS.map((p) => [`Request: ${p}`, JSON.stringify(offlinePlan(p))]));
  openai.reply = (body) => plans.get(body.messages.at(-1)!.content) ?? "{}";
  console.log(JSON.stringify({ spotify: spotify.env(), openai: openai.env() }));
  // Keep the logs from growing for the whole bench.
  const trim = setInterval(() => spotify.log.splice(0), 1000);
  for await (const _ of Deno.stdin.readable) { /* wait for the parent to go */ }
  clearInterval(trim);
  await spotify[Symbol.asyncDispose]();
  await openai[Symbol.asyncDispose]();
  Deno.exit(0);
}

async function startFakes(): Promise<{ env: Record<string, string>; stop: () => Promise<void> }> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL(import.meta.url).pathname, "--fakes"],
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let buf = "";
  while (!buf.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) throw new Error("the fakes' process exited before listening");
    buf += value;
  }
  reader.releaseLock();
  const urls = JSON.parse(buf.split("\n")[0]) as {
    spotify: Record<string, string>;
    openai: Record<string, string>;
  };
  return {
    env: { ...urls.spotify, ...urls.openai },
    async stop() {
      await child.stdin.close();
      await child.stdout.cancel().catch(() => {});
      await child.status;
    },
  };
}

async function playlist(
  app: TestApp,
  me: Session,
  prompt: string,
): Promise<[number, DjRunWithTracks]> {
  const t0 = performance.now();
  const res = await app.fetch("/api/dj/runs", {
    method: "POST",
    headers: me.json,
    body: JSON.stringify({ prompt, length: 30 }),
  });
  const body = await res.json();
  const ms = performance.now() - t0;
  if (res.status !== 201 || body.run.tracks.length !== 30) {
    throw new Error(`dj bench: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  }
  return [ms, body.run];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Per run: the median of `n` playlists after warm-ups. */
async function measure(
  app: TestApp,
  me: Session,
  runs: number,
  n: number,
  check: (r: DjRunWithTracks) => void,
  log: (line: string) => void,
  label: string,
): Promise<{ ms: number[]; requests: number[] }> {
  for (let i = 0; i < 3; i++) check((await playlist(app, me, PROMPTS[i % 2]))[1]);
  const ms: number[] = [];
  const requests: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const [t, r] = await playlist(app, me, PROMPTS[i % 2]);
      check(r);
      times.push(t);
      if (Deno.env.get("BENCH_DJ_VERBOSE")) log(`  ${t.toFixed(1)} ${JSON.stringify(r.timings)}`);
      requests.push((r.timings as { requests: number }).requests);
    }
    ms.push(median(times));
    log(
      `run ${run}  ${label} median ${median(times).toFixed(1)} ms (min ${
        Math.min(...times).toFixed(1)
      })`,
    );
  }
  return { ms, requests };
}

export async function djBench(
  opts: { runs?: number; playlists?: number; log?: (line: string) => void } = {},
): Promise<Result[]> {
  const runs = opts.runs ?? num("BENCH_RUNS", 5);
  const n = opts.playlists ?? num("BENCH_DJ_PLAYLISTS", 12);
  const log = opts.log ?? console.log;
  const base = { WORKER: "off", LOG_LEVEL: "error", AI_DAILY_LIMIT: "100000" };

  const fakes = await startFakes();
  let live: { ms: number[]; requests: number[] };
  try {
    const app = await startTestApp({ ...base, ...fakes.env });
    try {
      const me = await signIn(app, "dj-bench@example.com");
      const c = await connectSpotify(app, me);
      if (!/connected/.test(c.flash)) throw new Error(`dj bench: connect failed: ${c.flash}`);
      live = await measure(
        app,
        me,
        runs,
        n,
        (r) => {
          if (r.source !== "spotify" || r.status !== "exported" || r.plan_source !== "live") {
            throw new Error(
              `dj bench: not the live path: ${r.source} ${r.status} ${r.plan_source}`,
            );
          }
        },
        log,
        "spotify+ai",
      );
    } finally {
      await app.close();
    }
  } finally {
    await fakes.stop();
  }

  const offlineApp = await startTestApp(base);
  let offline: { ms: number[] };
  try {
    const me = await signIn(offlineApp, "dj-bench-offline@example.com");
    offline = await measure(
      offlineApp,
      me,
      runs,
      n,
      (r) => {
        if (r.source !== "catalogue") throw new Error("dj bench: not the offline path");
      },
      log,
      "offline   ",
    );
  } finally {
    await offlineApp.close();
  }

  return [
    summarise("dj.overhead_ms", "ms", live.ms),
    summarise("dj.offline_ms", "ms", offline.ms),
    summarise("dj.spotify_requests", "requests", [median(live.requests)]),
  ];
}

if (import.meta.main) {
  if (Deno.args[0] === "--fakes") await serveFakes();
  else {
    const results = await djBench();
    await writeResults(results);
    for (const r of results) {
      const target = DJ_TARGETS.find(([name]) => name === r.name);
      const met = target && (target[1] === "≥" ? r.value >= target[2] : r.value <= target[2]);
      console.log(
        `  ${r.name.padEnd(24)} ${String(r.value).padStart(8)} ${
          r.unit.padEnd(9)
        } spread ${r.spread}${
          target ? `  target ${target[1]} ${target[2]}: ${met ? "met" : "MISSED"}` : ""
        }`,
      );
    }
  }
}
