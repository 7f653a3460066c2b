/** Builds the OpenAPI 3.1 document from the same zod schemas the routes parse with. */
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
  query?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
  status?: number;
  /** The 4xx statuses it may answer, beyond 400 for bad input. */
  errors?: number[];
  /** Path parameters that are not UUIDs (the default), e.g. `{ id: z.coerce.number() }`. */
  pathParams?: Record<string, z.ZodType>;
}

type Json = Record<string, unknown>;

const ErrorBody = z.object({
  error: z.object({
    status: z.number().int(),
    message: z.string(),
    field: z.string().optional().describe("The request field at fault"),
  }),
});

function schema(s: z.ZodType, io: "input" | "output"): Json {
  const out = z.toJSONSchema(s, { io, unrepresentable: "any" }) as Json;
  delete out.$schema;
  return out;
}

function parameters(op: Operation): Json[] {
  const params: Json[] = [];
  for (const m of op.path.matchAll(/\{(\w+)\}/g)) {
    params.push({
      name: m[1],
      in: "path",
      required: true,
      schema: op.pathParams?.[m[1]]
        ? schema(op.pathParams[m[1]], "input")
        : { type: "string", format: "uuid" },
    });
  }
  if (op.query) {
    const props = (schema(op.query, "input").properties ?? {}) as Record<string, Json>;
    const required = new Set((schema(op.query, "input").required as string[] | undefined) ?? []);
    for (const [name, s] of Object.entries(props)) {
      params.push({
        name,
        in: "query",
        required: required.has(name),
        schema: s,
        description: s.description,
      });
    }
  }
  return params;
}

export function buildOpenApi(
  ops: Operation[],
  info: { title: string; version: string; description: string },
): Json {
  const paths: Record<string, Json> = {};
  for (const op of ops) {
    const errors: Json = {
      "400": {
        description: "Bad input: `error.field` names the field",
        content: { "application/json": { schema: schema(ErrorBody, "output") } },
      },
    };
    if (op.auth) errors["401"] = { description: "Not signed in or token invalid" };
    for (const s of op.errors ?? []) errors[String(s)] = { description: STATUS[s] ?? "Error" };
    paths[op.path] ??= {};
    paths[op.path][op.method] = {
      summary: op.summary,
      tags: [op.tag],
      operationId: `${op.method}${
        op.path.replace(/\{(\w+)\}/g, "By_$1").replace(/[^A-Za-z0-9]+(.)?/g, (_, c) =>
          (c ?? "").toUpperCase())
      }`,
      ...(op.auth ? { security: [{ bearer: [] }] } : {}),
      parameters: parameters(op),
      ...(op.body
        ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: schema(op.body, "input") } },
          },
        }
        : {}),
      responses: {
        [String(op.status ?? 200)]: {
          description: "OK",
          content: { "application/json": { schema: schema(op.response, "output") } },
        },
        ...errors,
      },
    };
  }
  return {
    openapi: "3.1.0",
    info,
    servers: [{ url: "/" }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
    },
    paths,
  };
}

const STATUS: Record<number, string> = {
  403: "Not allowed",
  404: "Not found (or not visible to you)",
  409: "Conflict with the current state",
  413: "Too large",
  415: "Unsupported media type",
  429: "Rate or quota limit reached",
};
