/**
 * A virtual artist's import, plan or art while it is worked on, live: it follows the job's topic
 * (`artist_import:<id>`, `artist_plan:<id>`, `artist_art:<id>`: the artist's owner and members
 * only) and shows the stage as it comes; once the job has finished (done, ready or failed) the
 * page reloads to show the outcome. Whenever the live connection (re)opens it reads the job afresh from the JSON API.
 * (StudioJobLive shows the studio's masters and meters; both follow a job with useLiveJob.)
 */
import { type LiveJobState, useLiveJob } from "../lib/browser/live_job.ts";
import {
  ARTIST_STAGE_LABELS,
  artTopic,
  DRAW_STAGES,
  IMPORT_STAGES,
  importTopic,
  PLAN_STAGES,
  planTopic,
} from "../lib/shared/artist_jobs.ts";
import { StageList, StageProgress } from "../components/StageProgress.tsx";

export type ArtistJobState = LiveJobState;

export interface ArtistJobLiveProps {
  kind: "import" | "plan" | "drawing";
  id: string;
  /** The JSON API path answering `{ import }`, `{ plan }` or `{ drawing }`. */
  api: string;
  state: ArtistJobState;
}

const STATUSES = ["queued", "running", "done", "ready", "failed"];

export default function ArtistJobLive(props: ArtistJobLiveProps) {
  const { kind, id } = props;
  const { job, live } = useLiveJob({
    topic: kind === "import" ? importTopic(id) : kind === "plan" ? planTopic(id) : artTopic(id),
    api: props.api,
    key: kind,
    initial: props.state,
    statuses: STATUSES,
  });

  const stages: readonly string[] = kind === "import"
    ? IMPORT_STAGES
    : kind === "plan"
    ? PLAN_STAGES
    : DRAW_STAGES;
  const labels = ARTIST_STAGE_LABELS as Record<string, string>;
  const current = job.stage ? Math.max(0, stages.indexOf(job.stage)) : 0;
  const rows = typeof job.progress.rows === "number" ? job.progress.rows : null;
  const tracks = typeof job.progress.tracks === "number" ? job.progress.tracks : null;
  const detail = job.status === "queued"
    ? "Waiting its turn…"
    : rows !== null
    ? `${rows.toLocaleString("en-GB")} rows read`
    : tracks !== null
    ? `${tracks} tracks compared`
    : null;
  return (
    <div data-testid={`artist-${kind}-live`} data-live={live ? "1" : undefined}>
      <StageProgress
        testId={`artist-${kind}-progress`}
        status={job.status}
        stage={job.stage ?? ""}
        detail={detail}
      >
        <StageList stages={stages} labels={labels} current={current} />
      </StageProgress>
    </div>
  );
}
