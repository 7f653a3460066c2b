/**
 * docker-compose.override.yml against Supabase's self-hosting compose (supabase/supabase, folder
 * docker/): the override is merged into that file and reads its .env, so every service it leans
 * on and every variable it reads must be one Supabase's files define. The lists below are copied
 * from those files (docker-compose.yml at commit 00069a4c6fe35a6db32b91015dad24f2fe161302,
 * .env.example at 001faf98b6c92f15db48418bd14a7cb4b7985e05); update them with Supabase's.
 * The app's environment, interpolated from .env.example's values, must load as a Supabase-mode
 * config that sends browsers to the public URL.
 */
import { parse } from "yaml";
import { z } from "zod";
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { loadConfig, supabasePublicUrl } from "../../lib/platform/config.ts";

const ROOT = new URL("../../", import.meta.url);

/** Service names of Supabase's docker/docker-compose.yml. */
const SUPABASE_SERVICES = [
  "studio",
  "kong",
  "auth",
  "rest",
  "realtime",
  "storage",
  "imgproxy",
  "meta",
  "functions",
  "analytics",
  "db",
  "vector",
  "supavisor",
];
/** Host ports Supabase publishes with .env.example's values (Kong HTTP/HTTPS, Supavisor). */
const SUPABASE_HOST_PORTS = [8000, 8443, 5432, 6543];
/** Port Kong listens on inside the network (`${KONG_HTTP_PORT}:8000/tcp`). */
const KONG_INTERNAL = "http://kong:8000";
/** Variables of Supabase's docker/.env.example that the override may read, with their values. */
const SUPABASE_ENV: Record<string, string> = {
  POSTGRES_PASSWORD: "your-super-secret-and-long-postgres-password",
  JWT_SECRET: "your-super-secret-jwt-token-with-at-least-32-characters-long",
  ANON_KEY: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJyb2xlIjoiYW5vbiJ9.c2lnbmF0dXJl",
  SERVICE_ROLE_KEY: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIn0.c2ln",
  SUPABASE_PUBLIC_URL: "http://localhost:8000",
  API_EXTERNAL_URL: "http://localhost:8000",
  POSTGRES_HOST: "db",
  POSTGRES_DB: "postgres",
  POSTGRES_PORT: "5432",
  SITE_URL: "http://localhost:3000",
  ADDITIONAL_REDIRECT_URLS: "",
  JWT_EXPIRY: "3600",
  KONG_HTTP_PORT: "8000",
  KONG_HTTPS_PORT: "8443",
  POOLER_PROXY_PORT_TRANSACTION: "6543",
};
/** What a self-hoster adds to that .env for Soundcheck (README): only SOUNDCHECK_* names. */
const OURS = { SOUNDCHECK_DIR: "/srv/soundcheck" };

const Service = z.object({
  image: z.string().optional(),
  command: z.union([z.string(), z.array(z.string())]).optional(),
  environment: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).nullable())
    .optional(),
  ports: z.array(z.string()).optional(),
  volumes: z.array(z.string()).optional(),
  depends_on: z.record(z.string(), z.object({ condition: z.string() })).optional(),
});
const Compose = z.object({
  services: z.record(z.string(), Service),
  volumes: z.record(z.string(), z.null()).optional(),
});

const raw = await Deno.readTextFile(new URL("docker-compose.override.yml", ROOT));
const compose = Compose.parse(parse(raw));
const services = compose.services;

/** Compose's interpolation: `${VAR}`, `${VAR:-default}`, `${VAR:?error}`, `$$`. */
function interpolate(text: string, env: Record<string, string>): string {
  return text.replace(/\$\$|\$\{(\w+)(?::([-?])([^}]*))?\}/g, (all, name, op, arg) => {
    if (all === "$$") return "$";
    const value = env[name];
    if (op === "-") return value ? value : arg;
    if (op === "?" && !value) throw new Error(`${name}: ${arg}`);
    if (value === undefined) throw new Error(`\${${name}} is neither Supabase's nor ours`);
    return value;
  });
}

const ENV = { ...SUPABASE_ENV, ...OURS };
const envOf = (name: string) =>
  Object.fromEntries(
    Object.entries(services[name].environment ?? {}).map((
      [k, v],
    ) => [k, interpolate(String(v ?? ""), ENV)]),
  );
const commandOf = (name: string) => {
  const c = services[name].command ?? "";
  return Array.isArray(c) ? c.join(" ") : c;
};
const ownServices = Object.keys(services).filter((s) => !SUPABASE_SERVICES.includes(s));

