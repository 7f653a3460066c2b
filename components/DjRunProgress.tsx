/** A DJ run's stages while they work: done ones ticked, the current one named, and what it is at. */
import type { JSX } from "preact";
import { DJ_STAGES, progressDetail, type RunState, STAGE_LABELS } from "../lib/browser/dj_view.ts";

export function DjRunProgress({ run }: { run: RunState }): JSX.Element {
  // A queued run is about to read the prompt: its first stage shows as the current one.
  const current = run.stage ? DJ_STAGES.indexOf(run.stage) : DJ_STAGES.length;
  const detail = progressDetail(run);
  return (
    <div
      role="status"
      aria-live="polite"
      class="rounded-md border border-gray-200 bg-white p-4"
      data-testid="dj-progress"
      data-status={run.status}
    >
      <ol class="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {DJ_STAGES.map((s, i) => {
          const state = i < current ? "done" : i === current ? "current" : "pending";
          return (
            <li
              key={s}
              data-stage={s}
              data-state={state}
              class={state === "done"
                ? "text-green-700"
                : state === "current"
                ? "font-semibold text-indigo-700"
                : "text-gray-400"}
            >
              {state === "done" ? "✓ " : state === "current" ? "… " : ""}
              {STAGE_LABELS[s]}
            </li>
          );
        })}
      </ol>
      {detail && <p class="mt-2 text-sm text-gray-700" data-testid="dj-progress-detail">{detail}
      </p>}
    </div>
  );
}
