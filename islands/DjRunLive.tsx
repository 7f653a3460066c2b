/**
 * A DJ run while its stages work, live: it follows the run's topic (`dj_run:<id>`, its owner's
 * only) and shows each stage as it comes (interpret → search → build), then the playlist, without
 * a reload. Whenever the live connection (re)opens it reads the run afresh, since events sent
 * before that are gone. Rendered on the server it is the same progress list, which a page without
 * JavaScript refreshes.
 */
import { useEffect, useState } from "preact/hooks";
import { followTopic } from "../lib/browser/realtime.ts";
import {
  isPending,
  type RunState,
  runStateOf,
  runTitle,
  runTopic,
} from "../lib/browser/dj_view.ts";
import type { DjRunWithTracks } from "../lib/domains/dj/types.ts";
import type { SpotifyView } from "../lib/domains/dj/page_data.ts";
import { DjRunProgress } from "../components/DjRunProgress.tsx";
import { DjRunResult } from "../components/DjRunResult.tsx";

export interface DjRunLiveProps {
  /** The run as the page read it (queued or running). */
  run: DjRunWithTracks;
  spotify: SpotifyView | null;
  csrf: string;
}

export default function DjRunLive(props: DjRunLiveProps) {
  const [run, setRun] = useState(props.run);
  const [ready, setReady] = useState(false);
  const [live, setLive] = useState(false);
  const id = props.run.id;
  const pending = isPending(run.status);

  useEffect(() => {
    setReady(true);
    if (!isPending(props.run.status)) return;
    let stopped = false;
    // The run as stored: the finished one with its tracks (an event carries the state only).
    const refresh = (fallback?: RunState) =>
      fetch(`/api/dj/runs/${id}`, { headers: { accept: "application/json" } })
        .then((r) => (r.ok ? r.json() : null))
        .catch(() => null)
        .then((body: { run?: DjRunWithTracks } | null) => {
          if (stopped) return;
          if (body?.run) setRun(body.run);
          else if (fallback) setRun((r) => ({ ...r, ...fallback }));
        });
    const stop = followTopic(runTopic(id), {
      progress: (payload) => {
        const state = runStateOf(payload);
        if (!state) return;
        // Finished: the progress list stays until the playlist is here.
        if (isPending(state.status)) setRun((r) => ({ ...r, ...state }));
        else void refresh(state);
      },
      refresh: () => void refresh(),
      live: setLive,
    });
    return () => {
      stopped = true;
      stop();
    };
  }, [id]);

  return (
    <div
      data-testid="dj-live"
      data-ready={ready ? "1" : undefined}
      data-live={live ? "1" : undefined}
    >
      {pending ? <DjRunProgress run={run} /> : (
        <div class="space-y-4">
          <h2 class="text-xl font-semibold text-gray-900">{runTitle(run)}</h2>
          <DjRunResult run={run} spotify={props.spotify} csrf={props.csrf} />
        </div>
      )}
    </div>
  );
}
