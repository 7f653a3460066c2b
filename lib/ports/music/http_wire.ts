/**
 * HTTP plumbing of the music adapter (http.ts): its user-facing errors, how a provider's answer
 * becomes one, waiting (Retry-After, backoff), and downloading an output file with a size cap.
 *
 * @module
 */

type Failure = "refused" | "unauthorized" | "failed" | "canceled" | "timeout" | "unavailable";

/** A music-service failure, worded for the user; `retryable` tells the job whether to try again. */
export class MusicServiceError extends Error {
  override name = "MusicServiceError";
  constructor(message: string, readonly reason: Failure, readonly retryable: boolean) {
    super(message);
  }
}

/** The largest output file taken: 10 minutes of 48 kHz stereo 32-bit float is 230 MB. */
export const MAX_AUDIO_BYTES = 256 * 1024 * 1024;

/** Worth another try later: rate-limited or a server-side failure. */
export function isBusy(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Retry-After in ms (seconds or an HTTP date), or null. */
export function retryAfterMs(res: Response, now = Date.now()): number | null {
  const h = res.headers.get("retry-after");
  if (!h) return null;
  if (/^\d+(\.\d+)?$/.test(h.trim())) return Number(h) * 1000;
  const at = Date.parse(h);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Doubling from `pollMs`, capped at 10 s. */
export function backoffMs(pollMs: number, failures: number): number {
  return Math.min(10_000, pollMs * 2 ** failures);
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const done = () => {
      signal.removeEventListener("abort", stop);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    const stop = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", stop, { once: true });
  });
}

/** The provider's own words from an error body (`detail`, `error`, `title`…), short and plain. */
export async function providerDetail(res: Response): Promise<string> {
  const text = await res.text().catch(() => "");
  let detail = text;
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const nested = body.error && typeof body.error === "object"
      ? (body.error as Record<string, unknown>).message
      : body.error;
    const picked = [body.detail, nested, body.message, body.title].find((v) =>
      typeof v === "string" && v.trim()
    );
    if (typeof picked === "string") detail = picked;
  } catch { /* not JSON: the text itself */ }
  // deno-lint-ignore no-control-regex
  return detail.replace(/[\x00-\x1f<>]+/g, " ").replace(/\s+/g, " ").trim().slice(0, 300);
}

/** The error for a refused or failed request. */
export async function refusal(res: Response): Promise<MusicServiceError> {
  const detail = await providerDetail(res);
  if (res.status === 401 || res.status === 403) {
    return new MusicServiceError(
      `The music service refused our credentials (HTTP ${res.status}` +
        `${detail ? `: ${detail}` : ""}). An administrator must check MUSIC_API_TOKEN and ` +
        "MUSIC_MODEL.",
      "unauthorized",
      false,
    );
  }
  if (isBusy(res.status)) {
    return new MusicServiceError(
      `The music service is unavailable (HTTP ${res.status}); try again later.`,
      "unavailable",
      true,
    );
  }
  return new MusicServiceError(
    `The music service refused the request: ${detail || `HTTP ${res.status}`}`,
    "refused",
    false,
  );
}

/** GETs an output file (http, https or a data: URI) within the size cap. */
export async function download(
  doFetch: typeof fetch,
  url: string,
  headers: Record<string, string> | undefined,
  signal: AbortSignal,
): Promise<{ bytes: Uint8Array; contentType: string }> {
  const scheme = new URL(url).protocol;
  if (!["http:", "https:", "data:"].includes(scheme)) {
    throw new MusicServiceError(`The music service sent a ${scheme} link.`, "failed", false);
  }
  const res = await doFetch(url, { headers, signal });
  if (!res.ok) {
    const detail = await providerDetail(res);
    throw new MusicServiceError(
      `The music service's audio file could not be downloaded (HTTP ${res.status}` +
        `${detail ? `: ${detail}` : ""}).`,
      "unavailable",
      isBusy(res.status) || res.status === 404,
    );
  }
  const tooBig = () =>
    new MusicServiceError("The music service sent an audio file over 256 MB.", "failed", false);
  if (Number(res.headers.get("content-length") ?? 0) > MAX_AUDIO_BYTES) {
    await res.body?.cancel();
    throw tooBig();
  }
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body ?? new ReadableStream<Uint8Array>()) {
    size += chunk.length;
    if (size > MAX_AUDIO_BYTES) throw tooBig();
    parts.push(chunk);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return { bytes, contentType: res.headers.get("content-type") ?? "" };
}
