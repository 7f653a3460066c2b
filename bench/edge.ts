/**
 * `edge.overhead_us`: what the one request pipeline (lib/web/edge.ts) costs per request. The same
 * fixture app (lib/fresh_runtime/testdata) is built twice, bare and with the edge in front, and
 * both answer the same signed-in page view through `fetch` in this process, alternating in
 * batches (the fastest batch of each side counts); the difference is the edge's cost. `edge.overhead_post_us`
 * does the same for a form post (body cap, parse, text checks, CSRF).
 */
import { createApp } from "../lib/fresh_runtime/mod.ts";
import { createEdge, JSON_PATHS } from "../lib/web/edge.ts";
import { startTestApp } from "../tests/_helpers/app.ts";
import type { State } from "../utils.ts";
import { requestState } from "../server.ts";
import { type Result, summarise } from "./results.ts";

export const EDGE_METRICS = ["edge.overhead_us", "edge.overhead_post_us"];

const FIXTURE = new URL("../lib/fresh_runtime/testdata/", import.meta.url).pathname;
const BATCH = 1000;

type Fetch = (req: Request) => Promise<Response>;

async function batchUs(fetch: Fetch, make: () => Request): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < BATCH; i++) await (await fetch(make())).arrayBuffer();
  return ((performance.now() - t0) * 1000) / BATCH;
}

/** Per-request µs of `a` and `b`, batches alternating; the fastest batch of each (least noise). */
async function paired(a: Fetch, b: Fetch, make: () => Request): Promise<[number, number]> {
  let bestA = Infinity;
  let bestB = Infinity;
  for (let i = 0; i < 4; i++) {
    bestA = Math.min(bestA, await batchUs(a, make));
    bestB = Math.min(bestB, await batchUs(b, make));
  }
  return [bestA, bestB];
}

export async function edgeBench(opts: { runs: number }): Promise<Result[]> {
  await using app = await startTestApp({ API_RATE_LIMIT: "0", WORKER: "off" });
  const { platform } = app;
  const s = await platform.auth.signUp({
    email: "edge-bench@example.com",
    password: "password-123",
    metadata: { display_name: "Edge", is_musician: true },
  });
  const edge = createEdge(platform);
  const quiet = () => {};
  const bare = await createApp<{ trail: string[] }>({
    root: FIXTURE,
    log: quiet,
    initialState: () => ({ trail: [] }),
  });
  const withEdge = await createApp<State & { trail: string[] }>({
    root: FIXTURE,
    log: quiet,
    use: edge.use as never,
    jsonPaths: JSON_PATHS,
    initialState: () => ({ trail: [], ...requestState(platform, edge) }),
  });
  const cookie = `sc-access=${s.accessToken}; sc-csrf=tok`;
  const info = {
    remoteAddr: { transport: "tcp" as const, hostname: "127.0.0.1", port: 40000 },
    completed: Promise.resolve(),
  };
  const get = () => new Request("http://127.0.0.1:8000/plain", { headers: { cookie } });
  const post = () =>
    new Request("http://127.0.0.1:8000/plain", {
      method: "POST",
      headers: {
        cookie,
        origin: "http://127.0.0.1:8000",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "_csrf=tok&title=Jazz+night&fee=250&notes=" + "x".repeat(500),
    });
  const bareFetch: Fetch = (r) => bare.fetch(r, info);
  const edgeFetch: Fetch = (r) => withEdge.fetch(r, info);
  // Warm both (JIT, token cache) before measuring.
  await paired(bareFetch, edgeFetch, get);
  const overGet: number[] = [];
  const overPost: number[] = [];
  for (let run = 1; run <= opts.runs; run++) {
    const [b, e] = await paired(bareFetch, edgeFetch, get);
    const [bp, ep] = await paired(bareFetch, edgeFetch, post);
    overGet.push(e - b);
    overPost.push(ep - bp);
    console.log(
      `run ${run}  edge   GET bare ${b.toFixed(1)} µs, with edge ${e.toFixed(1)} µs; ` +
        `POST bare ${bp.toFixed(1)} µs, with edge ${ep.toFixed(1)} µs`,
    );
  }
  return [
    summarise("edge.overhead_us", "µs", overGet),
    summarise("edge.overhead_post_us", "µs", overPost),
  ];
}