Deno.test("self-host - every variable is Supabase's .env or SOUNDCHECK_*", () => {
  const used = [...raw.matchAll(/\$\{(\w+)/g)].map((m) => m[1]);
  assert(used.length > 0);
  for (const name of used) {
    assert(
      name in SUPABASE_ENV || name.startsWith("SOUNDCHECK_"),
      `\${${name}} is not in Supabase's .env.example nor ours`,
    );
  }
  // And the whole file interpolates with Supabase's values plus SOUNDCHECK_DIR.
  interpolate(raw, ENV);
});

Deno.test("self-host - it leans only on Supabase's services and changes none but auth's env", () => {
  for (const [name, svc] of Object.entries(services)) {
    for (const dep of Object.keys(svc.depends_on ?? {})) {
      assert(
        SUPABASE_SERVICES.includes(dep) || ownServices.includes(dep),
        `${name} depends on ${dep}, which Supabase's compose does not define`,
      );
    }
    if (SUPABASE_SERVICES.includes(name)) {
      assertEquals(name, "auth", "the only Supabase service it touches");
      assertEquals(Object.keys(svc).sort(), ["depends_on", "environment"]);
    }
  }
  for (const own of ownServices) assertMatch(own, /^soundcheck/);
});

Deno.test("self-host - no host port Supabase publishes, and no npx", () => {
  const published = Object.values(services).flatMap((s) => s.ports ?? []);
  assert(published.length > 0, "the web server is reachable from the host");
  for (const mapping of published) {
    const host = Number(interpolate(mapping, ENV).split(":").at(-2));
    assert(!SUPABASE_HOST_PORTS.includes(host), `host port ${host} is Supabase's`);
  }
  assert(!/\bnpx\b/.test(raw.replace(/^\s*#.*$/gm, "")), "the Deno image has no npx");
});

Deno.test("self-host - the server uses Kong inside the network, browsers the public URL", () => {
  const env = envOf("soundcheck");
  assertEquals(env.SUPABASE_URL, KONG_INTERNAL);
  assertEquals(env.SUPABASE_PUBLIC_URL, SUPABASE_ENV.SUPABASE_PUBLIC_URL);
  assertEquals(env.SITE_URL, SUPABASE_ENV.SITE_URL, "Auth's Site URL is the app's");
  const config = loadConfig(env);
  assertEquals(config.SUPABASE_URL, KONG_INTERNAL);
  assertEquals(supabasePublicUrl(config), SUPABASE_ENV.SUPABASE_PUBLIC_URL);
  assertEquals(config.SUPABASE_ANON_KEY, SUPABASE_ENV.ANON_KEY);
  assertEquals(config.APP_ENV, "prod");
  assertEquals(new URL(config.DATABASE_URL!).hostname, SUPABASE_ENV.POSTGRES_HOST);
  assertEquals(`${config.PORT}`, services.soundcheck.ports![0].split(":").at(-1));
});

Deno.test("self-host - migrations run once, against db, before the app starts", () => {
  const migrate = ownServices.find((s) => /migrate/.test(s));
  assert(migrate, "a migration service");
  assertEquals(
    services.soundcheck.depends_on?.[migrate]?.condition,
    "service_completed_successfully",
  );
  assertEquals(services[migrate].depends_on?.db?.condition, "service_healthy");
  const cmd = commandOf(migrate);
  assertMatch(cmd, /supabase@[\d.]+ db push/);
  assertMatch(cmd, /--yes/, "no prompt in a container: without --yes the CLI changes nothing");
  assertMatch(cmd, /supabase\/migrations/);
  assert(!/--include-seed/.test(cmd), "no demo accounts on a server");
  const url = new URL(interpolate(String(services[migrate].environment?.MIGRATE_DB_URL), ENV));
  assertEquals(url.hostname, "db");
  // Pinned as the project pins them.
  const pkg = JSON.parse(Deno.readTextFileSync(new URL("package.json", ROOT)));
  assertEquals(cmd.match(/npm:supabase@([\d.]+)/)?.[1], pkg.devDependencies.supabase);
  for (const s of ownServices.filter((s) => services[s].image?.startsWith("denoland/deno"))) {
    assertEquals(services[s].image, `denoland/deno:${pkg.devDependencies.deno}`);
  }
});

Deno.test("self-host - Supabase Auth gets the recovery template from a service of ours", async () => {
  const url = new URL(envOf("auth").GOTRUE_MAILER_TEMPLATES_RECOVERY);
  assert(ownServices.includes(url.hostname), "served inside the network");
  assertEquals(services.auth.depends_on?.[url.hostname]?.condition, "service_healthy");
  const mount = services[url.hostname].volumes?.[0] ?? "";
  assertMatch(mount, /\/supabase\/templates:\/srv/);
  const html = await Deno.readTextFile(new URL(`supabase/templates${url.pathname}`, ROOT));
  assertMatch(html, /token_hash=\{\{ \.TokenHash \}\}&type=recovery/);
});
