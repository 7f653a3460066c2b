/**
 * A staged job while it works (the DJ's runs, the studio's songs): a live status box and the list
 * of its stages, done ones ticked, the current one named, the rest grey.
 */
import type { ComponentChildren, JSX } from "preact";

export interface StageProgressProps {
  /** `dj-progress`, `song-progress`: what tests and pages find it by. */
  testId: string;
  status: string;
  /** Shown as `data-stage` when given (the studio's tests wait on it). */
  stage?: string;
  /** What the current stage is at, under the rest. */
  detail: string | null;
  detailTestId?: string;
  children: ComponentChildren;
}

export function StageProgress(props: StageProgressProps): JSX.Element {
  return (
    <div
      role="status"
      aria-live="polite"
      class="rounded-md border border-gray-200 bg-white p-4"
      data-testid={props.testId}
      data-status={props.status}
      data-stage={props.stage}
    >
      {props.children}
      {props.detail && (
        <p class="mt-2 text-sm text-gray-700" data-testid={props.detailTestId}>{props.detail}</p>
      )}
    </div>
  );
}

export interface StageListProps<S extends string> {
  stages: readonly S[];
  labels: Record<S, string>;
  /** The current stage's index: those before it are done, those after it pending. */
  current: number;
}

export function StageList<S extends string>(
  { stages, labels, current }: StageListProps<S>,
): JSX.Element {
  return (
    <ol class="flex flex-wrap gap-x-4 gap-y-1 text-sm">
      {stages.map((s, i) => {
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
              : "text-gray-600"}
          >
            {state === "done" ? "✓ " : state === "current" ? "… " : ""}
            {labels[s]}
          </li>
        );
      })}
    </ol>
  );
}
