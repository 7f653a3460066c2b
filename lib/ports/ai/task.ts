/**
 * An AI task: what one kind of structured answer needs, as data. `runTask` (run_task.ts) applies
 * the one policy every task shares: ask the live model, validate with the task's schema, retry
 * once with the reason when the answer is invalid, and otherwise answer with the task's offline
 * producer. A task never calls the AI port itself.
 *
 * ## Adding a task
 *
 * 1. One file per task: `lib/domains/writing/tasks/<name>.ts` for writing, or beside its domain
 *    (`lib/domains/dj/plan_task.ts`).
 * 2. The output is a zod schema, and its type is `z.infer` of it. It must suit strict structured
 *    output: every property required, no extra ones, `.nullable()` instead of `.optional()`
 *    (`strictJsonSchema` in port.ts refuses anything else, so test it there).
 * 3. `prompt(input)` states the facts; `system` says who the model is and what to obey.
 * 4. `offline(input)` really does the job without a model, deterministically (same input, same
 *    answer). It is held to the same schema, so its test checks varied inputs against it.
 * 5. Export `const fooTask: AiTask<FooInput, Foo> = { … }` and call
 *    `runTask(ai, fooTask, input, { log, recordUsage })`: the result says which path answered.
 *
 * @example
 * ```ts
 * export const Tagline = z.object({ text: z.string().trim().min(5).max(80) });
 * export type Tagline = z.infer<typeof Tagline>;
 *
 * export const taglineTask: AiTask<MusicianFacts, Tagline> = {
 *   name: "tagline",
 *   schemaName: "musician_tagline",
 *   schema: Tagline,
 *   system: SYSTEM_BASE,
 *   prompt: (m) => `Write a tagline for ${m.stage_name}.`,
 *   offline: (m) => ({ text: `${m.stage_name}, live` }),
 *   offlineModel: OFFLINE_WRITER_MODEL,
 * };
 * ```
 *
 * @module
 */
import type { z } from "zod";

export interface AiTask<Input, Output> {
  /** Names the task in logs, in the provider request's metadata and in `ai_usage` rows. */
  name: string;
  /** The response format's name: a-z, A-Z, 0-9, `_` and `-`, at most 64 characters. */
  schemaName: string;
  /**
   * Validates the live answer and the offline one. A function when the rules depend on the input
   * (a setlist must fill the gig's length).
   */
  schema: z.ZodType<Output> | ((input: Input) => z.ZodType<Output>);
  system: string;
  /** The user message for the live model. */
  prompt(input: Input): string;
  /** The answer without a model: deterministic, and valid against `schema`. */
  offline(input: Input): Output;
  /** Reported as the model when the offline producer answered. */
  offlineModel: string;
}

/** The schema `task` holds `input`'s answers to. */
export function taskSchema<Input, Output>(
  task: AiTask<Input, Output>,
  input: Input,
): z.ZodType<Output> {
  return typeof task.schema === "function" ? task.schema(input) : task.schema;
}
