/**
 * The OpenAPI document (lib/web/api/spec*.ts) and the routes under routes/api cannot drift: every
 * (method, path) a route serves has an operation and every operation a route; path parameters,
 * query strings and bodies are parsed by the handler with the very schemas the document is built
 * from (checked by identity, through the route module's imports); and a running server answers
 * as documented: bounds, 401 and 415.
 */
import { z } from "zod";
import { assert, assertEquals } from "../_helpers/assert.ts";
import { startTestApp } from "../_helpers/app.ts";
import { loadRoutes } from "../../lib/fresh_runtime/fs_routes.ts";
import { listOperations, openApiDocument } from "../../lib/web/api/spec.ts";
import type { Operation } from "../../lib/web/api/openapi.ts";
import { LimitQuery } from "../../lib/web/api/marketplace.ts";
import { MAX_LIMIT } from "../../lib/domains/matching/queries.ts";
import { MessageIdParam, SendMessageInput } from "../../lib/domains/chat/schemas.ts";
import { DjRunInput } from "../../lib/domains/dj/types.ts";
import { AiWriteRequest } from "../../lib/domains/writing/write_request.ts";

type Json = Record<string, unknown>;

/** The document itself and its HTML rendering: not operations. */
const META = new Set(["/api/openapi.json", "/api/docs"]);
/**
 * Path-parameter parsers that accept UUIDs only: the document's default for `{param}`. `parseId`
 * (lib/web/params.ts) is the one parser.
 */
const UUID_PARSERS = new Set(["parseId"]);
/** Helpers that parse a path parameter with a schema of their own. */
const PARAM_HELPERS: Record<string, z.ZodType> = { parseMessageId: MessageIdParam };
/** Helpers that read the whole body and parse it with a schema of their own. */
const BODY_HELPERS: Record<string, z.ZodType> = {
  readSendBody: SendMessageInput,
  readRunBody: DjRunInput,
  handleAiWriteRequest: AiWriteRequest,
};

const ROUTES = new URL("../../routes/", import.meta.url);

/** One method of one route file under /api. */
interface Served {
  method: string;
  pattern: string;
  file: string;
  /** The method handler's source, as the runtime holds it. */
  source: string;
  /** What the route module's named imports resolve to. */
  imports: Map<string, unknown>;
  ops: { op: Operation; literals: Map<string, string> }[];
}

async function importsOf(file: string): Promise<Map<string, unknown>> {
  const url = new URL(file, ROUTES);
  const text = await Deno.readTextFile(url);
  const out = new Map<string, unknown>();
  for (const m of text.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s*from\s*"([^"]+)"/g)) {
    if (m[1]) continue;
    const mod = await import(new URL(m[3], url).href) as Record<string, unknown>;
    for (
      const part of m[2].split(",").map((p) => p.trim()).filter((p) => p && !/^type\s/.test(p))
    ) {
      const [name, local = name] = part.split(/\s+as\s+/);
      out.set(local, mod[name]);
    }
  }
  return out;
}

async function servedUnderApi(problems: string[]): Promise<Served[]> {
  const table = await loadRoutes<unknown>(ROUTES.pathname);
  const served: Served[] = [];
  for (const r of table.routes) {
    const pattern = r.patterns[0];
    if (!pattern.startsWith("/api/") || META.has(pattern)) continue;
    if (typeof r.handler !== "object") {
      problems.push(`routes/${r.file}: export one handler per method so each can be documented`);
      continue;
    }
    const imports = await importsOf(r.file);
    for (const [method, fn] of Object.entries(r.handler)) {
      if (method === "HEAD" || method === "OPTIONS") continue;
      served.push({ method, pattern, file: r.file, source: String(fn), imports, ops: [] });
    }
  }
  return served;
}

