/**
 * A DJ run as staged jobs (lib/ports/queue/jobs.ts, lib/domains/dj/run.ts): the request answers at once with a
 * queued run; the worker runs interpret → search → build, each stage's progress pushed live on
 * `dj_run:<id>` (which only the owner may receive); a stage commits once however often its
 * message comes; a run whose stage keeps failing ends `failed`; the SQL checks agree with the
 * statuses and stages the code knows.
 */
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import { checkedValues } from "../_helpers/constraints.ts";
import { signIn } from "../_fakes/dj_session.ts";
import { createWorker } from "../../lib/ports/queue/worker.ts";
import { sendStage, stagedJobsHandler } from "../../lib/ports/queue/jobs.ts";
import { DJ_RUN, djRunJob } from "../../lib/domains/dj/run.ts";
import { djDeps } from "../../lib/domains/dj/service.ts";
import { DJ_STAGES, RUN_STATUSES } from "../../lib/shared/dj_states.ts";
import { finishRun, startRun } from "./dj_helpers.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

interface Frame {
  event: string;
  data: { topic: string; event: string; payload: Record<string, unknown> };
}

/** Reads SSE frames from `res` until `until` holds for one; returns them all. */
async function readFrames(res: Response, until: (f: Frame) => boolean): Promise<Frame[]> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const frames: Frame[] = [];
  let buf = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return frames;
      buf += value;
      let end;
      while ((end = buf.indexOf("\n\n")) >= 0) {
        const block = buf.slice(0, end);
        buf = buf.slice(end + 2);
        const event = block.match(/^event: (.*)$/m)?.[1];
        const data = block.match(/^data: (.*)$/m)?.[1];
        if (!event || !data) continue;
        const frame = { event, data: JSON.parse(data) };
        frames.push(frame);
        if (until(frame)) return frames;
      }
    }
  } finally {
    await reader.cancel();
  }
}

/** Rows of dj_runs as the service reads them. */
async function runRow(app: TestApp, id: string) {
  const [row] = await app.platform.db.asService((tx) =>
    tx.query<{ status: string; stage: string | null; error: string | null; tracks: unknown[] }>(
      "select status, stage, error, tracks from public.dj_runs where id = $1",
      [id],
    )
  );
  return row;
}

Deno.test({
  name: "dj jobs - the request answers at once; each stage's progress is pushed to the owner only",
  ...opts,
}, async () => {
  await using app = await startTestApp({ WORKER: "off" });
  const me = await signIn(app, "dj-live@example.com");
  const other = await signIn(app, "dj-live-other@example.com");

  const queued = await startRun(app, me.json, { prompt: "Ruhige Musik zum Lernen", length: 30 });
  const topic = `dj_run:${queued.id}`;
  // Only the owner may follow the run.
  const stranger = await app.fetch(`/realtime/v1/sse?topic=${topic}`, {
    headers: { cookie: other.cookie },
  });
  assertEquals(stranger.status, 403);
  await stranger.body?.cancel();
  const anon = await app.fetch(`/realtime/v1/sse?topic=${topic}`);
  assertEquals(anon.status, 401);
  await anon.body?.cancel();

  const sse = await app.fetch(`/realtime/v1/sse?topic=${topic}`, {
    headers: { cookie: me.cookie },
  });
  assertEquals(sse.status, 200);
  const finished = readFrames(sse, (f) => f.data.payload.stage === null);
  const done = await finishRun(app, me.json, queued.id);
  const frames = await finished;
  assert(frames.every((f) => f.event === "progress" && f.data.topic === topic), "progress events");
  const stages = frames.map((f) => f.data.payload.stage)
    .filter((s, i, all) => i === 0 || s !== all[i - 1]);
  assertEquals(stages, ["interpret", "search", "build", null]);
  const searching = frames.map((f) => f.data.payload.progress as Record<string, unknown>)
    .filter((p) => typeof p.found === "number");
  assert(searching.length > 0, "the search reports the tracks found as it goes");
  assertEquals(searching.at(-1)!.playlist_name, "Ruhige Musik zum Lernen");
  assertEquals(frames.at(-1)!.data.payload.status, "draft");
  assertEquals([done.status, done.stage, done.tracks.length], ["draft", null, 30]);
  const t = done.timings as Record<string, number>;
  for (const k of ["interpret_ms", "search_ms", "build_ms", "export_ms", "total_ms", "requests"]) {
    assert(typeof t[k] === "number", `timings.${k}`);
  }
});

