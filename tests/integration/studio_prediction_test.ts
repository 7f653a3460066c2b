/**
 * A hosted music provider is paid once per song: the rendering stage stores the prediction's id
 * in the song's progress before it polls, and a retried stage (the first attempt timed out, or its
 * worker died after creating the prediction) resumes that prediction instead of creating another.
 * Only a prediction that failed upstream is made again. Through the real worker and database,
 * against the fake prediction API (tests/_fakes/music.ts).
 */
import { assertEquals } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import { type Session, signIn } from "../_fakes/dj_session.ts";
import { FakeMusicApi } from "../_fakes/music.ts";
import { songPlan, studioCall } from "../_helpers/studio.ts";
import { createWorker } from "../../lib/ports/queue/worker.ts";
import { stagedJobsHandler } from "../../lib/ports/queue/jobs.ts";
import { songJob } from "../../lib/domains/studio/job.ts";
import { studioDeps } from "../../lib/domains/studio/service.ts";
import { createHttpMusicGenerator } from "../../lib/ports/music/http.ts";
import type { MusicGenerator } from "../../lib/ports/music/port.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };
const PLAN = songPlan({
  title: "Paid Once",
  structure: [{ name: "intro", bars: 1 }, { name: "chorus", bars: 2 }],
});

const call = studioCall;

/** A draft with PLAN, queued for generation (composing next). */
async function queued(app: TestApp, me: Session): Promise<string> {
  const made = await call(app, me, "POST", "/songs", { prompt: "a short synth pop sketch" });
  const id = made.json.song.id;
  for (let i = 0; i < 5; i++) await app.platform.worker.runOnce(); // enhancing → draft
  assertEquals((await call(app, me, "PUT", `/songs/${id}/plan`, { plan: PLAN })).status, 200);
  assertEquals((await call(app, me, "POST", `/songs/${id}/generate`)).status, 202);
  return id;
}

/** A worker whose songs are made by `music`; each message is redelivered at once on failure. */
async function workerWith(app: TestApp, music: MusicGenerator) {
  const deps = await studioDeps(app.platform);
  return createWorker({
    db: app.platform.db,
    handlers: {
      generation: stagedJobsHandler([songJob(() => Promise.resolve({ ...deps, music }))], {
        visibilityTimeout: 0,
      }),
    },
    maxAttempts: 4,
    log: () => {},
  });
}

async function song(app: TestApp, me: Session, id: string) {
  return (await call(app, me, "GET", `/songs/${id}`)).json.song;
}

Deno.test({
  name: "studio prediction - a stage that timed out is retried on the same prediction",
  ...opts,
}, async () => {
  await using fake = new FakeMusicApi();
  await using app = await startTestApp({ WORKER: "off" });
  const me = await signIn(app, "paid-once@example.com");
  const id = await queued(app, me);
  const worker = await workerWith(
    app,
    createHttpMusicGenerator({ ...fake.config(), pollMs: 5, timeoutMs: 400 }),
  );
  fake.outcome = "never"; // the first attempt's deadline passes while the provider works
  await worker.runOnce(); // composing
  await worker.runOnce(); // rendering: times out
  const waiting = await song(app, me, id);
  assertEquals([waiting.status, waiting.stage], ["running", "rendering"]);
  assertEquals(fake.creates.length, 1);
  assertEquals(waiting.progress.prediction, [...fake.predictions.keys()][0], "the id is stored");
  assertEquals(fake.cancelled, [], "a stored prediction is not cancelled by the deadline");

  fake.outcome = "succeed";
  for (let i = 0; i < 6 && (await song(app, me, id)).status === "running"; i++) {
    await worker.runOnce();
  }
  const done = await song(app, me, id);
  assertEquals(done.status, "done", done.error ?? "");
  assertEquals(fake.creates.length, 1, "exactly one prediction for the song");
});

Deno.test({
  name: "studio prediction - a worker that died after creating it: the retry resumes, once",
  ...opts,
}, async () => {
  await using fake = new FakeMusicApi();
  await using app = await startTestApp({ WORKER: "off" });
  const me = await signIn(app, "crash@example.com");
  const id = await queued(app, me);
  const http = createHttpMusicGenerator({ ...fake.config(), pollMs: 5, timeoutMs: 5000 });
  // The first attempt's worker is lost right after its checkpoint (killed, or hung past the
  // message's visibility timeout): it never cancels anything, and its message comes back.
  const lost = new AbortController();
  let crashes = 1;
  const crashing: MusicGenerator = {
    name: "http",
    generate: (req, o) => {
      if (crashes-- <= 0) return http.generate(req, o);
      return new Promise((_, reject) => {
        http.generate(req, {
          signal: lost.signal,
          onCreated: async (pid) => {
            await o.onCreated?.(pid);
            reject(new Error("worker lost"));
          },
        }).catch(() => {/* the lost worker's own end is nobody's business */});
      });
    },
  };
  const worker = await workerWith(app, crashing);
  for (let i = 0; i < 8 && (await song(app, me, id)).status !== "done"; i++) {
    await worker.runOnce();
  }
  const done = await song(app, me, id);
  assertEquals(done.status, "done", done.error ?? "");
  assertEquals(fake.creates.length, 1, "exactly one prediction for the song");
  assertEquals(done.progress.prediction, undefined, "a finished song's progress is its own");
  lost.abort();
});

Deno.test({
  name: "studio prediction - a prediction that failed upstream is made again on the retry",
  ...opts,
}, async () => {
  await using fake = new FakeMusicApi();
  await using app = await startTestApp({ WORKER: "off" });
  const me = await signIn(app, "failed-upstream@example.com");
  const id = await queued(app, me);
  const worker = await workerWith(
    app,
    createHttpMusicGenerator({ ...fake.config(), pollMs: 5, timeoutMs: 5000 }),
  );
  fake.outcome = "fail";
  await worker.runOnce(); // composing
  await worker.runOnce(); // rendering: the provider fails it
  assertEquals(fake.creates.length, 1);
  fake.outcome = "succeed";
  for (let i = 0; i < 6 && (await song(app, me, id)).status === "running"; i++) {
    await worker.runOnce();
  }
  assertEquals((await song(app, me, id)).status, "done");
  assertEquals(fake.creates.length, 2, "the failed one is not resumed");
});
