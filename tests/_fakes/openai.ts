/**
 * A fake OpenAI-compatible server on 127.0.0.1, for the real openai SDK (`baseURL`). Chat
 * answers come from `replies` in order, then from `reply(body)`; `{ status }` answers with that
 * HTTP error. Embeddings are lexical (float or base64), as the offline adapter makes them.
 * Moderation flags the inputs that match a rule of `flag` (none by default); image generation
 * answers a 1×1 PNG as `b64_json`, or what `imageAnswer` asks for. Every request is recorded.
 * Zero latency.
 */
import { lexicalEmbedding } from "../../lib/ports/ai/offline.ts";

export interface ChatRequest {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: {
    type: string;
    json_schema?: { name: string; strict: boolean; schema: Record<string, unknown> };
  };
}

type Answer = string | { status: number };

/** Inputs matching `pattern` are flagged in `categories` ("hate", "harassment/threatening"). */
export interface FlagRule {
  pattern: RegExp;
  categories: string[];
}

/** `png` (the default), base64 that is no PNG, a URL instead of bytes, or an HTTP error. */
export type ImageAnswer = "png" | "garbage" | "url" | { status: number; code?: string };

/** Every category omni-moderation reports, each present in every answer as the real API does. */
export const MODERATION_CATEGORIES = [
  "harassment",
  "harassment/threatening",
  "hate",
  "hate/threatening",
  "illicit",
  "illicit/violent",
  "self-harm",
  "self-harm/intent",
  "self-harm/instructions",
  "sexual",
  "sexual/minors",
  "violence",
  "violence/graphic",
] as const;

/** A valid 1×1 PNG (one half-transparent blue pixel). */
export const TINY_PNG_B64 =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

export class FakeOpenAi implements AsyncDisposable {
  readonly chats: ChatRequest[] = [];
  /** The `authorization` header of each chat request, in order. */
  readonly auths: (string | null)[] = [];
  readonly embeddings: { input: string[]; model: string; dimensions: number; format: string }[] =
    [];
  /** The next chat answers, in order; then `reply`. */
  replies: Answer[] = [];
  reply: (body: ChatRequest) => Answer = () => "{}";
  readonly moderations: { input: string[]; model: string }[] = [];
  /** Moderation rules; none flags nothing. */
  flag: FlagRule[] = [];
  /** Set: every moderation request answers this HTTP error. */
  moderationStatus: number | null = null;
  readonly images: {
    prompt: string;
    model: string;
    size: string;
    n: number;
    response_format?: string;
    output_format?: string;
  }[] = [];
  imageAnswer: ImageAnswer = "png";
  private server: Deno.HttpServer<Deno.NetAddr>;

  constructor() {
    this.server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen: () => {} },
      (req) => this.handle(req),
    );
  }

  get baseURL(): string {
    return `http://127.0.0.1:${this.server.addr.port}/v1`;
  }

  env(): Record<string, string> {
    return { OPENAI_API_KEY: "sk-fake", OPENAI_BASE_URL: this.baseURL, AI_MODEL: "fake-gpt" };
  }

  private async handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    if (req.method === "POST" && url.pathname === "/v1/chat/completions") {
      return await this.chat(req);
    }
    if (req.method === "POST" && url.pathname === "/v1/embeddings") return await this.embed(req);
    if (req.method === "POST" && url.pathname === "/v1/moderations") {
      return await this.moderate(req);
    }
    if (req.method === "POST" && url.pathname === "/v1/images/generations") {
      return await this.image(req);
    }
    return Response.json({ error: { message: "not found" } }, { status: 404 });
  }

  private async chat(req: Request): Promise<Response> {
    const body = await req.json() as ChatRequest;
    this.chats.push(body);
    this.auths.push(req.headers.get("authorization"));
    const answer = this.replies.shift() ?? this.reply(body);
    if (typeof answer !== "string") {
      return Response.json({ error: { message: "overloaded", type: "server_error" } }, {
        status: answer.status,
      });
    }
    return Response.json({
      id: `chatcmpl-${this.chats.length}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: `${body.model}-2026-01-01`,
      choices: [{
        index: 0,
        message: { role: "assistant", content: answer, refusal: null },
        finish_reason: "stop",
        logprobs: null,
      }],
      usage: { prompt_tokens: 100, completion_tokens: 23, total_tokens: 123 },
    });
  }

  private async embed(req: Request): Promise<Response> {
    const body = await req.json() as {
      input: string | string[];
      model: string;
      dimensions: number;
      encoding_format?: string;
    };
    const input = Array.isArray(body.input) ? body.input : [body.input];
    const format = body.encoding_format ?? "float";
    this.embeddings.push({ input, model: body.model, dimensions: body.dimensions, format });
    const data = input.map((text, index) => {
      const v = lexicalEmbedding(text, body.dimensions);
      const embedding = format === "base64"
        ? btoa(String.fromCharCode(...new Uint8Array(Float32Array.from(v).buffer)))
        : v;
      return { object: "embedding", index, embedding };
    });
    return Response.json({
      object: "list",
      data,
      model: body.model,
      usage: { prompt_tokens: 10, total_tokens: 10 },
    });
  }

  private async moderate(req: Request): Promise<Response> {
    const body = await req.json() as { input: string | string[]; model: string };
    const input = Array.isArray(body.input) ? body.input : [body.input];
    this.moderations.push({ input, model: body.model });
    if (this.moderationStatus !== null) {
      return Response.json({ error: { message: "overloaded", type: "server_error" } }, {
        status: this.moderationStatus,
      });
    }
    const results = input.map((text) => {
      const hit = new Set(
        this.flag.filter((r) => r.pattern.test(text)).flatMap((r) => r.categories),
      );
      const categories = Object.fromEntries(MODERATION_CATEGORIES.map((c) => [c, hit.has(c)]));
      const scores = Object.fromEntries(
        MODERATION_CATEGORIES.map((c) => [c, hit.has(c) ? 0.93 : 0.0004]),
      );
      const types = Object.fromEntries(MODERATION_CATEGORIES.map((c) => [c, ["text"]]));
      return {
        flagged: hit.size > 0,
        categories,
        category_scores: scores,
        category_applied_input_types: types,
      };
    });
    return Response.json({
      id: `modr-${this.moderations.length}`,
      model: `${body.model}-2024-09-26`,
      results,
    });
  }

  private async image(req: Request): Promise<Response> {
    const body = await req.json() as FakeOpenAi["images"][number];
    this.images.push(body);
    const answer = this.imageAnswer;
    if (typeof answer !== "string") {
      const error = { message: "image failed", type: "server_error", code: answer.code ?? null };
      return Response.json({ error }, { status: answer.status });
    }
    const data = answer === "url"
      ? { url: "https://images.example/1.png", revised_prompt: body.prompt }
      : { b64_json: answer === "png" ? TINY_PNG_B64 : btoa("<html>not a png</html>") };
    return Response.json({
      created: Math.floor(Date.now() / 1000),
      data: [data],
      output_format: "png",
      size: body.size,
      usage: { input_tokens: 50, output_tokens: 4160, total_tokens: 4210 },
    });
  }

  async [Symbol.asyncDispose]() {
    await this.server.shutdown();
  }
}
