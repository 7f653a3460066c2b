/**
 * The DJ tests' way to make a playlist now that a run goes on as jobs: start it over HTTP (201,
 * `queued`), then drive the worker (the tests start their apps with WORKER off) until the run is
 * finished, and read it back as its owner would.
 */
import { assertEquals } from "../_helpers/assert.ts";
import type { TestApp } from "../_helpers/app.ts";
import type { DjRunWithTracks } from "../../lib/domains/dj/types.ts";
import { isPending } from "../../lib/browser/dj_view.ts";

/** POST /api/dj/runs: the run as answered at once (201, queued). */
export async function startRun(
  app: TestApp,
  headers: Record<string, string>,
  body: Record<string, unknown>,
): Promise<DjRunWithTracks> {
  const res = await app.fetch("/api/dj/runs", {
    method: "POST",
    headers,
    body: JSON.stringify(body),
  });
  const json = await res.json();
  assertEquals(res.status, 201, JSON.stringify(json).slice(0, 300));
  assertEquals([json.run.status, json.run.stage, json.run.tracks], ["queued", "interpret", []]);
  return json.run;
}

/** Runs the worker until run `id` is finished; the run as GET /api/dj/runs/<id> shows it. */
export async function finishRun(
  app: TestApp,
  headers: Record<string, string>,
  id: string,
): Promise<DjRunWithTracks> {
  // Three stages, each a message of its own: a few rounds at most.
  for (let round = 0; round < 10; round++) {
    const res = await app.fetch(`/api/dj/runs/${id}`, { headers });
    const { run } = await res.json() as { run: DjRunWithTracks };
    if (!isPending(run.status)) return run;
    await app.platform.worker.runOnce();
  }
  throw new Error(`DJ run ${id} did not finish`);
}

/** A whole playlist: started, then finished by the worker. */
export async function makeRun(
  app: TestApp,
  headers: Record<string, string>,
  body: Record<string, unknown>,
): Promise<DjRunWithTracks> {
  return await finishRun(app, headers, (await startRun(app, headers, body)).id);
}
