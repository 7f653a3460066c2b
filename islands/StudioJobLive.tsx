/**
 * A master or a hit meter report while it is made, live: it follows the job's topic
 * (`master:<id>` / `meter:<id>`, its owner's only) and shows each stage and the percentage as
 * they come; once it is done, failed or cancelled the page reloads to show that. Whenever the
 * live connection (re)opens it reads the job afresh. Without JavaScript the page refreshes itself.
 */
import { type LiveJobState, useLiveJob } from "../lib/browser/live_job.ts";
import {
  JOB_STATUSES,
  MASTER_STAGE_LABELS,
  MASTER_STAGES,
  masterTopic,
  METER_STAGE_LABELS,
  METER_STAGES,
  meterTopic,
} from "../lib/shared/studio_jobs.ts";
import { StageList, StageProgress } from "../components/StageProgress.tsx";

export type JobState = LiveJobState;

export interface StudioJobLiveProps {
  kind: "master" | "meter";
  id: string;
  /** The JSON API path that answers `{ master }` or `{ meter }`. */
  api: string;
  state: JobState;
}

export default function StudioJobLive(props: StudioJobLiveProps) {
  const { kind, id } = props;
  const { job, live } = useLiveJob({
    topic: kind === "master" ? masterTopic(id) : meterTopic(id),
    api: props.api,
    key: kind,
    initial: props.state,
    statuses: JOB_STATUSES,
  });

  const stages: readonly string[] = kind === "master" ? MASTER_STAGES : METER_STAGES;
  const labels: Record<string, string> = kind === "master"
    ? MASTER_STAGE_LABELS
    : METER_STAGE_LABELS;
  const current = job.stage ? stages.indexOf(job.stage) : 0;
  const percent = typeof job.progress.percent === "number"
    ? Math.max(0, Math.min(100, Math.round(job.progress.percent)))
    : null;
  return (
    <div data-testid={`${kind}-live`} data-live={live ? "1" : undefined}>
      <StageProgress
        testId={`${kind}-progress`}
        status={job.status}
        stage={job.stage ?? ""}
        detail={job.status === "queued"
          ? "Waiting for the studio…"
          : percent === null
          ? null
          : `${labels[job.stage ?? ""] ?? ""}: ${percent} %`}
      >
        <StageList stages={stages} labels={labels} current={current} />
      </StageProgress>
    </div>
  );
}
