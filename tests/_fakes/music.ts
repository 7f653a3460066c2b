/**
 * A fake hosted music-generation API on 127.0.0.1, shaped like Replicate's predictions API:
 * `POST /v1/predictions` (bearer token; `{ model | version, input: { prompt, duration, seed } }`)
 * → `{ id, status, output, error, logs, urls: { get, cancel } }`; `GET /v1/predictions/:id` moves
 * it starting → processing → succeeded after `pollsToFinish` polls; `POST …/cancel` cancels;
 * `GET /files/:id.wav|mp3` serves the song: a real file of `input.duration` seconds (an A minor
 * sine chord) made with lib/audio. Every request is recorded. Zero latency.
 *
 * ```ts
 * await using fake = new FakeMusicApi();
 * const gen = createHttpMusicGenerator({ ...fake.config(), pollMs: 5 });
 * fake.outcome = "fail"; // or "never"; fake.pollErrors = [500]; fake.format = "mp3"
 * ```
 */
import { encodeWav } from "../../lib/audio/wav.ts";
import { encodeMp3 } from "../../lib/audio/mp3.ts";

export interface MusicCall {
  method: string;
  path: string;
  auth: string | null;
  body: Record<string, unknown> | null;
}

interface FakePrediction {
  id: string;
  polls: number;
  status: "starting" | "processing" | "succeeded" | "failed" | "canceled";
  duration: number;
}

export class FakeMusicApi implements AsyncDisposable {
  readonly token = `r8_fake_${crypto.randomUUID().slice(0, 8)}`;
  readonly model = "fake-owner/fake-musicgen";
  readonly calls: MusicCall[] = [];
  /** Ids of the predictions cancelled through the API. */
  readonly cancelled: string[] = [];
  readonly predictions = new Map<string, FakePrediction>();
  /** Polls a prediction takes to finish: the first moves it to processing. */
  pollsToFinish = 3;
  /** `succeed`; `fail` (status failed with `failMessage`); `never` (processing for ever). */
  outcome: "succeed" | "fail" | "never" = "succeed";
  failMessage = "CUDA out of memory";
  /** Statuses answered to the next polls instead of the prediction, in order (e.g. [500]). */
  pollErrors: number[] = [];
  /** Sent with each answer in `pollErrors`. */
  retryAfter?: string;
  /** The file served and its shape. */
  format: "wav" | "mp3" = "wav";
  sampleRate = 44100;
  channels: 1 | 2 = 2;
  /** How `output` is given: one URL, a list of URLs, or named files with stems. */
  outputShape: "url" | "list" | "stems" = "url";
  /** Logs carry a tqdm-style percentage while processing. */
  logs = true;
  private server: Deno.HttpServer<Deno.NetAddr>;
  private files = new Map<string, Uint8Array>();

