/**
 * The song studio through the embedded app (issue 14), in the format of ../shared/BENCH.md; run by
 * bench/studio.ts (see there for the metrics and targets).
 *
 * - `generate`: a user of the JSON API makes a 30 s song, offline (no AI key, no music API): POST
 *   /api/studio/songs with a prompt asking for 30 seconds, follow the song until it is a draft,
 *   POST …/generate, follow it until it is done. The worker is the app's own loop (WORKER=on),
 *   woken by both POSTs as in production, so the time includes its hand-offs between stages. The
 *   user follows the song by polling GET /api/studio/songs/:id every `POLL_MS` (the page follows
 *   `song:<id>` live; polling overstates the wait by at most that much per step).
 * - `library`: GET /api/studio/songs (the library's first page, 20 songs) for a user with 500 done
 *   songs and their tracks, among 4,500 songs of 45 other users, under load from a second process
 *   (bench/load.ts, 32 keep-alive connections): paced at a stated rate, then flat out.
 *
 * @module
 */
import { startTestApp, type TestApp } from "../tests/_helpers/app.ts";
import { COOKIE } from "../lib/web/cookies.ts";
import { planSeconds, type SongPlan } from "../lib/domains/studio/plan.ts";
import type { LoadResult } from "./load.ts";

export class StudioBenchFailure extends Error {}

const POLL_MS = 20;
const CSRF = "benchcsrftoken0123456789abcdef";
const LOAD_SCRIPT = new URL("./load.ts", import.meta.url).pathname;
const ROOT = new URL("../", import.meta.url).pathname;
export const PROMPT = "An upbeat pop song about summer nights by the sea, 30 seconds long";

export interface Window {
  durationS: number;
  warmupS: number;
  concurrency: number;
  /** Requests a second, paced (bench/load.ts `--rate`); null: flat out. */
  rate: number | null;
}

interface User {
  id: string;
  /** Cookie, CSRF and JSON headers, as the pages' scripts send them. */
  headers: Record<string, string>;
}

async function signUp(app: TestApp, email: string): Promise<User> {
  const s = await app.platform.auth.signUp({
    email,
    password: "bench-password-1",
    metadata: { display_name: "Bench Person" },
  });
  const claims = await app.platform.auth.verify(s.accessToken);
  if (!claims) throw new StudioBenchFailure("the bench user's access token does not verify");
  const cookie = `${COOKIE.access}=${s.accessToken}; ${COOKIE.csrf}=${CSRF}`;
  return {
    id: claims.sub,
    headers: { cookie, "x-csrf-token": CSRF, "content-type": "application/json" },
  };
}

interface SongJson {
  id: string;
  status: string;
  stage: string | null;
  error: string | null;
  plan: SongPlan | null;
  duration_ms: number | null;
}

