/**
 * The chat bench (`deno task bench chat`): 500 open conversations, 1,000 subscribers.
 *
 * - This process runs the real server (`startTestApp`, in-memory PGlite, WORKER=off) and builds
 *   the world: 1,000 users (500 clients, 500 musicians) and one application, so one conversation,
 *   per pair; each user gets a signed access token.
 * - A second process (bench/chat_client.ts) on 127.0.0.1 opens one SSE stream per user through the
 *   real realtime path (`/realtime/v1/sse?topic=conversation:<id>&topic=user:<id>`, authorised by
 *   RLS at subscribe time), then sends messages through the JSON API
 *   (`POST /api/conversations/:id/messages`, bearer tokens) and times them on its own clock.
 * - `chat.deliver.p95_ms`: messages sent at 200/s, round robin over the 500 conversations; from
 *   just before the POST to the recipient's display-ready `message` event (the whole message).
 * - `chat.messages_per_s`: 32 senders flat out; messages whose event reached their recipient
 *   within the window, per second.
 * Every message must reach its recipient exactly once, or the bench fails.
 *
 * @module
 */
import { startTestApp } from "../tests/_helpers/app.ts";
import { seedConversations } from "../tests/_helpers/chat.ts";
import { createTokenSigner } from "../lib/ports/auth/tokens.ts";
import { type Result, summarise } from "./results.ts";
import type { ChatClientConfig, ChatClientReport } from "./chat_client.ts";

export const CHAT_METRICS = ["chat.deliver.p95_ms", "chat.messages_per_s"];
export const CHAT_TARGETS: [string, "≥" | "≤", number][] = [["chat.deliver.p95_ms", "≤", 50]];

const CLIENT_SCRIPT = new URL("./chat_client.ts", import.meta.url).pathname;
const ROOT = new URL("../", import.meta.url).pathname;
const CONVERSATIONS = 500;
const SECRET = "chat-bench-secret-0123456789abcdef0123456789";

export interface ChatBenchOptions {
  runs: number;
  durationS: number;
  logLevel: string;
}

export async function chatBench(opts: ChatBenchOptions): Promise<Result[]> {
  const app = await startTestApp({ WORKER: "off", LOG_LEVEL: opts.logLevel, JWT_SECRET: SECRET });
  const dir = await Deno.makeTempDir({ prefix: "soundcheck-bench-chat-" });
  try {
    const t0 = performance.now();
    const { driver } = app.platform.db;
    const users = await driver.transaction(async (tx) => {
      await tx.query("select set_config('role', 'supabase_admin', true)");
      return await tx.query<{ id: string; email: string; i: number }>(
        `insert into auth.users (id, aud, role, email, email_confirmed_at, raw_app_meta_data,
                                 raw_user_meta_data)
         select gen_random_uuid(), 'authenticated', 'authenticated',
                'chat-bench-' || i || '@example.test', now(),
                '{"provider": "email", "providers": ["email"]}',
                jsonb_build_object('display_name', 'Bench ' || i, 'is_client', i <= $1)
           from generate_series(1, $1 * 2) i
         returning id, email, split_part(split_part(email, '@', 1), '-', 3)::int as i`,
        [CONVERSATIONS],
      );
    });
    users.sort((a, b) => a.i - b.i);
    const pairs = users.slice(0, CONVERSATIONS).map((c, k) => ({
      clientId: c.id,
      musicianId: users[CONVERSATIONS + k].id,
    }));
    const conversations = await seedConversations(driver, pairs, { title: "Bench gig" });
    const { config } = app.platform;
    const issuer = `${config.SITE_URL ?? `http://${config.HOSTNAME}:${config.PORT}`}/auth/v1`;
    const signer = createTokenSigner(SECRET, 3 * 3600, issuer);
    const tokens = new Map<string, string>();
    for (const u of users) {
      const { token } = await signer.sign(
        { id: u.id, email: u.email, user_metadata: {} },
        crypto.randomUUID(),
      );
      tokens.set(u.id, token);
    }
    console.log(
      `chat    world: ${users.length} users, ${conversations.length} conversations in ${
        ((performance.now() - t0) / 1000).toFixed(1)
      } s`,
    );

    const cfg: ChatClientConfig = {
      url: app.url,
      runs: opts.runs,
      durationS: opts.durationS,
      rate: 200,
      senders: 32,
      conversations: conversations.map((c) => ({
        id: c.conversationId,
        users: [
          { id: c.clientId, token: tokens.get(c.clientId)! },
          { id: c.musicianId, token: tokens.get(c.musicianId)! },
        ],
      })),
    };
    const file = `${dir}/config.json`;
    await Deno.writeTextFile(file, JSON.stringify(cfg));
    const report = await runClient(file, opts);
    return [
      summarise("chat.deliver.p95_ms", "ms", report.deliver_p95_ms),
      summarise("chat.messages_per_s", "messages/s", report.messages_per_s),
    ];
  } finally {
    await app.close();
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
}

/** Runs the subscriber/sender process, echoing its progress; its last line is the report. */
async function runClient(file: string, opts: ChatBenchOptions): Promise<ChatClientReport> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CLIENT_SCRIPT, file],
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const limit = (opts.runs * opts.durationS * 2 + 180) * 1000;
  const timer = setTimeout(() => child.kill("SIGKILL"), limit);
  let last = "";
  const lines = child.stdout.pipeThrough(new TextDecoderStream());
  let buffer = "";
  for await (const chunk of lines) {
    buffer += chunk;
    const parts = buffer.split("\n");
    buffer = parts.pop() ?? "";
    for (const line of parts) {
      if (line.startsWith("{")) last = line;
      else if (line.trim()) console.log(line);
    }
  }
  const status = await child.status;
  clearTimeout(timer);
  if (buffer.startsWith("{")) last = buffer;
  if (!status.success || !last) {
    throw new Error(`chat bench client failed (exit ${status.code})`);
  }
  return JSON.parse(last) as ChatClientReport;
}