/** How `op.path` binds `pattern`: route parameter → literal segment, or null if it does not. */
function bind(pattern: string, path: string): Map<string, string> | null {
  const a = pattern.split("/");
  const b = path.split("/");
  if (a.length !== b.length) return null;
  const literals = new Map<string, string>();
  for (let i = 0; i < a.length; i++) {
    if (!a[i].startsWith(":")) {
      if (a[i] !== b[i]) return null;
    } else if (b[i] !== `{${a[i].slice(1)}}`) {
      if (b[i].startsWith("{")) return null;
      literals.set(a[i].slice(1), b[i]);
    }
  }
  return literals;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The schema (or UUID parser) the handler applies to `ctx.params.<name>`. */
function paramParser(s: Served, name: string): { uuid: true } | { schema: unknown } | null {
  const p = String.raw`\(\s*ctx\.params\.${esc(name)}\b`;
  const factory = new RegExp(String.raw`(\w+)\(\s*(?:"[^"]*")?\s*\)\.(?:safeParse|parse)` + p);
  const named = new RegExp(String.raw`(\w+)\.(?:safeParse|parse)` + p);
  const helper = new RegExp(String.raw`(\w+)` + p);
  const f = factory.exec(s.source)?.[1];
  if (f) return UUID_PARSERS.has(f) ? { uuid: true } : null;
  const n = named.exec(s.source)?.[1];
  if (n) return { schema: s.imports.get(n) };
  const h = helper.exec(s.source)?.[1];
  if (h && UUID_PARSERS.has(h)) return { uuid: true };
  if (h && PARAM_HELPERS[h]) return { schema: PARAM_HELPERS[h] };
  return null;
}

function schemasRead(s: Served, call: RegExp): unknown[] {
  return [...s.source.matchAll(call)].map((m) => s.imports.get(m[1]) ?? `local ${m[1]}`);
}

const sameSet = (a: unknown[], b: unknown[]) =>
  a.length === b.length && a.every((x) => b.includes(x)) && b.every((x) => a.includes(x));

function checkParsing(s: Served, problems: string[]): void {
  const where = `${s.method} ${s.pattern} (routes/${s.file})`;
  const ops = s.ops.map((o) => o.op);
  // Path parameters bound to literals in the document: the handler's enum lists exactly those.
  const bound = new Set(s.ops.flatMap((o) => [...o.literals.keys()]));
  for (const name of bound) {
    const documented = s.ops.map((o) => o.literals.get(name));
    const parser = paramParser(s, name);
    const options = parser && "schema" in parser && parser.schema instanceof z.ZodEnum
      ? parser.schema.options.map(String)
      : null;
    if (documented.includes(undefined)) {
      problems.push(`${where}: :${name} is both {${name}} and literal`);
    } else if (!options) {
      problems.push(`${where}: parse ctx.params.${name} with an exported z.enum`);
    } else if (!sameSet(options, documented)) {
      problems.push(`${where}: :${name} accepts ${options} but the document lists ${documented}`);
    }
  }
  // Path parameters: the documented schema is the one the handler parses with.
  for (const op of ops) {
    for (const [, name] of op.path.matchAll(/\{(\w+)\}/g)) {
      const parser = paramParser(s, name);
      const documented = op.pathParams?.[name];
      if (!parser) problems.push(`${where}: cannot see how ctx.params.${name} is parsed`);
      else if ("uuid" in parser ? documented !== undefined : parser.schema !== documented) {
        problems.push(`${where}: {${name}} is documented with another schema than it is parsed`);
      }
    }
  }
  // Query strings and bodies: only through readQuery/readBody (or a known helper).
  if (/searchParams|ctx\.url\.search\b/.test(s.source)) {
    problems.push(`${where}: reads the query string by hand; use readQuery and a named schema`);
  }
  if (/ctx\.req\.(json|formData|text)\(/.test(s.source)) {
    problems.push(`${where}: reads the body by hand; use readBody and a named schema`);
  }
  const queries = schemasRead(s, /readQuery\(\s*ctx\.url\s*,\s*(\w+)\s*\)/g);
  const documentedQueries = [...new Set(ops.map((o) => o.query).filter(Boolean))];
  if (!sameSet(queries, documentedQueries)) {
    problems.push(`${where}: its query schema is not the documented one (or only one has one)`);
  }
  const bodies = [
    ...schemasRead(s, /readBody\(\s*ctx\.req\s*,\s*(\w+)\s*\)/g),
    ...Object.entries(BODY_HELPERS).filter(([h]) => new RegExp(`\\b${h}\\(`).test(s.source))
      .map(([, schema]) => schema),
  ];
  const documentedBodies = [...new Set(ops.map((o) => o.body).filter(Boolean))];
  if (!sameSet(bodies, documentedBodies)) {
    problems.push(`${where}: its body schema is not the documented one (or only one has one)`);
  }
}

function report(problems: string[]): void {
  assert(problems.length === 0, `${problems.length} drift(s):\n  ${problems.join("\n  ")}`);
}

Deno.test("OpenAPI drift - every /api route has an operation and every operation a route", async () => {
  const problems: string[] = [];
  const served = await servedUnderApi(problems);
  for (const op of listOperations()) {
    const method = op.method.toUpperCase();
    // The first route whose pattern fits is the one the server dispatches to (most specific first).
    const route = served.find((s) => bind(s.pattern, op.path));
    const s = served.find((s) => s.pattern === route?.pattern && s.method === method);
    if (!route) problems.push(`${method} ${op.path}: documented, but no route serves it`);
    else if (!s) {
      problems.push(`${method} ${op.path}: documented, but routes/${route.file} has no ${method}`);
    } else s.ops.push({ op, literals: bind(s.pattern, op.path)! });
  }
  for (const s of served) {
    if (s.ops.length === 0) {
      problems.push(`${s.method} ${s.pattern} (routes/${s.file}): undocumented`);
    } else checkParsing(s, problems);
  }
  report(problems);
});

Deno.test("OpenAPI drift - documented query parameters are the handler schema's, limits included", () => {
  const doc = openApiDocument() as { paths: Record<string, Record<string, Json>> };
  for (const op of listOperations()) {
    const documented = (doc.paths[op.path][op.method].parameters as Json[])
      .filter((p) => p.in === "query");
    const own = op.query
      ? z.toJSONSchema(op.query, { io: "input", unrepresentable: "any" }).properties ?? {}
      : {};
    assertEquals(
      Object.fromEntries(documented.map((p) => [p.name, p.schema])),
      own,
      `${op.method.toUpperCase()} ${op.path}`,
    );
  }
  // The matches limit: up to MAX_LIMIT (the search re-ranks more candidates than asked for).
  const matches = doc.paths["/api/gigs/{id}/matches"].get.parameters as Json[];
  const limit = matches.find((p) => p.name === "limit")?.schema as Json;
  assertEquals<unknown>(limit, z.toJSONSchema(LimitQuery, { io: "input" }).properties?.limit);
  assertEquals([limit.minimum, limit.maximum, limit.default], [1, MAX_LIMIT, 20]);
});

/** A path for `op` with each parameter filled by a value its schema accepts. */
function concrete(op: Operation): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const schema = op.pathParams?.[name];
    if (!schema) return crypto.randomUUID();
    const sample = ["1", "a".repeat(24)].find((v) =>
      schema.safeParse(v).success || schema.safeParse(Number(v)).success
    );
    assert(sample, `no sample for {${name}} of ${op.path}`);
    return sample;
  });
}

