/** DJ history entries: name, prompt, status, and the re-run and refine actions (no JS needed). */
import type { JSX } from "preact";
import type { DjRun } from "../lib/domains/dj/types.ts";
import { isPending, runTitle } from "../lib/browser/dj_view.ts";
import { CsrfField } from "./Field.tsx";
import { When } from "./When.tsx";

const STATUS: Record<DjRun["status"], [string, string]> = {
  queued: ["Starting", "bg-indigo-50 text-indigo-800"],
  running: ["Being made", "bg-indigo-100 text-indigo-800"],
  exported: ["In your Spotify", "bg-green-100 text-green-800"],
  draft: ["Draft", "bg-gray-100 text-gray-800"],
  failed: ["Nothing found", "bg-red-100 text-red-800"],
};

export function StatusBadge({ status }: { status: DjRun["status"] }): JSX.Element {
  const [label, cls] = STATUS[status];
  return (
    <span class={`rounded-full px-2 py-0.5 text-xs font-medium ${cls}`} data-testid="dj-status">
      {label}
    </span>
  );
}

/** The same prompt again, as a one-button form. */
export function RerunForm(
  { run, csrf, label = "Run again" }: { run: DjRun; csrf: string; label?: string },
): JSX.Element {
  return (
    <form method="post" action="/dj" class="inline">
      <CsrfField token={csrf} />
      <input type="hidden" name="prompt" value={run.prompt} />
      <input type="hidden" name="length" value={String(run.length)} />
      {run.no_explicit && <input type="hidden" name="no_explicit" value="on" />}
      <button type="submit" class="text-sm text-indigo-700 underline hover:text-indigo-900">
        {label}
      </button>
    </form>
  );
}

export function DjRunList({ runs, csrf }: { runs: DjRun[]; csrf: string }): JSX.Element {
  return (
    <ul class="divide-y divide-gray-200 rounded-lg border border-gray-200 bg-white">
      {runs.map((run) => (
        <li key={run.id} class="px-4 py-3" data-testid="dj-run">
          <div class="flex flex-wrap items-center gap-2">
            <a href={`/dj/runs/${run.id}`} class="font-medium text-indigo-700 hover:underline">
              {runTitle(run)}
            </a>
            <StatusBadge status={run.status} />
            <span class="text-xs text-gray-600">
              {isPending(run.status)
                ? `${run.length} tracks to come`
                : `${run.track_count} tracks · ${
                  run.source === "spotify" ? "Spotify" : "offline catalogue"
                }`}
              {" · "}
              <When at={run.created_at} />
            </span>
          </div>
          <p class="mt-1 text-sm text-gray-700">“{run.prompt}”</p>
          <div class="mt-1 flex flex-wrap items-center gap-4">
            <RerunForm run={run} csrf={csrf} />
            <a
              href={`/dj?refine=${run.id}`}
              class="text-sm text-indigo-700 underline hover:text-indigo-900"
            >
              Refine
            </a>
          </div>
        </li>
      ))}
    </ul>
  );
}
