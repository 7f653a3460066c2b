/**
 * A master or a hit meter report while it is made, live: it follows the job's topic
 * (`master:<id>` / `meter:<id>`, its owner's only) and shows each stage and the percentage as
 * they come; once it is done, failed or cancelled the page reloads to show that. Whenever the
 * live connection (re)opens it reads the job afresh. Without JavaScript the page refreshes itself.
 */
import { useEffect, useState } from "preact/hooks";
import { followTopic } from "../lib/browser/realtime.ts";
import {
  isJobPending,
  JOB_STATUSES,
  MASTER_STAGE_LABELS,
  MASTER_STAGES,
  masterTopic,
  METER_STAGE_LABELS,
  METER_STAGES,
  meterTopic,
} from "../lib/shared/studio_jobs.ts";
import { StageList, StageProgress } from "../components/StageProgress.tsx";

export interface JobState {
  status: string;
  stage: string | null;
  progress: Record<string, unknown>;
}

export interface StudioJobLiveProps {
  kind: "master" | "meter";
  id: string;
  /** The JSON API path that answers `{ master }` or `{ meter }`. */
  api: string;
  state: JobState;
}

function stateOf(p: Record<string, unknown> | null | undefined): JobState | null {
  if (!p || !(JOB_STATUSES as readonly unknown[]).includes(p.status)) return null;
  const progress = p.progress && typeof p.progress === "object" && !Array.isArray(p.progress)
    ? p.progress as Record<string, unknown>
    : {};
  return {
    status: p.status as string,
    stage: typeof p.stage === "string" ? p.stage : null,
    progress,
  };
}

export default function StudioJobLive(props: StudioJobLiveProps) {
  const [job, setJob] = useState(props.state);
  const [live, setLive] = useState(false);
  const { kind, id } = props;

  useEffect(() => {
    let stopped = false;
    const apply = (next: JobState | null) => {
      if (stopped || !next) return;
      if (!isJobPending(next.status)) {
        stopped = true;
        location.replace(location.href);
        return;
      }
      setJob(next);
    };
    const refresh = () =>
      fetch(props.api, { headers: { accept: "application/json" } })
        .then((r) => (r.ok ? r.json() : null))
        .catch(() => null)
        .then((b: Record<string, Record<string, unknown> | undefined> | null) =>
          apply(stateOf(b?.[kind]))
        );
    const stop = followTopic(kind === "master" ? masterTopic(id) : meterTopic(id), {
      progress: (p) => apply(stateOf(p)),
      refresh: () => void refresh(),
      live: setLive,
    });
    return () => {
      stopped = true;
      stop();
    };
  }, [id]);

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
