/**
 * The AI port (DESIGN.md rule 4): structured generation, embeddings, moderation and images. The
 * live adapter is the openai SDK against OpenAI or any OpenAI-compatible `baseURL`; the offline
 * adapter embeds lexically and has no generator, moderator or image model, so callers fall back to
 * their own deterministic producers (run_task.ts; rule-based checks, drawn SVGs).
 *
 * @module
 */
import { z } from "zod";

/** Every vector the product stores has this many dimensions (pgvector column `vector(384)`). */
export const EMBEDDING_DIMS = 384;

export interface GenerateRequest<T> {
  /** What the output is for (`bio`, `setlist`, …): logged and sent as the request's metadata. */
  task: string;
  system: string;
  prompt: string;
  /** Validates the model's JSON; its JSON Schema (strict mode) is sent as the response format. */
  schema: z.ZodType<T>;
  /** The response format's name: a-z, A-Z, 0-9, `_` and `-`, at most 64 characters. */
  schemaName: string;
}

export interface Generated<T> {
  value: T;
  model: string;
  source: "live";
  /** Total tokens the provider reported, when it did. */
  tokens: number;
}

export interface Embedded {
  vectors: number[][];
  model: string;
  dims: number;
}

/** One moderated text: `categories` names the flagged ones ("hate", "harassment/threatening"). */
export interface Moderation {
  flagged: boolean;
  categories: string[];
}

export interface ImageOptions {
  /** Square only: cover art and avatars. */
  size: "1024x1024";
}

export interface GeneratedImage {
  /** A PNG, signature checked. */
  bytes: Uint8Array;
  contentType: "image/png";
  model: string;
}

export interface AiPort {
  /** `live` when a provider is configured; `offline` otherwise. */
  readonly mode: "live" | "offline";
  /** The chat model `generate` uses (offline: the name of the deterministic writer). */
  readonly model: string;
  /** The model whose name is stored with each vector: a change re-embeds. */
  readonly embeddingModel: string;
  /** One structured completion, validated; throws `AiOutputError` on invalid output. */
  generate<T>(req: GenerateRequest<T>): Promise<Generated<T>>;
  /** One vector of `EMBEDDING_DIMS` per text, L2-normalised. */
  embed(texts: string[]): Promise<Embedded>;
  /**
   * One verdict per text, in order. Always present; offline, or when the provider fails or answers
   * malformed verdicts, it rejects with `AiUnavailableError` (its only error), and the caller
   * applies its own rules instead.
   */
  moderate(texts: string[]): Promise<Moderation[]>;
  /**
   * One PNG for `prompt`. Offline (or when the provider fails or refuses) it rejects with
   * `AiUnavailableError`, and the caller draws its own; an answer that is not a PNG rejects with
   * `AiOutputError`.
   */
  image(prompt: string, opts: ImageOptions): Promise<GeneratedImage>;
}

/** The model answered, but not with valid JSON for the schema: worth one retry. */
export class AiOutputError extends Error {
  constructor(message: string, readonly raw: string | null) {
    super(message);
    this.name = "AiOutputError";
  }
}

/** No generator is configured (offline mode) or the provider could not be reached. */
export class AiUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AiUnavailableError";
  }
}

type JsonSchema = Record<string, unknown>;

/** Keywords strict mode does not accept: zod still enforces them on the answer. */
const UNSUPPORTED = new Set(["$schema", "minLength", "maxLength", "default", "format"]);
const SAFE_INT = Number.MAX_SAFE_INTEGER;

/**
 * The JSON Schema for OpenAI's strict structured output: the root is an object, every object
 * lists all its properties as required with `additionalProperties: false` (an optional value is
 * modelled as nullable instead), and keywords strict mode rejects are left to zod. Throws when a
 * schema cannot be made strict, which is a programming error caught by the tasks' unit tests.
 */
export function strictJsonSchema(schema: z.ZodType): JsonSchema {
  const out = clean(z.toJSONSchema(schema, { io: "output" }) as JsonSchema, "$");
  if (out.type !== "object") throw new Error("strict schema: the root must be an object");
  return out;
}

function clean(node: JsonSchema, path: string): JsonSchema {
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(node)) {
    if (UNSUPPORTED.has(k)) continue;
    // zod's int() bounds at ±MAX_SAFE_INTEGER add nothing.
    if ((k === "minimum" || k === "maximum") && Math.abs(Number(v)) === SAFE_INT) continue;
    if (k === "properties" && v && typeof v === "object") {
      const props: JsonSchema = {};
      for (const [name, sub] of Object.entries(v as JsonSchema)) {
        props[name] = clean(sub as JsonSchema, `${path}.${name}`);
      }
      out.properties = props;
    } else if (k === "items" && v && typeof v === "object" && !Array.isArray(v)) {
      out.items = clean(v as JsonSchema, `${path}[]`);
    } else if ((k === "anyOf" || k === "oneOf") && Array.isArray(v)) {
      out.anyOf = v.map((s, i) => clean(s as JsonSchema, `${path}|${i}`));
    } else {
      out[k] = v;
    }
  }
  if (out.type === "object") {
    const keys = Object.keys((out.properties as JsonSchema | undefined) ?? {});
    const required = new Set((out.required as string[] | undefined) ?? []);
    const missing = keys.filter((k) => !required.has(k));
    if (missing.length) {
      throw new Error(`strict schema: ${path} has optional properties (${missing.join(", ")})`);
    }
    if (out.additionalProperties !== false) {
      throw new Error(`strict schema: ${path} must not allow additional properties`);
    }
  }
  return out;
}

/** Parses a model's answer against `schema`; throws `AiOutputError` naming the first problem. */
export function parseOutput<T>(raw: string | null | undefined, schema: z.ZodType<T>): T {
  if (!raw) throw new AiOutputError("empty answer", raw ?? null);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new AiOutputError("answer is not JSON", raw);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AiOutputError(
      `answer does not fit the schema at ${issue.path.join(".") || "(root)"}: ${issue.message}`,
      raw,
    );
  }
  return parsed.data;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** True when `bytes` start with the PNG signature (and hold at least an IHDR's worth). */
export function isPng(bytes: Uint8Array): boolean {
  return bytes.length > 24 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** Scales `v` to unit length in place (a zero vector stays zero) and returns it. */
export function normalise(v: number[]): number[] {
  let sum = 0;
  for (const x of v) sum += x * x;
  const norm = Math.sqrt(sum);
  if (norm > 0) { for (let i = 0; i < v.length; i++) v[i] /= norm; }
  return v;
}

export function cosine(a: number[], b: number[]): number {
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}
