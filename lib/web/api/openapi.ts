/**
 * Builds the OpenAPI 3.1 document from the same zod schemas the routes parse with: query
 * parameters, request bodies and non-UUID path parameters are the handlers' own schemas, so a
 * limit (`max`, `min`, `default`) lives in one place. tests/integration/openapi_drift_test.ts
 * checks that every route under /api has an operation here and parses with these schemas.
 *
 * @module
 */
import { z } from "zod";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export interface Operation {
  method: HttpMethod;
  /** OpenAPI style: `/api/gigs/{id}`. */
  path: string;
  summary: string;
  tag: string;
  /** Needs a bearer token (or the session cookie). */
  auth: boolean;
  /** The schema the handler passes to `readQuery` (an object, refinements allowed). */
  query?: z.ZodType;
  /** The schema the handler parses its body with. */
  body?: z.ZodType;
  /** False when the handler also accepts no body at all (default true). */
  bodyRequired?: boolean;
  response: z.ZodType;
  status?: number;
  /** The 4xx statuses it may answer beyond 400, 401 (`auth`), 413 (a body) and 429 (any). */
  errors?: number[];
  /** Path parameters that are not UUIDs (the default): the schema the handler parses them with. */
  pathParams?: Record<string, z.ZodType>;
}

type Json = Record<string, unknown>;

/** The body of every 4xx answer. */
export const ErrorBody = z.object({
  error: z.object({
    status: z.number().int(),
    code: z.string().optional().describe("A stable machine-readable code: clients branch on it"),
    message: z.string(),
    field: z.string().optional()
      .describe("The request field at fault: a body path, a query or path parameter, a header"),
    issues: z.array(z.object({ field: z.string(), message: z.string() })).optional()
      .describe("Every field at fault, for bad input"),
  }),
});

/** Shared error responses: `components.responses[name]`, each an `ErrorBody`. */
const ERRORS: Readonly<Record<number, { name: string; description: string }>> = {
  400: {
    name: "BadRequest",
    description: "Bad input: `error.field` names the field, `error.issues` lists every one",
  },
  401: { name: "Unauthorized", description: "Not signed in, or the token is invalid or expired" },
  403: { name: "Forbidden", description: "Not allowed" },
  404: {
    name: "NotFound",
    description: "Not found: unknown, not visible to you, or a malformed id in the path",
  },
  409: { name: "Conflict", description: "Conflict with the current state" },
  413: { name: "TooLarge", description: "The request body is too large" },
  415: { name: "UnsupportedMediaType", description: "Send application/json" },
  422: { name: "Unprocessable", description: "Well-formed but refused by a rule" },
  429: {
    name: "TooManyRequests",
    description: "Rate or quota limit reached: try again after `retry-after` seconds",
  },
  503: {
    name: "ServiceUnavailable",
    description: "A provider (Spotify…) is in trouble: try again later; the message says what " +
      "was done so far",
  },
};

/** The JSON Schema of `s` as a request (`input`) or a response (`output`) carries it. */
export function jsonSchema(s: z.ZodType, io: "input" | "output"): Json {
  const out = z.toJSONSchema(s, { io, unrepresentable: "any" }) as Json;
  delete out.$schema;
  return out;
}

function parameters(op: Operation): Json[] {
  const params: Json[] = [];
  for (const m of op.path.matchAll(/\{(\w+)\}/g)) {
    const own = op.pathParams?.[m[1]];
    params.push({
      name: m[1],
      in: "path",
      required: true,
      schema: own ? jsonSchema(own, "input") : { type: "string", format: "uuid" },
    });
  }
  if (op.query) {
    const query = jsonSchema(op.query, "input");
    if (query.type !== "object") throw new Error(`${op.path}: a query schema must be an object`);
    const props = (query.properties ?? {}) as Record<string, Json>;
    const required = new Set((query.required as string[] | undefined) ?? []);
    for (const [name, s] of Object.entries(props)) {
      params.push({
        name,
        in: "query",
        required: required.has(name),
        schema: s,
        ...(s.description ? { description: s.description } : {}),
      });
    }
  }
  return params;
}

/** Every error status the operation may answer, ascending. */
export function errorStatuses(op: Operation): number[] {
  const all = new Set([400, 429, ...(op.errors ?? [])]);
  if (op.auth) all.add(401);
  // The edge caps every request body (lib/web/body.ts).
  if (op.body) all.add(413);
  return [...all].sort((a, b) => a - b);
}

function operationId(op: Operation): string {
  const path = op.path.replace(/\{(\w+)\}/g, "By_$1")
    .replace(/[^A-Za-z0-9]+(.)?/g, (_, c) => (c ?? "").toUpperCase());
  return `${op.method}${path}`;
}

export function buildOpenApi(
  ops: readonly Operation[],
  info: { title: string; version: string; description: string },
): Json {
  const paths: Record<string, Json> = {};
  for (const op of ops) {
    const errors: Json = {};
    for (const s of errorStatuses(op)) {
      const known = ERRORS[s];
      if (!known) throw new Error(`${op.method} ${op.path}: add ${s} to ERRORS in openapi.ts`);
      errors[String(s)] = { $ref: `#/components/responses/${known.name}` };
    }
    paths[op.path] ??= {};
    if (paths[op.path][op.method]) throw new Error(`${op.method} ${op.path} is listed twice`);
    paths[op.path][op.method] = {
      summary: op.summary,
      tags: [op.tag],
      operationId: operationId(op),
      ...(op.auth ? { security: [{ bearer: [] }] } : {}),
      parameters: parameters(op),
      ...(op.body
        ? {
          requestBody: {
            required: op.bodyRequired ?? true,
            content: { "application/json": { schema: jsonSchema(op.body, "input") } },
          },
        }
        : {}),
      responses: {
        [String(op.status ?? 200)]: {
          description: "OK",
          content: { "application/json": { schema: jsonSchema(op.response, "output") } },
        },
        ...errors,
      },
    };
  }
  const responses: Json = {};
  for (const { name, description } of Object.values(ERRORS)) {
    responses[name] = {
      description,
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
    };
  }
  return {
    openapi: "3.1.0",
    info,
    servers: [{ url: "/" }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
      schemas: { Error: jsonSchema(ErrorBody, "output") },
      responses,
    },
    paths,
  };
}
