/**
 * The chat bench's second process (run by bench/chat.ts with a config file): 1,000 SSE
 * subscribers plus the senders, on one clock. Prints progress lines and, last, one JSON line:
 * `{ deliver_p95_ms: number[], messages_per_s: number[] }` (one value per run).
 *
 * @module
 */

export interface ChatClientConfig {
  url: string;
  runs: number;
  durationS: number;
  /** Messages per second in the latency phase. */
  rate: number;
  /** Concurrent senders in the saturation phase. */
  senders: number;
  conversations: { id: string; users: { id: string; token: string }[] }[];
}

export interface ChatClientReport {
  deliver_p95_ms: number[];
  messages_per_s: number[];
}

interface Sent {
  at: number;
  recipient: string;
  deliveries: number;
  deliveredAt: number;
}

const sent = new Map<string, Sent>();
const streams: { close(): void }[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One SSE subscriber: parses frames as they come and notes each message's arrival. */
async function subscribe(url: string, conversationId: string, user: { id: string; token: string }) {
  const qs = new URLSearchParams([["topic", `conversation:${conversationId}`], [
    "topic",
    `user:${user.id}`,
  ]]);
  const aborter = new AbortController();
  const res = await fetch(`${url}/realtime/v1/sse?${qs}`, {
    headers: { authorization: `Bearer ${user.token}`, accept: "text/event-stream" },
    signal: aborter.signal,
  });
  if (res.status !== 200 || !res.body) {
    throw new Error(`SSE for ${user.id} answered ${res.status}: ${await res.text()}`);
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let ready: () => void = () => {};
  const connected = new Promise<void>((r) => ready = r);
  streams.push({ close: () => aborter.abort() });
  (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (frame.includes(": connected")) ready();
          if (!frame.startsWith("event: message\n")) continue;
          const now = performance.now();
          const data = frame.split("\n").find((l) => l.startsWith("data: "));
          if (!data) continue;
          const { payload } = JSON.parse(data.slice(6)) as {
            payload: { body: string; sender_id: string };
          };
          const s = sent.get(payload.body);
          if (s && s.recipient === user.id) {
            s.deliveries++;
            s.deliveredAt = now;
          }
        }
      }
    } catch {
      // aborted at the end
    }
  })();
  await connected;
}

async function main(file: string): Promise<ChatClientReport> {
  const cfg = JSON.parse(await Deno.readTextFile(file)) as ChatClientConfig;
  const t0 = performance.now();
  const subs = cfg.conversations.flatMap((c) => c.users.map((u) => ({ c: c.id, u })));
  for (let i = 0; i < subs.length; i += 25) {
    await Promise.all(subs.slice(i, i + 25).map((s) => subscribe(cfg.url, s.c, s.u)));
  }
  console.log(
    `chat    ${subs.length} subscribers connected in ${
      ((performance.now() - t0) / 1000).toFixed(1)
    } s`,
  );

  let seq = 0;
  /** Sends one message in conversation `k % n` from one of its two users; resolves on 201. */
  async function send(k: number, run: string): Promise<void> {
    const c = cfg.conversations[k % cfg.conversations.length];
    const from = c.users[Math.floor(k / cfg.conversations.length) % 2];
    const to = c.users.find((u) => u.id !== from.id)!;
    const body = `bench ${run} ${seq++}`;
    const entry: Sent = { at: performance.now(), recipient: to.id, deliveries: 0, deliveredAt: 0 };
    sent.set(body, entry);
    const res = await fetch(`${cfg.url}/api/conversations/${c.id}/messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${from.token}`, "content-type": "application/json" },
      body: JSON.stringify({ body }),
    });
    await res.body?.cancel();
    if (res.status !== 201) throw new Error(`send answered ${res.status}`);
  }

  /** Waits until every message of `run` reached its recipient once; throws on loss or duplicates. */
  async function settle(run: string): Promise<Sent[]> {
    const mine = [...sent].filter(([k]) => k.startsWith(`bench ${run} `)).map(([, v]) => v);
    const until = performance.now() + 15_000;
    while (mine.some((s) => s.deliveries === 0) && performance.now() < until) await sleep(20);
    const lost = mine.filter((s) => s.deliveries === 0).length;
    const twice = mine.filter((s) => s.deliveries > 1).length;
    if (lost || twice) {
      throw new Error(`run ${run}: ${lost} message(s) lost, ${twice} delivered twice`);
    }
    return mine;
  }

  /** `count` messages paced at `cfg.rate` per second; returns the p95 send → delivery in ms. */
  async function paced(run: string, count: number): Promise<number> {
    const start = performance.now();
    const inflight: Promise<void>[] = [];
    for (let i = 0; i < count; i++) {
      const due = start + (i * 1000) / cfg.rate;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      inflight.push(send(i, run));
    }
    await Promise.all(inflight);
    const latencies = (await settle(run)).map((s) => s.deliveredAt - s.at).sort((a, b) => a - b);
    return latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.95))];
  }

  /** `cfg.senders` senders flat out for `durationS`; messages delivered in the window per second. */
  async function saturate(run: string): Promise<number> {
    const start = performance.now();
    const stopAt = start + cfg.durationS * 1000;
    let k = 0;
    const sender = async () => {
      while (performance.now() < stopAt) await send(k++, run);
    };
    await Promise.all(Array.from({ length: cfg.senders }, sender));
    const done = await settle(run);
    const inWindow = done.filter((s) => s.deliveredAt <= stopAt).length;
    return inWindow / cfg.durationS;
  }

  await paced("warmup", cfg.rate); // one second, not measured
  const report: ChatClientReport = { deliver_p95_ms: [], messages_per_s: [] };
  for (let run = 1; run <= cfg.runs; run++) {
    const p95 = await paced(`p${run}`, Math.round(cfg.rate * cfg.durationS));
    const mps = await saturate(`s${run}`);
    report.deliver_p95_ms.push(p95);
    report.messages_per_s.push(mps);
    console.log(
      `run ${run}  chat    deliver p95 ${p95.toFixed(1)} ms at ${cfg.rate}/s, saturation ${
        mps.toFixed(0)
      } messages/s`,
    );
  }
  for (const s of streams) s.close();
  return report;
}

if (import.meta.main) {
  const report = await main(Deno.args[0]);
  console.log(JSON.stringify(report));
  Deno.exit(0);
}
