/**
 * Mastering and the hit meter end to end through the embedded app (issue 15's SLAs: mastering
 * under 30 s, the meter under 15 s), in the format of ../shared/BENCH.md; run by bench/studio.ts.
 *
 * A 4-minute synthesised song is uploaded as a WAV and encoded by the worker first (not timed).
 * Then each run, as a user of the JSON API: POST /api/studio/songs/:id/master (−14 LUFS, the pop
 * preset) and read GET …/masters/:mid until `done` (`studio.master_job.e2e_ms`:
 * reading the WAV back, mastering, WAV and MP3 encoding, storing both); then POST …/meter and read
 * GET …/meter until `done` (`studio.meter_job.e2e_ms`: reading, measuring, scoring, offline
 * insights). Where a master's time goes: the worker's time in each of its stages
 * (`studio.master_job.<stage>_ms`, each stage's message handled and committed), and how long the
 * server's event loop was held at most meanwhile (`studio.master_job.loop_block_ms`: a 10 ms
 * timer's worst lateness; the DSP runs in a worker thread, lib/audio/offthread). The bench drives the worker (WORKER=off, `runOnce` between polls): with the app's
 * own loop an upload's encoding stage can start before the request has stored the WAV (issue
 * 14's upload path), which refuses the WAV. Between runs the month's masters and the song's
 * report are cleared as the server, so each run does the work.
 *
 * @module
 */
import { startTestApp, type TestApp } from "../tests/_helpers/app.ts";
import { COOKIE } from "../lib/web/cookies.ts";
import { encodeWav } from "../lib/audio/wav.ts";
import { renderSong } from "../lib/domains/studio/synth/render.ts";
import { songPlan } from "../tests/_helpers/studio.ts";
import { StudioBenchFailure } from "./studio_app.ts";

const CSRF = "benchcsrftoken0123456789abcdef";

/** 120 bars at 120 BPM: four minutes. */
const PLAN = songPlan({
  title: "Bench Master",
  structure: [
    { name: "intro", bars: 8 },
    { name: "verse", bars: 24 },
    { name: "chorus", bars: 24 },
    { name: "verse", bars: 24 },
    { name: "chorus", bars: 32 },
    { name: "outro", bars: 8 },
  ],
});

interface Job {
  id: string;
  status: string;
  stage?: string | null;
  error: string | null;
}

export const MASTER_STAGES = ["analysing", "mastering", "encoding", "uploading"] as const;

/** The worst lateness of a 10 ms timer until `stop()`: how long the event loop was held. */
function loopWatch(): { stop(): number } {
  let worst = 0;
  let last = performance.now();
  const t = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 10);
    last = now;
  }, 10);
  return {
    stop() {
      clearInterval(t);
      return Math.max(0, worst);
    },
  };
}

async function json(app: TestApp, headers: Record<string, string>, method: string, path: string) {
  const res = await app.fetch(`/api/studio${path}`, {
    method,
    headers,
    body: method === "POST" && path.endsWith("/master")
      ? JSON.stringify({
        settings: {
          target_lufs: -14,
          ceiling_dbtp: -1,
          intensity: 1,
          reference: { kind: "preset", genre: "pop" },
        },
      })
      : undefined,
  });
  const text = await res.text();
  if (res.status >= 400) {
    throw new StudioBenchFailure(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  }
  return JSON.parse(text);
}

/**
 * Runs the worker until the job in `key` at `path` is done (adding the worker's milliseconds to
 * `stages` under the stage it ran); fails on anything else or after two minutes.
 */
async function follow(
  app: TestApp,
  headers: Record<string, string>,
  path: string,
  key: "master" | "meter" | "song",
  stages: Record<string, number> = {},
): Promise<Job> {
  const until = performance.now() + 120_000;
  while (performance.now() < until) {
    const job = (await json(app, headers, "GET", path))[key] as Job;
    if (job.status === "done") return job;
    if (job.status !== "queued" && job.status !== "running") {
      throw new StudioBenchFailure(`${key} ${job.id} ended ${job.status}: ${job.error}`);
    }
    const t0 = performance.now();
    await app.platform.worker.runOnce();
    if (job.stage) stages[job.stage] = (stages[job.stage] ?? 0) + performance.now() - t0;
  }
  throw new StudioBenchFailure(`${key} at ${path} did not finish in two minutes`);
}

/** Milliseconds per run of each job, end to end. */
export async function masterJobRuns(
  runs: number,
  logLevel: string,
): Promise<{
  master: number[];
  meter: number[];
  stages: Record<string, number[]>;
  loopBlock: number[];
}> {
  await using app = await startTestApp({ WORKER: "off", LOG_LEVEL: logLevel });
  const s = await app.platform.auth.signUp({
    email: "bench-master@example.com",
    password: "bench-password-1",
    metadata: { display_name: "Bench Person" },
  });
  const cookie = `${COOKIE.access}=${s.accessToken}; ${COOKIE.csrf}=${CSRF}`;
  const headers = { cookie, "x-csrf-token": CSRF, "content-type": "application/json" };
  const song = renderSong(PLAN, { seed: 3 });
  const form = new FormData();
  form.set(
    "file",
    new File([encodeWav([song.left, song.right], song.sampleRate) as BlobPart], "bench.wav"),
  );
  const up = await app.fetch("/api/studio/uploads", {
    method: "POST",
    headers: { cookie, "x-csrf-token": CSRF },
    body: form,
  });
  if (up.status !== 202) {
    throw new StudioBenchFailure(
      `upload answered ${up.status}: ${(await up.text()).slice(0, 300)}`,
    );
  }
  const id = (await up.json()).song.id as string;
  await follow(app, headers, `/songs/${id}`, "song");
  const seconds = song.left.length / song.sampleRate;

  const out = {
    master: [] as number[],
    meter: [] as number[],
    stages: Object.fromEntries(MASTER_STAGES.map((s) => [s, [] as number[]])),
    loopBlock: [] as number[],
  };
  for (let run = 0; run <= runs; run++) {
    await app.platform.db.asService(async (tx) => {
      await tx.query("delete from private.master_usage");
      await tx.query("delete from public.song_meters");
    });
    const stages: Record<string, number> = {};
    const watch = loopWatch();
    const t0 = performance.now();
    const m = (await json(app, headers, "POST", `/songs/${id}/master`)).master as Job;
    await follow(app, headers, `/songs/${id}/masters/${m.id}`, "master", stages);
    const t1 = performance.now();
    const blocked = watch.stop();
    await json(app, headers, "POST", `/songs/${id}/meter`);
    await follow(app, headers, `/songs/${id}/meter`, "meter");
    const t2 = performance.now();
    // Run 0 warms up (module loading, JIT).
    if (run === 0) continue;
    out.master.push(t1 - t0);
    out.meter.push(t2 - t1);
    out.loopBlock.push(blocked);
    for (const st of MASTER_STAGES) out.stages[st].push(stages[st] ?? 0);
    const each = MASTER_STAGES.map((st) => `${st} ${(stages[st] ?? 0).toFixed(0)}`).join(", ");
    console.log(
      `run ${run}  master job ${(t1 - t0).toFixed(0)} ms (${each}; loop held ` +
        `${blocked.toFixed(0)} ms at most), meter job ${(t2 - t1).toFixed(0)} ms ` +
        `for ${seconds.toFixed(1)} s`,
    );
  }
  return out;
}
