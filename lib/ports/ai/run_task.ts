/**
 * The one AI policy: live → validated → one retry → offline. Every AI task (task.ts) runs here,
 * so the rules below hold for all of them:
 *
 * - With a live port, the model gets the task's prompt and must answer with JSON its schema
 *   accepts (the port validates it).
 * - An invalid answer (`AiOutputError`) is worth exactly one retry, with the reason appended to
 *   the prompt so the model can fix it.
 * - A provider that is down or refuses (any other error) is not retried here: the SDK already
 *   retried the connection, and the user should not wait twice.
 * - Otherwise the offline producer answers, held to the same schema. Provider trouble never
 *   throws; only a programming error (an offline answer that breaks the schema) does.
 *
 * @module
 */
import type { Logger } from "../../platform/log.ts";
import { AiOutputError, type AiPort, type Generated } from "./port.ts";
import { type AiTask, taskSchema } from "./task.ts";

/** Tokens one live answer used, for the caller's usage ledger. */
export interface AiUsage {
  task: string;
  model: string;
  tokens: number;
}

export interface RunOptions {
  log?: Logger;
  /**
   * Stores a live answer's tokens (e.g. `public.record_ai_tokens`). Called only when the provider
   * reported some; a failure is logged and does not fail the task.
   */
  recordUsage?: (usage: AiUsage) => Promise<unknown>;
}

export interface TaskRun<Output> {
  /** The answer, valid against the task's schema. */
  value: Output;
  source: "live" | "offline";
  model: string;
  /** Tokens the provider reported for the answer used (0 offline). */
  tokens: number;
  /** Live calls made: 0 without a live port, 1, or 2 after a retry. */
  attempts: number;
  /** Why the offline producer answered although a live port is configured. */
  fallback?: string;
}

/** Runs `task` for `input` under the shared policy; see the module doc. */
export async function runTask<Input, Output>(
  ai: AiPort,
  task: AiTask<Input, Output>,
  input: Input,
  opts: RunOptions = {},
): Promise<TaskRun<Output>> {
  const schema = taskSchema(task, input);
  let attempts = 0;
  let fallback: string | undefined;
  if (ai.mode === "live") {
    const prompt = task.prompt(input);
    let ask = prompt;
    while (attempts < 2) {
      attempts++;
      let g: Generated<Output>;
      try {
        g = await ai.generate({
          task: task.name,
          system: task.system,
          prompt: ask,
          schema,
          schemaName: task.schemaName,
        });
      } catch (err) {
        fallback = err instanceof Error ? err.message : String(err);
        if (!(err instanceof AiOutputError)) break;
        opts.log?.({
          level: "warn",
          msg: "ai output invalid",
          task: task.name,
          attempt: attempts,
          error: fallback,
        });
        ask = `${prompt}\n\nYour previous answer was rejected: ${fallback}. ` +
          "Answer again with JSON that fits the schema exactly.";
        continue;
      }
      const run: TaskRun<Output> = {
        value: g.value,
        source: "live",
        model: g.model,
        tokens: g.tokens,
        attempts,
      };
      await recordUsage(task.name, run, opts);
      return run;
    }
    opts.log?.({ level: "warn", msg: "ai fell back to offline", task: task.name, error: fallback });
  }
  return {
    value: schema.parse(task.offline(input)),
    source: "offline",
    model: task.offlineModel,
    tokens: 0,
    attempts,
    ...(fallback === undefined ? {} : { fallback }),
  };
}

async function recordUsage<Output>(
  task: string,
  run: TaskRun<Output>,
  opts: RunOptions,
): Promise<void> {
  if (!opts.recordUsage || run.tokens <= 0) return;
  try {
    await opts.recordUsage({ task, model: run.model, tokens: run.tokens });
  } catch (err) {
    // The user already has the answer; a lost usage row must not cost it.
    opts.log?.({ level: "warn", msg: "ai usage tokens not recorded", error: String(err) });
  }
}