Deno.test({
  name: "OpenAPI drift - a running server answers as documented: bounds, 401, 415, matches limit",
  sanitizeOps: false,
  sanitizeResources: false,
}, async (t) => {
  await using app = await startTestApp({ API_RATE_LIMIT: "0" });
  const session = await app.platform.auth.signUp({
    email: "drift@example.test",
    password: "drift-password-1",
    metadata: { display_name: "Drift" },
  });
  const bearer = { authorization: `Bearer ${session.accessToken}` };
  const call = async (method: string, path: string, init: RequestInit = {}) => {
    const res = await app.fetch(path, { method: method.toUpperCase(), ...init });
    const text = await res.text();
    const json = res.headers.get("content-type")?.includes("json") && text ? JSON.parse(text) : {};
    return { status: res.status, field: json.error?.field as string | undefined };
  };
  const doc = openApiDocument() as { paths: Record<string, Record<string, Json>> };
  const documents = (op: Operation, status: number) =>
    String(status) in (doc.paths[op.path][op.method].responses as Json);

  await t.step(
    "query bounds: one past a bound is a 400 naming it; limit at its maximum is not",
    async () => {
      const problems: string[] = [];
      for (const op of listOperations()) {
        const path = concrete(op);
        const where = `${op.method.toUpperCase()} ${op.path}`;
        const params = doc.paths[op.path][op.method].parameters as Json[];
        // Required query parameters get a plain valid value, so only the probed one is wrong.
        const required = params.filter((p) => p.in === "query" && p.required === true)
          .map((p) => [String(p.name), (p.schema as Json).type === "integer" ? "1" : "a"]);
        for (const p of params) {
          if (p.in !== "query") continue;
          const s = p.schema as Json;
          const name = String(p.name);
          const probes: [string, boolean][] = [];
          if (s.type === "integer" && typeof s.maximum === "number" && s.maximum < 2 ** 31) {
            probes.push([String(s.maximum + 1), true]);
            if (name === "limit") probes.push([String(s.maximum), false]);
          }
          if (s.type === "integer" && typeof s.minimum === "number" && s.minimum > -(2 ** 31)) {
            probes.push([String(s.minimum - 1), true]);
          }
          if (typeof s.maxLength === "number") probes.push(["a".repeat(s.maxLength + 1), true]);
          for (const [value, refused] of probes) {
            const others = required.filter(([n]) => n !== name).map(([n, v]) => `&${n}=${v}`);
            const url = `${path}?${name}=${value}${others.join("")}`;
            const r = await call(op.method, url, { headers: bearer });
            if ((r.status === 400 && r.field === name) !== refused) {
              problems.push(
                `${where}?${name}=${value.slice(0, 12)}: answered ${r.status}`,
              );
            }
          }
        }
      }
      report(problems);
    },
  );

  await t.step(
    "auth: documented operations answer 401 without credentials, public ones never",
    async () => {
      const problems: string[] = [];
      for (const op of listOperations()) {
        const init: RequestInit = op.body
          ? { headers: { "content-type": "application/json" }, body: "{}" }
          : {};
        const r = await call(op.method, concrete(op), init);
        if ((r.status === 401) !== op.auth || documents(op, 401) !== op.auth) {
          problems.push(
            `${op.method.toUpperCase()} ${op.path}: auth ${op.auth}, answered ${r.status}`,
          );
        }
      }
      report(problems);
    },
  );

  await t.step(
    "media type: a text/plain body is a 415 exactly where 415 is documented",
    async () => {
      const problems: string[] = [];
      for (const op of listOperations().filter((o) => o.body)) {
        const r = await call(op.method, concrete(op), {
          headers: { ...bearer, "content-type": "text/plain" },
          body: "x",
        });
        if ((r.status === 415) !== documents(op, 415)) {
          problems.push(
            `${op.method.toUpperCase()} ${op.path}: answered ${r.status}, ` +
              `415 documented: ${documents(op, 415)}`,
          );
        }
      }
      report(problems);
    },
  );

  await t.step(
    "GET /api/gigs/:id/matches?limit=101 is refused as documented; the maximum, 100, is served",
    async () => {
      const json = { ...bearer, "content-type": "application/json" };
      const client = await app.fetch("/api/profile", {
        method: "PUT",
        headers: json,
        body: JSON.stringify({ is_client: true }),
      });
      assertEquals(client.status, 200, await client.clone().text());
      const starts = new Date(Date.now() + 30 * 86_400_000).toISOString();
      const created = await app.fetch("/api/gigs", {
        method: "POST",
        headers: json,
        body: JSON.stringify({ title: "Jazz trio for a dinner", starts_at: starts }),
      });
      assertEquals(created.status, 201, await created.clone().text());
      const gig = await created.json() as { id: string };
      const over = await app.fetch(`/api/gigs/${gig.id}/matches?limit=101`, { headers: bearer });
      const body = await over.json();
      assertEquals([over.status, body.error?.field], [400, "limit"], "limit=101");
      const max = (doc.paths["/api/gigs/{id}/matches"].get.parameters as Json[])
        .find((p) => p.name === "limit")?.schema as { maximum: number };
      assertEquals(max.maximum, MAX_LIMIT);
      const atMax = await app.fetch(`/api/gigs/${gig.id}/matches?limit=${max.maximum}`, {
        headers: bearer,
      });
      assertEquals(atMax.status, 200, await atMax.clone().text());
      assert(Array.isArray(await atMax.json()), "matches are a list");
    },
  );
});
