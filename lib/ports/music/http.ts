/**
 * The live music generator: a hosted prediction API in Replicate's shape. `POST {baseUrl}/predictions`
 * (bearer token) with the model and the input built from the plan (http_input.ts) answers
 * `{ id, status, output, error, logs, urls }`; the prediction is polled until it has succeeded,
 * failed or been cancelled, within one overall deadline; its output (a URL, a list of URLs, or an
 * object of named URLs: a mix and perhaps stems) is downloaded and decoded (http_audio.ts).
 *
 * - Polls every `pollMs`; a 429, a 5xx or a network error backs off (Retry-After when given,
 *   else doubling) and tries again, up to `MAX_POLL_FAILURES` in a row.
 * - The deadline or an aborted `signal` cancels the prediction at the provider (best effort), so
 *   nobody pays for a song that nobody waits for. A caller that stores the id (`onCreated`) gets
 *   it before any poll and may `resume` it on a retry, so one song is paid once: then only an
 *   abort (or a failed checkpoint) cancels it, and a retry polls the same prediction, creating a
 *   new one only if it failed, was cancelled or is gone.
 * - Only URLs of the provider's own origin get the token: `urls.get`/`urls.cancel` elsewhere are
 *   ignored in favour of `{baseUrl}/predictions/{id}`, and output files elsewhere (a CDN) are
 *   fetched without it.
 * - Errors are `MusicServiceError`s whose message is meant for the user.
 *
 * @module
 */
import { z } from "zod";
import { AudioFormatError, decodeAudio } from "./http_audio.ts";
import { musicInput, songSeconds } from "./http_input.ts";
import {
  backoffMs,
  download,
  isBusy,
  MusicServiceError,
  refusal,
  retryAfterMs,
  sleep,
} from "./http_wire.ts";
import type { MusicGenerator } from "./port.ts";

export { MusicServiceError };

