/**
 * A fake OpenAI-compatible chat completions server on 127.0.0.1 (the pattern of
 * tests/integration/ai_write_test.ts): answers come from `reply(body)`; `{ status }` answers with
 * that HTTP error. Zero latency.
 */
export interface ChatRequest {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: {
    type: string;
    json_schema?: { name: string; strict: boolean; schema: Record<string, unknown> };
  };
}

export class FakeOpenAi implements AsyncDisposable {
  readonly chats: ChatRequest[] = [];
  reply: (body: ChatRequest) => string | { status: number } = () => "{}";
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
    if (req.method !== "POST" || url.pathname !== "/v1/chat/completions") {
      return Response.json({ error: { message: "not found" } }, { status: 404 });
    }
    const body = await req.json() as ChatRequest;
    this.chats.push(body);
    const answer = this.reply(body);
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
      usage: { prompt_tokens: 80, completion_tokens: 60, total_tokens: 140 },
    });
  }

  async [Symbol.asyncDispose]() {
    await this.server.shutdown();
  }
}
