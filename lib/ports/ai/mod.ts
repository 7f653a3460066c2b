/**
 * The AI port for the current configuration: live (the openai SDK) when `OPENAI_API_KEY` or
 * `OPENAI_BASE_URL` is set, offline otherwise. With live configured, embeddings are live too; the
 * embedding model's name is stored with each vector, so switching models re-embeds
 * (lib/domains/matching/handler.ts).
 *
 * @module
 */
import type { Config } from "../../platform/config.ts";
import type { AiPort } from "./port.ts";
import { createOfflineAi } from "./offline.ts";
import { createOpenAiPort } from "./openai.ts";

export type {
  AiPort,
  Embedded,
  Generated,
  GeneratedImage,
  GenerateRequest,
  ImageOptions,
  Moderation,
} from "./port.ts";
export { AiOutputError, AiUnavailableError, EMBEDDING_DIMS, isPng } from "./port.ts";

/** The moderation and image models are optional here: the adapter has defaults for both. */
export type AiConfig =
  & Pick<Config, "OPENAI_API_KEY" | "OPENAI_BASE_URL" | "AI_MODEL" | "AI_EMBEDDING_MODEL">
  & Partial<Pick<Config, "AI_MODERATION_MODEL" | "AI_IMAGE_MODEL">>;

export function isLiveAi(config: AiConfig): boolean {
  return Boolean(config.OPENAI_API_KEY || config.OPENAI_BASE_URL);
}

export function createAiPort(config: AiConfig, opts: { fetch?: typeof fetch } = {}): AiPort {
  if (!isLiveAi(config)) return createOfflineAi();
  return createOpenAiPort({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    model: config.AI_MODEL,
    embeddingModel: config.AI_EMBEDDING_MODEL,
    moderationModel: config.AI_MODERATION_MODEL,
    imageModel: config.AI_IMAGE_MODEL,
    fetch: opts.fetch,
  });
}
