import { z } from "zod";
import { assertEquals, assertMatch, assertRejects } from "../../../tests/_helpers/assert.ts";
import type { LogEntry } from "../../platform/log.ts";
import { createOfflineAi } from "./offline.ts";
import { type AiUsage, runTask } from "./run_task.ts";
import type { AiTask } from "./task.ts";
import { scriptedAi } from "./test_utils.ts";

const Greeting = z.object({ text: z.string().trim().min(5).max(40) });
type Greeting = z.infer<typeof Greeting>;

const greeting: AiTask<string, Greeting> = {
  name: "greeting",
  schemaName: "greeting",
  schema: Greeting,
  system: "Greet people.",
  prompt: (who) => `Greet ${who}.`,
  offline: (who) => ({ text: `Hello, ${who}!` }),
  offlineModel: "offline-greeter",
};

const good = JSON.stringify({ text: "Hi there, Ella" });

Deno.test("runTask - a valid live answer is used as it is and its tokens recorded", async () => {
  const ai = scriptedAi([good], 42);
  const usage: AiUsage[] = [];
  const r = await runTask(ai, greeting, "Ella", { recordUsage: (u) => (usage.push(u), p()) });
  assertEquals(r, {
    value: { text: "Hi there, Ella" },
    source: "live",
    model: "fake-model",
    tokens: 42,
    attempts: 1,
  });
  assertEquals(usage, [{ task: "greeting", model: "fake-model", tokens: 42 }]);
  const [call] = ai.calls;
  assertEquals([call.task, call.system, call.prompt, call.schemaName], [
    "greeting",
    "Greet people.",
    "Greet Ella.",
    "greeting",
  ]);
});

Deno.test("runTask - one retry after invalid output, with the reason in the prompt", async () => {
  const ai = scriptedAi(['{"text": "x"}', good]);
  const logs: LogEntry[] = [];
  const r = await runTask(ai, greeting, "Ella", { log: (e) => logs.push(e) });
  assertEquals([r.source, r.attempts, r.fallback], ["live", 2, undefined]);
  assertMatch(
    ai.calls[1].prompt,
    /^Greet Ella\.\n\nYour previous answer was rejected: answer does not fit the schema at text/,
  );
  assertEquals(logs.map((l) => [l.msg, l.task, l.attempt]), [["ai output invalid", "greeting", 1]]);
});

Deno.test("runTask - invalid twice → the offline producer, and the reason kept", async () => {
  const ai = scriptedAi(["nope", '{"text": 1}', good]);
  const logs: LogEntry[] = [];
  const usage: AiUsage[] = [];
  const r = await runTask(ai, greeting, "Ella", {
    log: (e) => logs.push(e),
    recordUsage: (u) => (usage.push(u), p()),
  });
  assertEquals([r.source, r.model, r.attempts, r.tokens, r.value.text], [
    "offline",
    "offline-greeter",
    2,
    0,
    "Hello, Ella!",
  ]);
  assertMatch(r.fallback ?? "", /schema at text/);
  assertEquals(ai.calls.length, 2, "exactly one retry");
  assertEquals(logs.map((l) => l.msg), [
    "ai output invalid",
    "ai output invalid",
    "ai fell back to offline",
  ]);
  assertEquals(usage, [], "nothing to record offline");
});

Deno.test("runTask - a provider error goes straight to offline (no retry)", async () => {
  const ai = scriptedAi([new Error("ECONNREFUSED")]);
  const r = await runTask(ai, greeting, "Ella");
  assertEquals([r.source, r.attempts, r.fallback], ["offline", 1, "ECONNREFUSED"]);
  assertEquals(ai.calls.length, 1);
});

Deno.test("runTask - without a live port the offline producer answers, with no fallback", async () => {
  const logs: LogEntry[] = [];
  const r = await runTask(createOfflineAi(), greeting, "Ella", { log: (e) => logs.push(e) });
  assertEquals(r, {
    value: { text: "Hello, Ella!" },
    source: "offline",
    model: "offline-greeter",
    tokens: 0,
    attempts: 0,
  });
  assertEquals(logs, []);
});

Deno.test("runTask - a usage ledger that fails is logged and the answer kept", async () => {
  const logs: LogEntry[] = [];
  const r = await runTask(scriptedAi([good]), greeting, "Ella", {
    log: (e) => logs.push(e),
    recordUsage: () => Promise.reject(new Error("db down")),
  });
  assertEquals(r.source, "live");
  assertEquals(logs.map((l) => [l.msg, l.error]), [[
    "ai usage tokens not recorded",
    "Error: db down",
  ]]);
});

Deno.test("runTask - the schema may depend on the input and binds the offline answer too", async () => {
  const sized: AiTask<number, Greeting> = {
    ...greeting,
    schema: (max) => Greeting.refine((g) => g.text.length <= max, "too long"),
    prompt: (max) => `Greet everybody in ${max} characters at most.`,
    offline: () => ({ text: "Hello, all!" }),
  };
  const ai = scriptedAi([good, good]);
  const r = await runTask(ai, sized, 12);
  assertEquals([r.source, r.value.text], ["offline", "Hello, all!"]);
  assertMatch(r.fallback ?? "", /too long/);
  // An offline producer that breaks its own schema is a bug, not provider trouble.
  await assertRejects(() => runTask(createOfflineAi(), sized, 8), /too long/);
});

const p = () => Promise.resolve();