export interface HttpMusicConfig {
  /** e.g. `https://api.replicate.com/v1`; a fake on 127.0.0.1 in tests. */
  baseUrl: string;
  token: string;
  /** `owner/name` (sent as `model`), or a version id / `owner/name:version` (sent as `version`). */
  model: string;
  pollMs?: number;
  /** The whole generation, from create to decoded audio; default 60 s (the studio's SLA). */
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

const Prediction = z.object({
  id: z.string().min(1).max(200),
  status: z.string(),
  output: z.unknown().optional(),
  error: z.unknown().optional(),
  logs: z.string().nullish(),
  urls: z.object({ get: z.string(), cancel: z.string() }).partial().nullish(),
});
type Prediction = z.infer<typeof Prediction>;

const DONE = new Set(["succeeded", "failed", "canceled", "aborted"]);
const MAX_POLL_FAILURES = 5;
/** Named outputs taken as stems when a model returns an object of files. */
const STEMS = ["drums", "bass", "vocals", "other", "chords", "lead", "piano", "guitar", "melody"];

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(ms < 10_000 ? 1 : 0))} s`;

/** The last percentage in the provider's logs (tqdm-style progress bars), or null. */
export function logPercent(logs: string | null | undefined): number | null {
  const all = [...(logs ?? "").matchAll(/(\d{1,3}(?:\.\d+)?)\s?%/g)];
  const last = all.length ? Number(all[all.length - 1][1]) : NaN;
  return last >= 0 && last <= 100 ? last : null;
}

/** The main audio URL and any named stems, from the shapes hosted models answer with. */
export function outputFiles(output: unknown): { main: string; stems: Record<string, string> } {
  if (typeof output === "string") return { main: output, stems: {} };
  if (Array.isArray(output) && typeof output[0] === "string") return { main: output[0], stems: {} };
  if (output && typeof output === "object" && !Array.isArray(output)) {
    const files = Object.entries(output).filter((e): e is [string, string] =>
      typeof e[1] === "string"
    );
    const stems = Object.fromEntries(files.filter(([k]) => STEMS.includes(k)));
    const main = files.find(([k]) => ["audio", "mix", "wav", "mp3", "output"].includes(k)) ??
      files.find(([k]) => !STEMS.includes(k));
    if (main) return { main: main[1], stems };
  }
  throw new MusicServiceError("The music service finished without an audio file.", "failed", true);
}

export function createHttpMusicGenerator(config: HttpMusicConfig): MusicGenerator {
  if (!config.model.trim()) throw new Error("The music service needs a model: set MUSIC_MODEL.");
  const base = config.baseUrl.replace(/\/+$/, "");
  const origin = new URL(base).origin;
  const doFetch = config.fetch ?? fetch;
  const now = config.now ?? Date.now;
  const pollMs = config.pollMs ?? 1000;
  const timeoutMs = config.timeoutMs ?? 60_000;
  const auth = { authorization: `Bearer ${config.token}` };
  const at = config.model.lastIndexOf(":");
  const version = at >= 0
    ? config.model.slice(at + 1)
    : /^[0-9a-f]{64}$/.test(config.model)
    ? config.model
    : null;
  const target = version ? { version } : { model: config.model };
  /** A URL the provider gave, if it is on the provider's own origin; else `fallback`. */
  const own = (given: string | undefined, fallback: string) => {
    try {
      return given && new URL(given, base).origin === origin ? new URL(given, base).href : fallback;
    } catch {
      return fallback;
    }
  };

  return {
    name: "http",
    async generate({ plan, lyrics, seed }, opts) {
      const user = opts.signal ?? new AbortController().signal;
      user.throwIfAborted();
      const started = now();
      const deadline = started + timeoutMs;
      const left = () => Math.max(1, deadline - now());
      /** The user's signal, and the deadline for one request. */
      const step = () => AbortSignal.any([user, AbortSignal.timeout(left())]);
      const timedOut = () =>
        new MusicServiceError(
          `The music service did not finish within ${seconds(timeoutMs)}.`,
          "timeout",
          true,
        );
      /** Aborts and deadlines surface as the user's reason or the timeout error. */
      const settle = (err: unknown): never => {
        if (user.aborted) throw user.reason;
        if (err instanceof DOMException && err.name === "TimeoutError") throw timedOut();
        throw err;
      };
      let shown = -1;
      const progress = (p: number) => {
        const percent = Math.min(100, Math.max(0, Math.floor(p)));
        if (percent > shown) opts.onProgress?.(shown = percent);
      };
      const expectedMs = Math.min(timeoutMs, Math.max(10_000, songSeconds(plan) * 1000));

      const call = async (url: string, init: RequestInit, signal = step()) => {
        try {
          return await doFetch(url, { ...init, signal, headers: { ...auth, ...init.headers } });
        } catch (err) {
          if (signal.aborted) throw signal.reason;
          const why = err instanceof Error ? err.message : String(err);
          throw new MusicServiceError(
            `Could not reach the music service: ${why}`,
            "unavailable",
            true,
          );
        }
      };
      progress(0);

      // Create. Only a 429 certainly created nothing, so only it is retried.
      const body = JSON.stringify({ ...target, input: musicInput(plan, lyrics, seed) });
      const create = async () => {
        for (let attempt = 1;; attempt++) {
          const res = await call(`${base}/predictions`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body,
          });
          if (res.ok) return await parsePrediction(res);
          if (res.status !== 429 || attempt >= MAX_POLL_FAILURES) throw await refusal(res);
          const wait = retryAfterMs(res) ?? backoffMs(pollMs, attempt);
          await res.body?.cancel();
          if (now() + wait >= deadline) throw timedOut();
          await sleep(wait, user);
        }
      };
      /** An earlier attempt's prediction; null if it failed, was cancelled or is gone. */
      const resumed = async (id: string): Promise<Prediction | null> => {
        const polling = { id, status: "processing" }; // the poll loop backs off from trouble
        const res = await call(`${base}/predictions/${encodeURIComponent(id)}`, { method: "GET" })
          .catch((err) => {
            if (err instanceof MusicServiceError) return null;
            throw err;
          });
        if (!res || isBusy(res.status) || res.status === 404) {
          await res?.body?.cancel();
          return res?.status === 404 ? null : polling;
        }
        if (!res.ok) throw await refusal(res);
        const q = await parsePrediction(res);
        return ["failed", "canceled", "aborted"].includes(q.status) ? null : q;
      };
      const given = opts.resume ? await resumed(opts.resume).catch(settle) : null;
      let p = given ?? await create().catch(settle);
      const getUrl = own(p.urls?.get, `${base}/predictions/${encodeURIComponent(p.id)}`);
      const cancelUrl = own(p.urls?.cancel, `${getUrl}/cancel`);
      const cancel = () =>
        call(cancelUrl, { method: "POST" }, AbortSignal.timeout(5000))
          .then((res) => res.body?.cancel())
          .catch(() => {/* best effort: the provider's own deadline ends it anyway */});
      if (!given && opts.onCreated) {
        // Not stored, it could not be resumed: a retry would pay again, so stop it now.
        await Promise.resolve(opts.onCreated(p.id)).catch(async (err) => {
          await cancel();
          throw err;
        });
      }
      progress(2);

      // Poll until done. On any way out but success or bad credentials, cancel it there, unless
      // the caller stored it to resume (then only the user's abort cancels it).
      try {
        let failures = 0;
        let wait = pollMs;
        while (!DONE.has(p.status)) {
          await sleep(Math.min(wait, deadline - now()), user);
          if (now() >= deadline) throw timedOut();
          let res: Response | null = null;
          let unreachable: MusicServiceError | null = null;
          try {
            res = await call(getUrl, { method: "GET" });
          } catch (err) {
            if (!(err instanceof MusicServiceError)) throw err; // aborted, or the deadline
            unreachable = err;
          }
          if (!res || isBusy(res.status)) {
            if (++failures >= MAX_POLL_FAILURES) throw res ? await refusal(res) : unreachable;
            wait = (res && retryAfterMs(res)) ?? backoffMs(pollMs, failures);
            await res?.body?.cancel();
            continue;
          }
          if (!res.ok) throw await refusal(res);
          p = await parsePrediction(res);
          failures = 0;
          wait = pollMs;
          const fromLogs = logPercent(p.logs);
          const done = fromLogs ?? 100 * Math.min(0.95, (now() - started) / expectedMs);
          progress(2 + 0.88 * done);
        }
      } catch (err) {
        const kept = opts.onCreated !== undefined && !user.aborted;
        if (!kept && !(err instanceof MusicServiceError && err.reason === "unauthorized")) {
          await cancel();
        }
        settle(err);
      }

      if (p.status !== "succeeded") {
        const error = typeof p.error === "string" ? p.error.trim().slice(0, 300) : "";
        const failed = p.status === "failed";
        throw new MusicServiceError(
          `The music service could not make this song: ${
            error || (failed ? "no reason given" : "it was cancelled")
          }.`,
          failed ? "failed" : "canceled",
          !failed,
        );
      }
      progress(90);

      // Download and decode. Files can be large: at least 15 s even if generation used the rest.
      const files = outputFiles(p.output);
      const fetchAudio = async (url: string) => {
        const href = new URL(url, base).href;
        const signal = AbortSignal.any([user, AbortSignal.timeout(Math.max(15_000, left()))]);
        const got = await download(
          doFetch,
          href,
          new URL(href).origin === origin ? auth : undefined,
          signal,
        );
        try {
          return await decodeAudio(got.bytes, got.contentType);
        } catch (err) {
          if (!(err instanceof AudioFormatError)) throw err;
          throw new MusicServiceError(
            `The music service sent audio Soundcheck cannot use: ${err.message}.`,
            "failed",
            false,
          );
        }
      };
      const names = Object.keys(files.stems);
      const [main, ...stems] = await Promise.all(
        [files.main, ...names.map((n) => files.stems[n])].map(fetchAudio),
      ).catch(settle);
      progress(100);
      if (!names.length) return main;
      return { ...main, stems: Object.fromEntries(names.map((n, i) => [n, stems[i]])) };
    },
  };
}

async function parsePrediction(res: Response): Promise<Prediction> {
  const parsed = Prediction.safeParse(await res.json().catch(() => null));
  if (!parsed.success) {
    throw new MusicServiceError(
      "The music service answered with something that is not a prediction.",
      "unavailable",
      true,
    );
  }
  return parsed.data;
}
