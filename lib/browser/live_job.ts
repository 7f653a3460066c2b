/**
 * Following one staged job from an island (the job shape: lib/ports/queue/jobs.ts): its topic's
 * progress events as they come, the JSON API read afresh whenever the live connection (re)opens,
 * and the page reloaded once the job has finished, so the server renders the outcome.
 *
 * @module
 */
import { useEffect, useState } from "preact/hooks";
import { followTopic } from "./realtime.ts";
import { isJobPending } from "../shared/studio_jobs.ts";

export interface LiveJobState {
  status: string;
  stage: string | null;
  progress: Record<string, unknown>;
}

export interface LiveJobOptions {
  topic: string;
  /** The JSON API path answering `{ [key]: job }`. */
  api: string;
  key: string;
  initial: LiveJobState;
  /** Every status the job may have; `queued` and `running` are the pending ones. */
  statuses: readonly string[];
}

/** A job's columns from an event or an API answer; null for anything else. */
export function jobStateOf(
  p: Record<string, unknown> | null | undefined,
  statuses: readonly string[],
): LiveJobState | null {
  if (!p || !statuses.includes(p.status as string)) return null;
  const progress = p.progress && typeof p.progress === "object" && !Array.isArray(p.progress)
    ? p.progress as Record<string, unknown>
    : {};
  return {
    status: p.status as string,
    stage: typeof p.stage === "string" ? p.stage : null,
    progress,
  };
}

/** The job as it goes, and whether the live connection is open. */
export function useLiveJob(o: LiveJobOptions): { job: LiveJobState; live: boolean } {
  const [job, setJob] = useState(o.initial);
  const [live, setLive] = useState(false);
  useEffect(() => {
    let stopped = false;
    const apply = (next: LiveJobState | null) => {
      if (stopped || !next) return;
      if (!isJobPending(next.status)) {
        stopped = true;
        location.replace(location.href);
        return;
      }
      setJob(next);
    };
    const refresh = () =>
      fetch(o.api, { headers: { accept: "application/json" } })
        .then((r) => (r.ok ? r.json() : null))
        .catch(() => null)
        .then((b: Record<string, Record<string, unknown> | undefined> | null) =>
          apply(jobStateOf(b?.[o.key], o.statuses))
        );
    const stop = followTopic(o.topic, {
      progress: (p) => apply(jobStateOf(p, o.statuses)),
      refresh: () => void refresh(),
      live: setLive,
    });
    return () => {
      stopped = true;
      stop();
    };
  }, [o.topic]);
  return { job, live };
}
