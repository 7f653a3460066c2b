/**
 * AI DJ benchmark (issues 5 and 11), in the format of ../shared/BENCH.md.
 *
 * The setting: the real server (`startTestApp`, in-memory PGlite, its worker loop on) with a user
 * connected to a fake Spotify through the real OAuth flow and the live AI adapter pointed at a
 * fake OpenAI. The fakes answer at once and run in a second process on 127.0.0.1 (this file with
 * `--fakes`), so their own work is not counted. Prompts alternate between Spanish and English;
 * each playlist has 30 tracks. A run is: 3 warm-up playlists, then `BENCH_DJ_PLAYLISTS` [20], one
 * after another (each finished before the next starts); value: the median over runs.
 *
 * - `dj.request_ms`: `POST /api/dj/runs` (JSON) from sending it to the 201 answer, which carries
 *   the queued run: the allowance spent, the run created and its first stage queued, while the
 *   worker, woken by the request, starts on it. Per run: the p95 (nearest rank) of its requests.
 * - `dj.overhead_ms`: the server's time for a whole playlist: from sending the POST to the run's
 *   terminal `progress` event on its topic `dj_run:<id>` (through the realtime hub, as a page
 *   following it gets it). With zero-latency fakes this is the DJ's own time, provider time aside:
 *   the request, the three stages as jobs on the `ai` queue and the hand-offs between them, the
 *   plan through the openai SDK, ~20 searches of 10 with offset paging, ranking, saving the
 *   tracks, creating the playlist and adding its items. Per run: the median.
 * - `dj.offline_ms` (extra): the same without Spotify or AI (the local catalogue, offline plan).
 * - `dj.spotify_requests` (extra): Web API requests per playlist.
 *
 * `deno run -A bench/dj.ts` runs it alone and merges into bench/results.json. Knobs: BENCH_RUNS
 * [5], BENCH_DJ_PLAYLISTS [20].
 *
 * @module
 */
import { startTestApp, type TestApp } from "../tests/_helpers/app.ts";
import { FakeSpotify } from "../tests/_fakes/spotify.ts";
import { FakeOpenAi } from "../tests/_fakes/openai.ts";
import { connectSpotify, type Session, signIn } from "../tests/_fakes/dj_session.ts";
import { offlinePlan } from "../lib/domains/dj/interpret.ts";
import type { DjRunWithTracks } from "../lib/domains/dj/types.ts";
import { isPending, runTopic } from "../lib/browser/dj_view.ts";
import { type Result, summarise, writeResults } from "./results.ts";

const num = (name: string, fallback: number) => Number(Deno.env.get(name) ?? fallback);
const PROMPTS = ["música para relajarse estudiando", "energetic workout music"];

export const DJ_METRICS = [
  "dj.request_ms",
  "dj.overhead_ms",
  "dj.offline_ms",
  "dj.spotify_requests",
];
export const DJ_TARGETS: [string, "≥" | "≤", number][] = [
  ["dj.request_ms", "≤", 50],
  ["dj.overhead_ms", "≤", 60],
];

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

interface Timed {
  /** Sending the POST → its 201. */
  requestMs: number;
  /** Sending the POST → the run's terminal event. */
  doneMs: number;
  run: DjRunWithTracks;
}

/** Resolves with the time the run's terminal event arrives (or now, if it already finished). */
function finished(app: TestApp, id: string): Promise<number> {
  const hub = app.platform.realtime!;
  return new Promise((resolve, reject) => {
    const stop = hub.subscribe(runTopic(id), (e) => {
      if (isPending(String(e.payload.status))) return;
      stop();
      resolve(performance.now());
    });
    // Subscribed only once the answer named the run: it may have finished in between.
    app.platform.db.asService((tx) =>
      tx.query<{ status: string }>("select status from public.dj_runs where id = $1", [id])
    ).then(([row]) => {
      if (row && !isPending(row.status)) {
        stop();
        resolve(performance.now());
      }
    }, reject);
  });
}

async function playlist(app: TestApp, me: Session, prompt: string): Promise<Timed> {
  const t0 = performance.now();
  const res = await app.fetch("/api/dj/runs", {
    method: "POST",
    headers: me.json,
    body: JSON.stringify({ prompt, length: 30 }),
  });
  const body = await res.json();
  const requestMs = performance.now() - t0;
  if (res.status !== 201) {
    throw new Error(`dj bench: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  }
  const doneMs = (await finished(app, body.run.id)) - t0;
  const run = (await (await app.fetch(`/api/dj/runs/${body.run.id}`, { headers: me.json }))
    .json()).run as DjRunWithTracks;
  if (run.tracks.length !== 30) {
    throw new Error(`dj bench: ${run.status} with ${run.tracks.length} tracks: ${run.error}`);
  }
  return { requestMs, doneMs, run };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** p95 by nearest rank. */
function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)];
}

interface Measured {
  request: number[];
  done: number[];
  requests: number[];
}

/** Per run: the p95 of the requests and the median of the whole playlists, after warm-ups. */
async function measure(
  app: TestApp,
  me: Session,
  runs: number,
  n: number,
  check: (r: DjRunWithTracks) => void,
  log: (line: string) => void,
  label: string,
): Promise<Measured> {
  for (let i = 0; i < 3; i++) check((await playlist(app, me, PROMPTS[i % 2])).run);
  const out: Measured = { request: [], done: [], requests: [] };
  for (let run = 1; run <= runs; run++) {
    const request: number[] = [];
    const done: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = await playlist(app, me, PROMPTS[i % 2]);
      check(t.run);
      request.push(t.requestMs);
      done.push(t.doneMs);
      if (Deno.env.get("BENCH_DJ_VERBOSE")) {
        log(`  ${t.requestMs.toFixed(1)} ${t.doneMs.toFixed(1)} ${JSON.stringify(t.run.timings)}`);
      }
      out.requests.push((t.run.timings as { requests: number }).requests);
    }
    out.request.push(p95(request));
    out.done.push(median(done));
    log(
      `run ${run}  ${label} request p95 ${p95(request).toFixed(1)} ms, done median ${
        median(done).toFixed(1)
      } ms (min ${Math.min(...done).toFixed(1)})`,
    );
  }
  return out;
}

export async function djBench(
  opts: { runs?: number; playlists?: number; log?: (line: string) => void } = {},
): Promise<Result[]> {
  const runs = opts.runs ?? num("BENCH_RUNS", 5);
  const n = opts.playlists ?? num("BENCH_DJ_PLAYLISTS", 20);
  const log = opts.log ?? console.log;
  // The worker loop runs in the server process, as it does embedded.
  const base = { WORKER: "on", LOG_LEVEL: "error", AI_DAILY_LIMIT: "100000" };

  const fakes = await startFakes();
  let live: Measured;
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
  let offline: Measured;
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
    summarise("dj.request_ms", "ms", live.request),
    summarise("dj.overhead_ms", "ms", live.done),
    summarise("dj.offline_ms", "ms", offline.done),
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
