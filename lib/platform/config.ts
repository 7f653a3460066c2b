/** Environment configuration, parsed once with zod (DESIGN.md rule 3). */
import { z } from "zod";

/** Each live provider's variables (payments, music generation), all set or none. */
const PROVIDER_VARS = [
  ["Stripe", ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"]],
  ["Razorpay", ["RAZORPAY_KEY_ID", "RAZORPAY_KEY_SECRET", "RAZORPAY_WEBHOOK_SECRET"]],
  ["Music", ["MUSIC_API_URL", "MUSIC_API_TOKEN", "MUSIC_MODEL"]],
] as const;

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  HOSTNAME: z.string().default("127.0.0.1"),
  /** The public origin of every absolute link; https here makes cookies Secure and sends HSTS. */
  SITE_URL: z.string().url().optional(),
  /** Proxies whose X-Forwarded-For is believed: addresses or IPv4 CIDR ranges, comma-separated. */
  TRUSTED_PROXIES: z.string().optional(),
  /** Origins allowed to call the API and functions from a browser, comma-separated. */
  CORS_ORIGINS: z.string().optional(),
  /** API, function and /auth/v1 requests per client per minute (0: no limit). */
  API_RATE_LIMIT: z.coerce.number().int().min(0).max(1_000_000).default(100),
  /** Embedded data directory (PGlite files under db/, storage files under storage/). */
  DATA_DIR: z.string().default(".data"),
  /** Any Postgres: switches the embedded database from PGlite to postgres.js. */
  DATABASE_URL: z.string().url().optional(),
  /** Where this server reaches Supabase (self-hosted: `http://kong:8000` inside the network). */
  SUPABASE_URL: z.string().url().optional(),
  /**
   * Where browsers reach Supabase (Realtime, public file URLs) when it differs from SUPABASE_URL,
   * as in Supabase's self-hosting compose; default SUPABASE_URL.
   */
  SUPABASE_PUBLIC_URL: z.string().url().optional(),
  /**
   * The project's public key: the publishable key (`sb_publishable_…`) or the legacy anon JWT.
   * loadConfig fills it from SUPABASE_PUBLISHABLE_KEY (which wins), SUPABASE_PUBLISHABLE_KEYS
   * (Edge Functions' JSON map) or SUPABASE_ANON_KEY. Never decoded: a publishable key is no JWT.
   */
  SUPABASE_ANON_KEY: z.string().min(1).optional(),
  /** Server-only key: the legacy service_role JWT, else a secret key (`sb_secret_…`). */
  SUPABASE_SERVICE_ROLE_KEY: z.string().min(1).optional(),
  /** HS256 secret for embedded JWTs; a dev default is generated into DATA_DIR when absent. */
  JWT_SECRET: z.string().min(32).optional(),
  JWT_EXPIRY_SECONDS: z.coerce.number().int().min(60).max(86400).default(3600),
  /** "dev" runs the seed and shows /dev pages; "test" keeps everything in memory. */
  APP_ENV: z.enum(["dev", "prod", "test"]).default("dev"),
  WORKER: z.enum(["on", "off"]).default("on"),
  /** Bearer secret for functions/worker (pg_cron calls it on Supabase); unset disables the endpoint. */
  WORKER_SECRET: z.string().min(16).optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /**
   * Bearer secret for `GET /metrics` (Prometheus); unset, the endpoint answers 404. Sent as a
   * bearer token, so token characters only, and no dots: it can never pass for a JWT.
   */
  METRICS_SECRET: z.string().min(16).regex(
    /^[A-Za-z0-9_~+/=-]+$/,
    "Use letters, digits and _ ~ + / = - only (e.g. openssl rand -hex 32)",
  ).optional(),
  /** Requests slower than this are logged at warn level (route, status, ms, request id). */
  SLOW_REQUEST_MS: z.coerce.number().int().min(0).max(600_000).default(1000),
  /** Either of these switches the AI port to the live adapter (the openai SDK). */
  OPENAI_API_KEY: z.string().min(1).optional(),
  /** Any OpenAI-compatible server, e.g. http://127.0.0.1:11434/v1. */
  OPENAI_BASE_URL: z.string().url().optional(),
  AI_MODEL: z.string().min(1).default("gpt-4o-mini"),
  /** Stored with each vector: changing it re-embeds every profile and gig. */
  AI_EMBEDDING_MODEL: z.string().min(1).default("text-embedding-3-small"),
  /** Moderation of virtual artists' personas (live only; offline rules otherwise). */
  AI_MODERATION_MODEL: z.string().min(1).default("omni-moderation-latest"),
  /** Cover art and avatars (live only; drawn SVGs otherwise): `gpt-image-*`, or a DALL·E-style one. */
  AI_IMAGE_MODEL: z.string().min(1).default("gpt-image-1"),
  /** AI writing requests per user, per task, per day. */
  AI_DAILY_LIMIT: z.coerce.number().int().min(0).max(100000).default(50),
  /**
   * Song studio: a hosted prediction API (Replicate-style `POST <url>/predictions`, bearer token;
   * a fake on 127.0.0.1 in tests). All three set: used; none: the offline synthesiser.
   */
  MUSIC_API_URL: z.string().url().optional(),
  MUSIC_API_TOKEN: z.string().min(1).optional(),
  /** The provider's model (`owner/name` or a version id). */
  MUSIC_MODEL: z.string().min(1).optional(),
  /** Songs the worker makes at once (the `generation` queue's concurrency; rendering is CPU). */
  GENERATION_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  /** AI DJ: a Spotify app's client id switches on "Connect Spotify" (PKCE; the secret is optional). */
  SPOTIFY_CLIENT_ID: z.string().min(1).optional(),
  SPOTIFY_CLIENT_SECRET: z.string().min(1).optional(),
  /** Registered in the Spotify app; default `<SITE_URL>/dj/callback`. */
  SPOTIFY_REDIRECT_URL: z.string().url().optional(),
  /** Base URLs, overridable for fakes on 127.0.0.1 in tests. */
  SPOTIFY_ACCOUNTS_URL: z.string().url().default("https://accounts.spotify.com"),
  SPOTIFY_API_URL: z.string().url().default("https://api.spotify.com/v1"),
  /** AES-GCM key material for stored Spotify tokens (≥ 32 chars); embedded dev generates one. */
  TOKEN_ENCRYPTION_KEY: z.string().min(32).optional(),
  /** Outbound e-mail: SMTP (smtp:// or smtps:// with user:pass) wins over the HTTP e-mail API. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "Use smtp://… or smtps://…").optional(),
  /** A Resend-style JSON API (POST <url>/emails, bearer key); the key alone means Resend. */
  EMAIL_API_URL: z.string().url().optional(),
  EMAIL_API_KEY: z.string().min(1).optional(),
  MAIL_FROM: z.string().min(3).default("Soundcheck <no-reply@soundcheck.local>"),
  /** SMS through Twilio's Messages API when all three are set; the base URL is for test fakes. */
  TWILIO_ACCOUNT_SID: z.string().min(1).optional(),
  TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
  TWILIO_FROM: z.string().min(1).optional(),
  TWILIO_API_URL: z.string().url().default("https://api.twilio.com"),
  /** Attempts per e-mail or SMS before it is marked failed (backoff doubles from 30 s). */
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  /** Escrow: held funds are released this many days after the gig ends unless disputed. */
  PAYMENT_RELEASE_DAYS: z.coerce.number().int().min(0).max(60).default(3),
  /** The built-in provider's webhook signing secret; a random one per process when unset. */
  PAYMENTS_BUILTIN_SECRET: z.string().min(16).optional(),
  /** The built-in provider's payouts settle this long after a release. */
  PAYMENTS_BUILTIN_PAYOUT_DELAY_S: z.coerce.number().int().min(0).max(604800).default(60),
  /**
   * The built-in provider takes no real money: with APP_ENV=prod it is refused (checkout answers
   * that payments are not configured) unless this is "on", e.g. for a public demo.
   */
  PAYMENTS_BUILTIN: z.enum(["on", "off"]).optional(),
  /** Stripe (all or none of the first two): non-INR checkouts and Connect Express payouts. */
  STRIPE_SECRET_KEY: z.string().min(1).optional(),
  STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
  /**
   * The Connect webhook endpoint's own signing secret (events on musicians' accounts, such as
   * `account.updated`); the platform endpoint's secret is tried too.
   */
  STRIPE_CONNECT_WEBHOOK_SECRET: z.string().min(1).optional(),
  /** Tests point the SDK at a fake on 127.0.0.1; unset, api.stripe.com. */
  STRIPE_API_URL: z.string().url().optional(),
  /** Razorpay (all or none of the first three): INR checkouts and Route payouts. */
  RAZORPAY_KEY_ID: z.string().min(1).optional(),
  RAZORPAY_KEY_SECRET: z.string().min(1).optional(),
  RAZORPAY_WEBHOOK_SECRET: z.string().min(1).optional(),
  /** Tests point the SDK at a fake on 127.0.0.1; unset, api.razorpay.com. */
  RAZORPAY_API_URL: z.string().url().optional(),
  /** Razorpay Checkout's script; its origin joins the pages' CSP when Razorpay is configured. */
  RAZORPAY_CHECKOUT_JS_URL: z.string().url().default(
    "https://checkout.razorpay.com/v1/checkout.js",
  ),
  /**
   * Gig scout, TESTS ONLY: hosts (comma-separated, e.g. 127.0.0.1) the scout may read although
   * they are loopback or private addresses; unset, such addresses are always refused.
   */
  SCOUT_ALLOW_HOSTS: z.string().optional(),
  /** Gig scout: the time limit of one feed request (all of it), and its size limit. */
  SCOUT_FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  SCOUT_MAX_FEED_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(
    5 * 1024 * 1024,
  ),
  /** Eventbrite sources: a private token; the base URL is for test fakes. */
  EVENTBRITE_TOKEN: z.string().min(1).optional(),
  EVENTBRITE_API_URL: z.string().url().default("https://www.eventbriteapi.com"),
}).superRefine((env, ctx) => {
  // Half a provider would take money it cannot verify or release, or fail every song: name what
  // is missing.
  for (const [provider, names] of PROVIDER_VARS) {
    const set = names.filter((n) => env[n] !== undefined);
    const urlOnly = env[`${provider.toUpperCase()}_API_URL` as keyof typeof env] !== undefined;
    if (set.length === 0 && !urlOnly) continue;
    for (const missing of names.filter((n) => env[n] === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [missing],
        message: `${provider} needs ${names.join(", ")} together; ${missing} is missing`,
      });
    }
  }
});
export type Config = z.infer<typeof Env>;

