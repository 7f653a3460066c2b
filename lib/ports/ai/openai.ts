/**
 * The live AI adapter: the openai SDK against OpenAI or any OpenAI-compatible server (`baseURL`).
 * Generation asks for strict structured output (`response_format: json_schema`) and still validates
 * the answer with zod; embeddings ask for `EMBEDDING_DIMS` dimensions; moderation and images turn
 * every provider failure into `AiUnavailableError`, so callers fall back to their offline rules.
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
  type GeneratedImage,
  type GenerateRequest,
  type ImageOptions,
  isPng,
  type Moderation,
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
  /** Default `DEFAULT_MODERATION_MODEL`. */
  moderationModel?: string;
  /** Default `DEFAULT_IMAGE_MODEL`; `gpt-image-*` answer base64 PNG, others are asked for it. */
  imageModel?: string;
  /** Per request; the SDK's own retries (connection errors, 429, 5xx) are `maxRetries`. */
  timeoutMs?: number;
  maxRetries?: number;
  /** For tests: a custom fetch. */
  fetch?: typeof fetch;
}

export const DEFAULT_MODERATION_MODEL = "omni-moderation-latest";
export const DEFAULT_IMAGE_MODEL = "gpt-image-1";
/** Texts per moderation request: a bound, so a long list never makes one oversized request. */
const MODERATION_BATCH = 32;

export function createOpenAiPort(opts: OpenAiOptions): AiPort {
  const moderationModel = opts.moderationModel ?? DEFAULT_MODERATION_MODEL;
  const imageModel = opts.imageModel ?? DEFAULT_IMAGE_MODEL;
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

  async function moderate(texts: string[]): Promise<Moderation[]> {
    const out: Moderation[] = [];
    for (let i = 0; i < texts.length; i += MODERATION_BATCH) {
      const input = texts.slice(i, i + MODERATION_BATCH);
      let res: OpenAI.ModerationCreateResponse;
      try {
        res = await client.moderations.create({ model: moderationModel, input });
      } catch (err) {
        throw unavailable("moderation", err);
      }
      // A malformed verdict is no verdict: callers treat it like an outage (their own rules).
      if (res.results?.length !== input.length) {
        throw new AiUnavailableError(
          `moderation answered ${res.results?.length ?? 0} results for ${input.length} texts`,
        );
      }
      for (const r of res.results) {
        const flags = Object.entries(r.categories ?? {}).filter(([, on]) => on === true);
        out.push({ flagged: Boolean(r.flagged), categories: flags.map(([name]) => name) });
      }
    }
    return out;
  }

  async function image(prompt: string, o: ImageOptions): Promise<GeneratedImage> {
    let res: OpenAI.ImagesResponse;
    try {
      res = await client.images.generate({
        model: imageModel,
        prompt,
        size: o.size,
        n: 1,
        // gpt-image models always answer base64 and reject response_format; DALL·E and most
        // compatible servers answer a URL unless asked, and we do not fetch provider URLs.
        ...(imageModel.startsWith("gpt-image")
          ? { output_format: "png" as const }
          : { response_format: "b64_json" as const }),
      });
    } catch (err) {
      throw unavailable("image", err);
    }
    const b64 = res.data?.[0]?.b64_json;
    if (!b64) throw new AiOutputError("the image answer has no base64 image", null);
    let bytes: Uint8Array;
    try {
      bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    } catch {
      throw new AiOutputError("the image answer is not base64", b64.slice(0, 100));
    }
    if (!isPng(bytes)) throw new AiOutputError("the image answer is not a PNG", b64.slice(0, 100));
    return { bytes, contentType: "image/png", model: imageModel };
  }

  return {
    mode: "live",
    model: opts.model,
    embeddingModel: opts.embeddingModel,
    generate,
    embed,
    moderate,
    image,
  };
}

/** A provider failure as `AiUnavailableError`, saying when its safety system refused. */
function unavailable(what: string, err: unknown): AiUnavailableError {
  const code = err instanceof OpenAI.APIError ? err.code : null;
  const refused = code === "content_policy_violation" || code === "moderation_blocked";
  const why = err instanceof Error ? err.message : String(err);
  return new AiUnavailableError(
    refused
      ? `${what}: the AI provider refused the request (${code})`
      : `${what}: the AI provider failed: ${why}`,
  );
}