async function api(app: TestApp, u: User, method: string, path: string, want: number) {
  const res = await app.fetch(`/api/studio${path}`, { method, headers: u.headers });
  const text = await res.text();
  if (res.status !== want) {
    throw new StudioBenchFailure(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  }
  return JSON.parse(text) as { song: SongJson };
}

/** Polls the song until it is `want`; fails on any other settled status or after a minute. */
async function follow(app: TestApp, u: User, id: string, want: string): Promise<SongJson> {
  const until = performance.now() + 60_000;
  while (true) {
    const { song } = await api(app, u, "GET", `/songs/${id}`, 200);
    if (song.status === want) return song;
    if (!["queued", "running"].includes(song.status) || performance.now() > until) {
      throw new StudioBenchFailure(`song ${id} is ${song.status} (${song.error}), not ${want}`);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** One song from prompt to done: [total, prompt → draft, generate → done] in ms. */
async function makeSong(app: TestApp, u: User): Promise<[number, number, number]> {
  const t0 = performance.now();
  const made = await app.fetch("/api/studio/songs", {
    method: "POST",
    headers: u.headers,
    body: JSON.stringify({ prompt: PROMPT }),
  });
  const body = await made.text();
  if (made.status !== 202) {
    throw new StudioBenchFailure(`POST /songs answered ${made.status}: ${body.slice(0, 300)}`);
  }
  const id = (JSON.parse(body) as { song: SongJson }).song.id;
  const draft = await follow(app, u, id, "draft");
  const t1 = performance.now();
  const seconds = planSeconds(draft.plan!);
  if (Math.abs(seconds - 30) > 4) {
    throw new StudioBenchFailure(`the plan for a 30 s song lasts ${seconds.toFixed(1)} s`);
  }
  await api(app, u, "POST", `/songs/${id}/generate`, 202);
  const done = await follow(app, u, id, "done");
  const t2 = performance.now();
  if ((done.duration_ms ?? 0) < 30_000) {
    throw new StudioBenchFailure(`the song lasts ${done.duration_ms} ms, not 30 s`);
  }
  return [t2 - t0, t1 - t0, t2 - t1];
}

/** `runs` songs after one discarded warm-up song (JIT, first plans): the totals in ms. */
export async function generateRuns(runs: number, logLevel: string): Promise<number[]> {
  await using app = await startTestApp({ WORKER: "on", LOG_LEVEL: logLevel });
  const u = await signUp(app, "studio-bench@example.com");
  const totals: number[] = [];
  for (let run = 0; run <= runs; run++) {
    // The free plan makes 3 songs a month: the bench gives them back between songs.
    await app.platform.db.asService((tx) =>
      tx.query("delete from private.song_usage where user_id = $1", [u.id])
    );
    const [total, plan, gen] = await makeSong(app, u);
    if (run > 0) totals.push(total);
    console.log(
      `${run ? `run ${run}` : "warm-up"}  studio.generate  ${total.toFixed(0)} ms ` +
        `(prompt → draft ${plan.toFixed(0)} ms, generate → done ${gen.toFixed(0)} ms)`,
    );
  }
  return totals;
}

const GENRES = ["pop", "rock", "hip hop", "jazz", "electronic", "folk", "r&b", "country", "lo-fi"];
const MOODS = ["upbeat", "melancholy", "dreamy", "energetic", "calm", "dark"];

/**
 * `n` done songs of `owner` (every third named by the user, the rest by their plan; half with
 * lyrics), each with its files' paths, 800 peaks and a studio track, one every 7 hours back in
 * time. Foreign keys are off while seeding: `owner` may be a bare uuid (another user).
 */
async function seedSongs(app: TestApp, owner: string, n: number, template: SongPlan) {
  await app.platform.db.driver.transaction(async (tx) => {
    await tx.exec("set local session_replication_role = replica");
    await tx.query(
      `with g as (
         select i, gen_random_uuid() as id, gen_random_uuid() as track_id,
                ($3::text[])[1 + i % cardinality($3::text[])] as genre,
                ($4::text[])[1 + i % cardinality($4::text[])] as mood,
                70 + (i * 7) % 90 as bpm, 24000 + (i * 37) % 12000 as ms,
                now() - make_interval(hours => i * 7) as at
           from generate_series(1, $2::int) i),
       t as (
         insert into public.tracks (id, source, title, artist, genres, moods, tempo, duration_ms,
                                    language, owner_id, audio_path, published, created_at)
         select track_id, 'studio', 'Song ' || i, 'Bench Person', array[genre], array[mood], bpm,
                ms, case when i % 2 = 0 then 'en' end, $1::uuid, $1 || '/' || id || '/song.mp3',
                i % 5 = 0, at
           from g)
       insert into public.songs (id, owner_id, title, prompt, language, plan, plan_source, lyrics,
         seed, status, stage, progress, quota_month, wav_path, mp3_path, midi_path, stems, peaks,
         duration_ms, track_id, created_at, updated_at, generated_at, finished_at)
       select id, $1::uuid, case when i % 3 = 0 then 'My song ' || i end,
              'A ' || mood || ' ' || genre || ' song about the city at night, take ' || i, 'en',
              $5::jsonb || jsonb_build_object('title', 'Song ' || i, 'genre', genre, 'mood', mood,
                                              'tempo_bpm', bpm, 'vocals', i % 2 = 0),
              'offline',
              case when i % 2 = 0 then jsonb_build_object('sections', jsonb_build_array(
                jsonb_build_object('name', 'verse', 'lines',
                  jsonb_build_array('Neon on the water', 'We drive until the morning')))) end,
              i, 'done', null, '{"percent": 100}', date_trunc('month', at)::date,
              $1 || '/' || id || '/song.wav', $1 || '/' || id || '/song.mp3',
              $1 || '/' || id || '/song.mid',
              (select jsonb_object_agg(s, $1 || '/' || id || '/' || s || '.wav')
                 from unnest(array['drums', 'bass', 'chords', 'lead']) s),
              (select jsonb_agg(jsonb_build_array(-round((0.2 + (k * i % 80) / 100.0), 3),
                                                  round((0.2 + (k * i % 80) / 100.0), 3)))
                 from generate_series(1, 800) k),
              ms, track_id, at, at + interval '40 seconds', at + interval '5 seconds',
              at + interval '40 seconds'
         from g`,
      [owner, n, GENRES, MOODS, JSON.stringify(template)],
    );
  });
}

/** Runs bench/load.ts in a second process against `url`; any error fails the bench. */
async function load(url: string, headers: Record<string, string>, w: Window) {
  const args = ["run", "-A", LOAD_SCRIPT, "--url", url, "--concurrency", String(w.concurrency)];
  args.push("--duration", String(w.durationS), "--warmup", String(w.warmupS));
  if (w.rate !== null) args.push("--rate", String(w.rate));
  for (const [k, v] of Object.entries(headers)) args.push("--header", `${k}: ${v}`);
  const child = new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const timer = setTimeout(() => child.kill("SIGKILL"), (w.durationS + w.warmupS + 60) * 1000);
  const out = await child.output();
  clearTimeout(timer);
  if (!out.success) {
    throw new StudioBenchFailure(`load failed: ${new TextDecoder().decode(out.stderr).trim()}`);
  }
  const lines = new TextDecoder().decode(out.stdout).trim().split("\n");
  const r = JSON.parse(lines.at(-1)!) as LoadResult;
  if (r.errors > 0 || r.requests === 0) {
    throw new StudioBenchFailure(`library: ${r.errors} error(s), first: ${r.first_error}`);
  }
  return r;
}

/**
 * The library's first page under load, `runs` times: each run's p95 at `w.rate` requests a
 * second, then its p95 and throughput flat out.
 */
export async function libraryRuns(
  runs: number,
  w: Window & { rate: number },
  logLevel: string,
  template: SongPlan,
): Promise<{ p95: number[]; rps: number[]; saturatedP95: number[] }> {
  await using app = await startTestApp({ WORKER: "off", LOG_LEVEL: logLevel });
  const u = await signUp(app, "studio-library@example.com");
  const t0 = performance.now();
  await seedSongs(app, u.id, 500, template);
  for (let k = 0; k < 45; k++) await seedSongs(app, crypto.randomUUID(), 100, template);
  console.log(`studio.library  seeded 5,000 songs in ${(performance.now() - t0).toFixed(0)} ms`);
  const first = await app.fetch("/api/studio/songs", { headers: { cookie: u.headers.cookie } });
  const page = await first.json() as { items: SongJson[]; nextCursor: string | null };
  if (first.status !== 200 || page.items.length !== 20 || !page.nextCursor) {
    throw new StudioBenchFailure(`GET /api/studio/songs: ${first.status}, not a full first page`);
  }
  const out = { p95: [] as number[], rps: [] as number[], saturatedP95: [] as number[] };
  const url = `${app.url}/api/studio/songs`;
  for (let run = 1; run <= runs; run++) {
    const paced = await load(url, { cookie: u.headers.cookie }, w);
    const flat = await load(url, { cookie: u.headers.cookie }, { ...w, rate: null });
    out.p95.push(paced.p95_ms);
    out.rps.push(flat.rps);
    out.saturatedP95.push(flat.p95_ms);
    console.log(
      `run ${run}  studio.library  at ${w.rate}/s: p50 ${paced.p50_ms} ms p95 ${paced.p95_ms} ms` +
        `  flat out: ${flat.rps} req/s p95 ${flat.p95_ms} ms`,
    );
  }
  return out;
}