/**
 * Parses `env` (default: the process environment); throws a readable error naming the variable.
 * An empty value counts as unset, as a compose file's `${OPTIONAL:-}` leaves it.
 */
export function loadConfig(
  given: Record<string, string | undefined> = Deno.env.toObject(),
): Config {
  const env = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== ""));
  // Supabase's Edge Runtime names the database URL SUPABASE_DB_URL.
  const parsed = Env.safeParse({
    ...env,
    DATABASE_URL: env.DATABASE_URL ?? env.SUPABASE_DB_URL,
    ...supabaseKeys(env),
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** Edge Functions get `SUPABASE_PUBLISHABLE_KEYS` / `SUPABASE_SECRET_KEYS`: `{"default": "sb_…"}`. */
const KeyMap = z.record(z.string(), z.string().min(1));

function defaultKey(json: string | undefined): string | undefined {
  if (!json) return undefined;
  try {
    const keys = KeyMap.parse(JSON.parse(json));
    return keys.default ?? Object.values(keys)[0];
  } catch {
    throw new Error("Invalid environment configuration: a SUPABASE_*_KEYS value is not a JSON map");
  }
}

/**
 * One public and one server key from the names Supabase uses: new projects issue publishable and
 * secret keys beside (or instead of) the legacy anon and service_role JWTs. The publishable key
 * wins: it keeps working once a project disables its legacy keys.
 */
function supabaseKeys(env: Record<string, string | undefined>) {
  return {
    SUPABASE_ANON_KEY: env.SUPABASE_PUBLISHABLE_KEY ?? defaultKey(env.SUPABASE_PUBLISHABLE_KEYS) ??
      env.SUPABASE_ANON_KEY,
    SUPABASE_SERVICE_ROLE_KEY: env.SUPABASE_SERVICE_ROLE_KEY ?? env.SUPABASE_SECRET_KEY ??
      defaultKey(env.SUPABASE_SECRET_KEYS),
  };
}

/** The Supabase URL for browsers: SUPABASE_PUBLIC_URL, else SUPABASE_URL. */
export function supabasePublicUrl(config: Config): string | undefined {
  return config.SUPABASE_PUBLIC_URL ?? config.SUPABASE_URL;
}

/** Supabase mode when SUPABASE_URL is set; otherwise the embedded platform. */
export function isSupabase(config: Config): boolean {
  return Boolean(config.SUPABASE_URL);
}

/** The names of this machine, as a Host header or a listening address spells them. */
export const LOOPBACK_HOSTS: readonly string[] = ["127.0.0.1", "localhost", "[::1]", "::1"];

/** True for a listening address only this machine can reach. */
export function listensOnLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.includes(hostname.toLowerCase()) || /^127\./.test(hostname);
}
