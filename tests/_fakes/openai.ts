/**
 * A fake OpenAI-compatible server on 127.0.0.1, for the real openai SDK (`baseURL`). Chat
 * answers come from `replies` in order, then from `reply(body)`; `{ status }` answers with that
 * HTTP error. Embeddings are lexical (float or base64), as the offline adapter makes them. Every
 * request is recorded. Zero latency.
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

export class FakeOpenAi implements AsyncDisposable {
  readonly chats: ChatRequest[] = [];
  /** The `authorization` header of each chat request, in order. */
  readonly auths: (string | null)[] = [];
  readonly embeddings: { input: string[]; model: string; dimensions: number; format: string }[] =
    [];
  /** The next chat answers, in order; then `reply`. */
  replies: Answer[] = [];
  reply: (body: ChatRequest) => Answer = () => "{}";
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

  async [Symbol.asyncDispose]() {
    await this.server.shutdown();
  }
}
