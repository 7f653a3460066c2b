/**
 * A virtual artist's import, plan or art while it is worked on, live: it follows the job's topic
 * (`artist_import:<id>`, `artist_plan:<id>`, `artist_art:<id>`: the artist's owner and members
 * only) and shows the
 * stage as it comes; once the job has finished (done, ready or failed) the page reloads to show
 * the outcome. Whenever the live connection (re)opens it reads the job afresh from the JSON API.
 * (StudioJobLive is bound to the studio's masters and meters; this is its twin for artists.)
 */
import { useEffect, useState } from "preact/hooks";
import { followTopic } from "../lib/browser/realtime.ts";
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

export interface ArtistJobState {
  status: string;
  stage: string | null;
  progress: Record<string, unknown>;
}

export interface ArtistJobLiveProps {
  kind: "import" | "plan" | "drawing";
  id: string;
  /** The JSON API path answering `{ import }`, `{ plan }` or `{ drawing }`. */
  api: string;
  state: ArtistJobState;
}

const STATUSES = ["queued", "running", "done", "ready", "failed"];
const pending = (status: string) => status === "queued" || status === "running";

function stateOf(p: Record<string, unknown> | null | undefined): ArtistJobState | null {
  if (!p || !STATUSES.includes(p.status as string)) return null;
  const progress = p.progress && typeof p.progress === "object" && !Array.isArray(p.progress)
    ? p.progress as Record<string, unknown>
    : {};
  return {
    status: p.status as string,
    stage: typeof p.stage === "string" ? p.stage : null,
    progress,
  };
}

export default function ArtistJobLive(props: ArtistJobLiveProps) {
  const [job, setJob] = useState(props.state);
  const [live, setLive] = useState(false);
  const { kind, id } = props;

  useEffect(() => {
    let stopped = false;
    const apply = (next: ArtistJobState | null) => {
      if (stopped || !next) return;
      if (!pending(next.status)) {
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
    const topic = kind === "import"
      ? importTopic(id)
      : kind === "plan"
      ? planTopic(id)
      : artTopic(id);
    const stop = followTopic(topic, {
      progress: (p) => apply(stateOf(p)),
      refresh: () => void refresh(),
      live: setLive,
    });
    return () => {
      stopped = true;
      stop();
    };
  }, [id]);

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
