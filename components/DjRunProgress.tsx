/** A DJ run's stages while they work: done ones ticked, the current one named, and what it is at. */
import type { JSX } from "preact";
import { DJ_STAGES, progressDetail, type RunState, STAGE_LABELS } from "../lib/browser/dj_view.ts";
import { StageList, StageProgress } from "./StageProgress.tsx";

export function DjRunProgress({ run }: { run: RunState }): JSX.Element {
  // A queued run is about to read the prompt: its first stage shows as the current one.
  const current = run.stage ? DJ_STAGES.indexOf(run.stage) : DJ_STAGES.length;
  return (
    <StageProgress
      testId="dj-progress"
      status={run.status}
      detail={progressDetail(run)}
      detailTestId="dj-progress-detail"
    >
      <StageList stages={DJ_STAGES} labels={STAGE_LABELS} current={current} />
    </StageProgress>
  );
}
