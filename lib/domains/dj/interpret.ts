/**
 * Interpretation: a prompt in any language becomes a `DjPlan`, through the shared AI policy
 * (lib/ports/ai/run_task.ts: live with strict structured output, one retry when invalid, else the
 * offline lexicon). The task itself is plan_task.ts; every detail of the prompt survives into the
 * plan either way (details.ts).
 *
 * @module
 */
import type { AiPort } from "../../ports/ai/port.ts";
import { runTask } from "../../ports/ai/run_task.ts";
import type { Logger } from "../../platform/log.ts";
import { keepDetails } from "./details.ts";
import { planTask } from "./plan_task.ts";
import type { DjPlan } from "./types.ts";

export { genreLabel, OFFLINE_DJ_MODEL, offlinePlan, planPrompt } from "./plan_task.ts";

export interface Interpretation {
  plan: DjPlan;
  source: "live" | "offline";
  model: string;
  /** Why the offline interpreter was used although a live model is configured. */
  fallback?: string;
}

/** Live (one retry on invalid output), else offline. Never throws for provider trouble. */
export async function interpret(
  ai: AiPort,
  prompt: string,
  log?: Logger,
): Promise<Interpretation> {
  const run = await runTask(ai, planTask, prompt, { log });
  return {
    // Whatever the model left out of the prompt's details, the plan keeps (details.ts).
    plan: keepDetails(run.value, prompt),
    source: run.source,
    model: run.model,
    ...(run.fallback ? { fallback: run.fallback } : {}),
  };
}