Deno.test({
  name: "dj jobs - a redelivered stage commits nothing twice; a deleted run's stages do nothing",
  ...opts,
}, async () => {
  await using app = await startTestApp({ WORKER: "off" });
  const me = await signIn(app, "dj-once@example.com");
  const done = await finishRun(
    app,
    me.json,
    (await startRun(app, me.json, {
      prompt: "jazz for a dinner party",
      length: 10,
    })).id,
  );
  // The same stage again (a redelivery after a lost archive, say): skipped by its key.
  await app.platform.db.asService((tx) => sendStage(tx, DJ_RUN, done.id, "search"));
  const again = await app.platform.worker.runOnce();
  assertEquals([again.processed, again.skipped], [0, 1]);
  const after = await finishRun(app, me.json, done.id);
  assertEquals(after.tracks, done.tracks);

  // Deleted while queued: its first stage finds nothing to do.
  const gone = await startRun(app, me.json, { prompt: "calm piano", length: 10 });
  const del = await app.fetch(`/api/dj/runs/${gone.id}`, { method: "DELETE", headers: me.json });
  assertEquals(del.status, 204);
  const r = await app.platform.worker.runOnce();
  assertEquals([r.processed, r.failed], [1, 0]);
  assertEquals(await runRow(app, gone.id), undefined);
});

Deno.test({
  name: "dj jobs - a stage that keeps failing ends the run failed, with a message and an event",
  ...opts,
}, async () => {
  await using app = await startTestApp({ WORKER: "off" });
  const me = await signIn(app, "dj-fail@example.com");
  const run = await startRun(app, me.json, { prompt: "energetic workout music", length: 20 });
  // Interpreted, then its plan is spoiled: the search stage cannot read it.
  await app.platform.worker.runOnce();
  assertEquals((await runRow(app, run.id)).stage, "search");
  await app.platform.db.asService((tx) =>
    tx.query(`update public.dj_runs set plan = '{"spoiled": true}' where id = $1`, [run.id])
  );
  const events: Record<string, unknown>[] = [];
  const stop = app.platform.realtime!.subscribe(`dj_run:${run.id}`, (e) => events.push(e.payload));
  const worker = createWorker({
    db: app.platform.db,
    handlers: {
      ai: stagedJobsHandler([djRunJob(() => djDeps(app.platform))], { visibilityTimeout: 0 }),
    },
    maxAttempts: 2,
    log: () => {},
  });
  const first = await worker.runOnce();
  const second = await worker.runOnce();
  assertEquals([first.failed, second.deadLettered], [1, 1]);
  const row = await runRow(app, run.id);
  assertEquals([row.status, row.stage], ["failed", null]);
  assertMatch(row.error ?? "", /could not finish this playlist/);
  assert(!(row.error ?? "").includes("spoiled"), "no internals in the user's message");
  for (let i = 0; i < 50 && !events.some((e) => e.status === "failed"); i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  stop();
  assertEquals(events.at(-1)?.status, "failed");
  const page = await (await app.fetch(`/dj/runs/${run.id}`, { headers: { cookie: me.cookie } }))
    .text();
  assertMatch(page, /could not finish this playlist/);
});

Deno.test({
  name: "dj jobs - the SQL checks know exactly the statuses and stages the code knows",
  ...opts,
}, async () => {
  await using app = await startTestApp({ WORKER: "off" });
  assertEquals(
    await checkedValues(app, "public.dj_runs", "dj_runs_status_check"),
    new Set(RUN_STATUSES),
  );
  // The stage check names the pending statuses, then the stages.
  assertEquals(
    await checkedValues(app, "public.dj_runs", "dj_runs_stage_check"),
    new Set(["queued", "running", ...DJ_STAGES]),
  );
});
