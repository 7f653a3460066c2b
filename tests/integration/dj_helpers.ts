/**
 * The DJ tests' way to make a playlist now that a run goes on as jobs: start it over HTTP (201,
 * `queued`), then drive the worker (the tests start their apps with WORKER off) until the run is
 * finished, and read it back as its owner would. And a platform song with real audio, for the
 * listening tests.
 */
import { assertEquals } from "../_helpers/assert.ts";
import type { TestApp } from "../_helpers/app.ts";
import type { DjRunWithTracks } from "../../lib/domains/dj/types.ts";
import { isPending } from "../../lib/browser/dj_view.ts";
import { encodeWav } from "../../lib/audio/wav.ts";

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

/** Three seconds of a 440 Hz tone, as a WAV file. */
export function tone(): Uint8Array {
  const rate = 22050;
  const samples = new Float32Array(rate * 3).map((_, i) =>
    0.2 * Math.sin(2 * Math.PI * 440 * i / rate)
  );
  return encodeWav([samples], rate);
}

/** A studio song of `owner` with its audio in the `tracks` bucket; its track id. */
export async function platformSong(
  app: TestApp,
  owner: string,
  title: string,
  published: boolean,
): Promise<string> {
  // As the studio's uploading stage does it: the owner writes into the song's own folder.
  const song = crypto.randomUUID();
  await app.platform.db.asService((tx) =>
    tx.query(
      `insert into public.songs (id, owner_id, prompt, status, stage)
       values ($1, $2, 'a test song', 'running', 'uploading')`,
      [song, owner],
    )
  );
  const path = `${owner}/${song}/song.wav`;
  await app.platform.storage.upload(
    { claims: { sub: owner, role: "authenticated" } },
    "tracks",
    path,
    tone(),
    "audio/wav",
  );
  await app.platform.db.asService((tx) =>
    tx.query("update public.songs set status = 'cancelled', stage = null where id = $1", [song])
  );
  const [{ id }] = await app.platform.db.asService((tx) =>
    tx.query<{ id: string }>(
      `insert into public.tracks (source, title, artist, owner_id, genres, moods, energy, valence,
                                  danceability, tempo, duration_ms, audio_path, published)
       values ('studio', $2, 'Studio Sam', $1, '{ambient,piano,instrumental}',
               '{calm,focus,melancholic}', 0.2, 0.35, 0.3, 70, 3000, $3, $4)
       returning id`,
      [owner, title, path, published],
    )
  );
  return id;
}
