/**
 * The live AI adapter: the openai SDK against OpenAI or any OpenAI-compatible server (`baseURL`).
 * Generation asks for strict structured output (`response_format: json_schema`) and still validates
 * the answer with zod; embeddings ask for `EMBEDDING_DIMS` dimensions.
 *
 * @module
 */
import OpenAI from "openai";
import {
  AiOutputError,
  type AiPort,
  AiUnavailableError,
  type Embedded,
  EMBEDDING_DIMS,
  type Generated,
  type GenerateRequest,
  normalise,
  parseOutput,
  strictJsonSchema,
} from "./port.ts";

export interface OpenAiOptions {
  /** Optional for OpenAI-compatible servers that need no key. */
  apiKey?: string;
  baseURL?: string;
  model: string;
  embeddingModel: string;
  /** Per request; the SDK's own retries (connection errors, 429, 5xx) are `maxRetries`. */
  timeoutMs?: number;
  maxRetries?: number;
  /** For tests: a custom fetch. */
  fetch?: typeof fetch;
}

export function createOpenAiPort(opts: OpenAiOptions): AiPort {
  const client = new OpenAI({
    // The SDK refuses to start without a key; a compatible local server ignores it.
    apiKey: opts.apiKey ?? "not-needed",
    baseURL: opts.baseURL,
    timeout: opts.timeoutMs ?? 30_000,
    maxRetries: opts.maxRetries ?? 1,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });

  async function generate<T>(req: GenerateRequest<T>): Promise<Generated<T>> {
    let completion: OpenAI.Chat.Completions.ChatCompletion;
    try {
      completion = await client.chat.completions.create({
        model: opts.model,
        messages: [
          { role: "system", content: req.system },
          { role: "user", content: req.prompt },
        ],
        response_format: {
          type: "json_schema",
          json_schema: { name: req.schemaName, schema: strictJsonSchema(req.schema), strict: true },
        },
      });
    } catch (err) {
      throw new AiUnavailableError(
        `${req.task}: the AI provider failed: ${err instanceof Error ? err.message : err}`,
      );
    }
    const choice = completion.choices[0];
    if (!choice) throw new AiOutputError("no choices in the answer", null);
    if (choice.message.refusal) {
      throw new AiOutputError(`the model refused: ${choice.message.refusal}`, null);
    }
    if (choice.finish_reason === "length") {
      throw new AiOutputError("the answer was cut off (length)", choice.message.content);
    }
    return {
      value: parseOutput(choice.message.content, req.schema),
      model: completion.model || opts.model,
      source: "live",
      tokens: completion.usage?.total_tokens ?? 0,
    };
  }

  async function embed(texts: string[]): Promise<Embedded> {
    if (texts.length === 0) {
      return { vectors: [], model: opts.embeddingModel, dims: EMBEDDING_DIMS };
    }
    const res = await client.embeddings.create({
      model: opts.embeddingModel,
      input: texts.map((t) => t.trim() || "(empty)"),
      dimensions: EMBEDDING_DIMS,
    });
    const vectors = new Array<number[]>(texts.length);
    for (const d of res.data) {
      const v = Array.from(d.embedding as ArrayLike<number>, Number);
      if (v.length !== EMBEDDING_DIMS) {
        throw new Error(
          `embedding model ${opts.embeddingModel} returned ${v.length} dimensions, not ${EMBEDDING_DIMS}`,
        );
      }
      vectors[d.index] = normalise(v);
    }
    for (let i = 0; i < texts.length; i++) {
      if (!vectors[i]) throw new Error(`the embeddings answer missed input ${i}`);
    }
    return { vectors, model: opts.embeddingModel, dims: EMBEDDING_DIMS };
  }

  return {
    mode: "live",
    model: opts.model,
    embeddingModel: opts.embeddingModel,
    generate,
    embed,
  };
}
