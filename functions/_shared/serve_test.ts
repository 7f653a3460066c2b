import { assert, assertEquals } from "../../tests/_helpers/assert.ts";
import { errorJson as runtimeErrorJson } from "../../lib/fresh_runtime/app_host.ts";
import { HttpError } from "../../lib/web/errors.ts";
import { defineFunction, errorJson } from "./serve.ts";
import { functionConfig } from "./platform.ts";

Deno.test("functions - errors answer with the body and headers the web server's edge gives", async () => {
  const cases = [
    new HttpError(500),
    new HttpError(401, "Sign in first", { field: "authorization" }),
    new HttpError(429, "Too many requests", { headers: { "retry-after": "3" } }),
    new HttpError(400, "task: Invalid", {
      code: "invalid_input",
      field: "task",
      issues: [{ field: "task", message: "Invalid" }],
    }),
  ];
  for (const err of cases) {
    const [ours, theirs] = [errorJson(err), runtimeErrorJson(err)];
    assertEquals(ours.status, theirs.status);
    assertEquals([...ours.headers], [...theirs.headers]);
    assertEquals(await ours.json(), await theirs.json());
  }
});

const SUPABASE = {
  SUPABASE_URL: "https://abc.supabase.co",
  SUPABASE_ANON_KEY: "anon",
  SUPABASE_DB_URL: "postgres://postgres@db.abc.supabase.co:5432/postgres",
};

Deno.test("functions - on Supabase a function needs SITE_URL for the links it sends", () => {
  let message = "";
  try {
    functionConfig(SUPABASE);
  } catch (err) {
    message = err instanceof Error ? err.message : String(err);
  }
  assert(message.startsWith("SITE_URL is not set"), message);
  const config = functionConfig({ ...SUPABASE, SITE_URL: "https://app.example" });
  assertEquals([config.SITE_URL, config.WORKER], ["https://app.example", "off"]);
});

Deno.test("functions - embedded, a standalone function keeps the local fallback", () => {
  const config = functionConfig({ APP_ENV: "test" });
  assertEquals([config.SITE_URL, config.WORKER], [undefined, "off"]);
});

Deno.test("functions - served alone on Supabase without SITE_URL: a 500, and the log names it", async () => {
  const saved = Deno.env.toObject();
  const logged: string[] = [];
  const error = console.error;
  console.error = (...args: unknown[]) => logged.push(args.join(" "));
  try {
    for (const [k, v] of Object.entries(SUPABASE)) Deno.env.set(k, v);
    Deno.env.delete("SITE_URL");
    let ran = false;
    const fn = defineFunction(() => {
      ran = true;
      return Promise.resolve(new Response("ok"));
    });
    const res = await fn.handler(new Request("http://127.0.0.1/functions/v1/x"));
    assertEquals([res.status, ran], [500, false]);
    assertEquals((await res.json()).error.code, "server_error");
    assert(logged.some((l) => l.includes("SITE_URL is not set")), logged.join("\n"));
  } finally {
    console.error = error;
    for (const k of Object.keys(SUPABASE)) {
      if (saved[k] === undefined) Deno.env.delete(k);
      else Deno.env.set(k, saved[k]);
    }
    if (saved.SITE_URL !== undefined) Deno.env.set("SITE_URL", saved.SITE_URL);
  }
});
