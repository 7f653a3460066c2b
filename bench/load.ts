/**
 * The load generator, run by bench/run.ts as a second process: keeps `--concurrency` fetches in
 * flight (HTTP/1.1 keep-alive, one connection per worker) against `--url` for `--duration`
 * seconds after `--warmup` seconds, and prints one JSON line:
 * `{requests, errors, rps, p50_ms, p95_ms, first_error}`.
 *
 * With `--rate R`, requests are paced instead: request i is due at i / R seconds and sent by worker
 * i mod concurrency once due and free; its latency counts from when it was due, so waiting for a
 * busy worker counts too. The p95 then answers "how long at R requests a second", not "how long
 * when the server is saturated" (where it is about concurrency divided by throughput).
 *
 * A response that is not 2xx, or a fetch that throws, counts as an error (and is not a request).
 *
 * @example
 * ```sh
 * deno run -A bench/load.ts --url http://127.0.0.1:8000/ --duration 3 --header "cookie: a=b"
 * ```
 *
 * @module
 */

export interface LoadResult {
  requests: number;
  errors: number;
  rps: number;
  p50_ms: number;
  p95_ms: number;
  /** The first error seen (status and body start, or the thrown message), for the bench's report. */
  first_error: string | null;
}

export interface LoadOptions {
  url: string;
  headers: Record<string, string>;
  concurrency: number;
  durationS: number;
  warmupS: number;
  /** Requests a second, paced; null: every worker sends as soon as its last answer came. */
  rate: number | null;
}

export function parseArgs(args: string[]): LoadOptions {
  const opts: LoadOptions = {
    url: "",
    headers: {},
    concurrency: 32,
    durationS: 3,
    warmupS: 0.5,
    rate: null,
  };
  for (let i = 0; i < args.length; i++) {
    const value = args[i + 1];
    if (value === undefined) throw new Error(`${args[i]} needs a value`);
    switch (args[i]) {
      case "--url":
        opts.url = value;
        break;
      case "--header": {
        const at = value.indexOf(":");
        if (at < 1) throw new Error(`--header wants "name: value", got ${value}`);
        opts.headers[value.slice(0, at).trim().toLowerCase()] = value.slice(at + 1).trim();
        break;
      }
      case "--concurrency":
        opts.concurrency = Number(value);
        break;
      case "--duration":
        opts.durationS = Number(value);
        break;
      case "--warmup":
        opts.warmupS = Number(value);
        break;
      case "--rate":
        opts.rate = Number(value);
        break;
      default:
        throw new Error(`Unknown argument ${args[i]}`);
    }
    i++;
  }
  if (!opts.url.startsWith("http://127.0.0.1:")) {
    throw new Error("--url must be http://127.0.0.1:<port>/…");
  }
  const rateOk = opts.rate === null || opts.rate > 0;
  if (!(opts.concurrency >= 1 && opts.durationS > 0 && opts.warmupS >= 0 && rateOk)) {
    throw new Error("Bad numbers");
  }
  return opts;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return Math.round(sorted[i] * 100) / 100;
}

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  // Each worker owns one HTTP client with one connection, so exactly `concurrency` sockets are used.
  const clients = Array.from(
    { length: opts.concurrency },
    () => Deno.createHttpClient({ poolMaxIdlePerHost: 1 }),
  );
  const t0 = performance.now();
  const measureFrom = t0 + opts.warmupS * 1000;
  const stopAt = measureFrom + opts.durationS * 1000;
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  let errors = 0;
  let firstError: string | null = null;

  const record = (ms: number) => {
    if (count === latencies.length) {
      const grown = new Float64Array(latencies.length * 2);
      grown.set(latencies);
      latencies = grown;
    }
    latencies[count++] = ms;
  };

  // Paced: the next request's number, shared by the workers; its due time.
  let next = 0;
  const dueOf = (i: number) => t0 + (i * 1000) / opts.rate!;

  async function worker(client: Deno.HttpClient) {
    while (true) {
      let start = performance.now();
      if (opts.rate !== null) {
        const due = dueOf(next++);
        if (due >= stopAt) return;
        if (due > start) await new Promise((r) => setTimeout(r, due - start));
        start = due;
      }
      if (start >= stopAt) return;
      let failure: string | null = null;
      try {
        const res = await fetch(opts.url, { headers: opts.headers, redirect: "manual", client });
        const body = await res.text();
        if (res.status < 200 || res.status > 299) {
          failure = `HTTP ${res.status}: ${body.slice(0, 200)}`;
        }
      } catch (err) {
        failure = err instanceof Error ? err.message : String(err);
      }
      const end = performance.now();
      // A request counts when it started inside the window (the tail finishes a little after it).
      if (start < measureFrom) continue;
      if (failure) {
        errors++;
        firstError ??= failure;
      } else record(end - start);
    }
  }

  await Promise.all(clients.map(worker));
  const elapsedS = (Math.max(performance.now(), stopAt) - measureFrom) / 1000;
  for (const c of clients) c.close();
  const sorted = latencies.slice(0, count).sort();
  return {
    requests: count,
    errors,
    rps: Math.round((count / elapsedS) * 10) / 10,
    p50_ms: percentile(sorted, 0.5),
    p95_ms: percentile(sorted, 0.95),
    first_error: firstError,
  };
}

if (import.meta.main) {
  const result = await runLoad(parseArgs(Deno.args));
  console.log(JSON.stringify(result));
}
