/**
 * "Get set up": the onboarding checklist on the signed-in home. Each step links to the page that
 * does it and is ticked by the data, not by the user; "Hide this list" is a plain form.
 */
import type { JSX } from "preact";
import type { OnboardingStep } from "../lib/domains/home/mod.ts";
import { CsrfField } from "./Field.tsx";

const ROLE_TITLE = { musician: "As a musician", client: "As a client" } as const;

function Step({ s }: { s: OnboardingStep }): JSX.Element {
  return (
    <li data-testid={`step-${s.role}-${s.key}`} data-done={s.done ? "true" : "false"}>
      <a
        href={s.href}
        class="flex min-h-[44px] items-start gap-3 rounded-md px-2 py-2 hover:bg-gray-50"
      >
        <span
          aria-hidden="true"
          class={`mt-0.5 flex h-5 w-5 flex-none items-center justify-center rounded-full border text-xs ${
            s.done
              ? "border-green-700 bg-green-700 text-white"
              : "border-gray-400 bg-white text-transparent"
          }`}
        >
          ✓
        </span>
        <span>
          <span class={`font-medium ${s.done ? "text-gray-600 line-through" : "text-indigo-800"}`}>
            {s.label}
          </span>
          <span class="sr-only">{s.done ? " (done)" : " (to do)"}</span>
          <span class="block text-sm text-gray-600">{s.hint}</span>
        </span>
      </a>
    </li>
  );
}

export function HomeChecklist(
  { steps, csrf }: { steps: OnboardingStep[]; csrf: string },
): JSX.Element {
  const done = steps.filter((s) => s.done).length;
  const roles = [...new Set(steps.map((s) => s.role))];
  return (
    <section
      aria-labelledby="checklist-title"
      data-testid="onboarding"
      class="mb-6 rounded-lg border border-indigo-200 bg-indigo-50/40 p-4 sm:p-6"
    >
      <div class="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="checklist-title" class="text-lg font-semibold text-gray-900">Get set up</h2>
        <p class="text-sm text-gray-700" data-testid="onboarding-progress">
          {done} of {steps.length} done
        </p>
      </div>
      {/* A native progress bar: no inline style (the CSP allows none). */}
      <progress
        class="mt-2 h-2 w-full accent-indigo-600"
        aria-label="Set-up progress"
        value={done}
        max={steps.length}
      />
      <div class={`mt-3 grid gap-4 ${roles.length > 1 ? "md:grid-cols-2" : ""}`}>
        {roles.map((role) => (
          <div key={role}>
            {roles.length > 1 && (
              <h3 class="mb-1 text-sm font-semibold text-gray-800">{ROLE_TITLE[role]}</h3>
            )}
            <ul class="space-y-1">
              {steps.filter((s) => s.role === role).map((s) => <Step key={s.key} s={s} />)}
            </ul>
          </div>
        ))}
      </div>
      <form method="post" action="/onboarding" class="mt-3 text-right">
        <CsrfField token={csrf} />
        <input type="hidden" name="dismissed" value="true" />
        <button
          type="submit"
          class="min-h-[44px] rounded-md px-3 py-2 text-sm text-gray-700 underline hover:bg-white"
        >
          Hide this list
        </button>
      </form>
    </section>
  );
}