  constructor() {
    this.server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen: () => {} },
      (req) => this.handle(req),
    );
  }

  get origin(): string {
    return `http://127.0.0.1:${this.server.addr.port}`;
  }

  get url(): string {
    return `${this.origin}/v1`;
  }

  /** For createHttpMusicGenerator. */
  config(): { baseUrl: string; token: string; model: string } {
    return { baseUrl: this.url, token: this.token, model: this.model };
  }

  env(): Record<string, string> {
    return { MUSIC_API_URL: this.url, MUSIC_API_TOKEN: this.token, MUSIC_MODEL: this.model };
  }

  /** The bodies of the create requests, in order. */
  get creates(): Record<string, unknown>[] {
    return this.calls.filter((c) => c.method === "POST" && c.path === "/v1/predictions")
      .map((c) => c.body ?? {});
  }

  get polls(): MusicCall[] {
    return this.calls.filter((c) => c.method === "GET" && c.path.startsWith("/v1/predictions/"));
  }

  private async handle(req: Request): Promise<Response> {
    const path = new URL(req.url).pathname;
    const text = req.method === "POST" ? await req.text() : "";
    let body: Record<string, unknown> | null = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch { /* recorded as null */ }
    const auth = req.headers.get("authorization");
    this.calls.push({ method: req.method, path, auth, body });

    const file = path.match(/^\/files\/([\w-]+\.(?:wav|mp3))$/);
    if (req.method === "GET" && file) return this.serveFile(file[1]);
    if (auth !== `Bearer ${this.token}`) {
      return Response.json({
        title: "Unauthenticated",
        detail: "You did not pass a valid authentication token",
        status: 401,
      }, { status: 401 });
    }
    if (req.method === "POST" && path === "/v1/predictions") return this.create(body);
    const m = path.match(/^\/v1\/predictions\/([\w-]+)(\/cancel)?$/);
    const p = m && this.predictions.get(m[1]);
    if (!p) return Response.json({ detail: "Not found." }, { status: 404 });
    if (req.method === "POST" && m[2]) {
      if (p.status === "starting" || p.status === "processing") p.status = "canceled";
      this.cancelled.push(p.id);
      return Response.json(this.view(p));
    }
    if (req.method === "GET" && !m[2]) return this.poll(p);
    return Response.json({ detail: "Method not allowed." }, { status: 405 });
  }

  private create(body: Record<string, unknown> | null): Response {
    const input = (body?.input ?? {}) as Record<string, unknown>;
    if (!body || (typeof body.model !== "string" && typeof body.version !== "string")) {
      return Response.json({ detail: "model or version is required" }, { status: 422 });
    }
    if (typeof input.prompt !== "string" || !input.prompt) {
      return Response.json({ detail: "input.prompt: This field is required." }, { status: 422 });
    }
    const duration = Number(input.duration);
    if (!Number.isFinite(duration) || duration < 1 || duration > 300) {
      return Response.json({ detail: "input.duration: must be 1 to 300" }, { status: 422 });
    }
    const p: FakePrediction = { id: crypto.randomUUID(), polls: 0, status: "starting", duration };
    this.predictions.set(p.id, p);
    return Response.json(this.view(p), { status: 201 });
  }

  private poll(p: FakePrediction): Response {
    const error = this.pollErrors.shift();
    if (error !== undefined) {
      const headers = this.retryAfter ? { "retry-after": this.retryAfter } : undefined;
      return Response.json({ detail: "Internal server error" }, { status: error, headers });
    }
    if (p.status === "starting" || p.status === "processing") {
      p.polls++;
      p.status = "processing";
      if (p.polls >= this.pollsToFinish && this.outcome !== "never") {
        p.status = this.outcome === "fail" ? "failed" : "succeeded";
      }
    }
    return Response.json(this.view(p));
  }

  private view(p: FakePrediction) {
    const url = (name: string) => `${this.origin}/files/${p.id}-${name}.${this.format}`;
    const output = p.status !== "succeeded"
      ? null
      : this.outputShape === "url"
      ? url("mix")
      : this.outputShape === "list"
      ? [url("mix")]
      : { audio: url("mix"), drums: url("drums"), vocals: url("vocals") };
    const percent = Math.min(99, Math.round((100 * p.polls) / this.pollsToFinish));
    return {
      id: p.id,
      model: this.model,
      status: p.status,
      output,
      error: p.status === "failed" ? this.failMessage : null,
      logs: this.logs && p.polls ? `Generating…\n${percent}%|████      | ${p.polls}/9` : "",
      urls: {
        get: `${this.url}/predictions/${p.id}`,
        cancel: `${this.url}/predictions/${p.id}/cancel`,
      },
    };
  }

  /** An A minor chord (A3, C4, E4), softer on the right; made once per file name. */
  private serveFile(name: string): Response {
    const id = name.replace(/-\w+\.\w+$/, "");
    const p = this.predictions.get(id);
    if (!p || p.status !== "succeeded") return new Response("no such file", { status: 404 });
    let bytes = this.files.get(name);
    if (!bytes) {
      const sr = this.sampleRate;
      const n = Math.round(p.duration * sr);
      const left = new Float32Array(n);
      const right = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        const t = i / sr;
        const x = [220, 261.63, 329.63].reduce((s, f) => s + Math.sin(2 * Math.PI * f * t), 0);
        left[i] = 0.25 * x;
        right[i] = 0.2 * x;
      }
      bytes = this.format === "mp3"
        ? encodeMp3(left, this.channels === 1 ? left : right, sr, 128)
        : encodeWav(this.channels === 1 ? [left] : [left, right], sr);
      this.files.set(name, bytes);
    }
    const type = this.format === "mp3" ? "audio/mpeg" : "audio/wav";
    return new Response(new Uint8Array(bytes), { headers: { "content-type": type } });
  }

  async close(): Promise<void> {
    await this.server.shutdown();
  }

  async [Symbol.asyncDispose]() {
    await this.close();
  }
}
