/**
 * A song while it is made: the stages (done ones ticked, the current one named), a progress bar
 * with its percentage and the time left. While the plan is being written there is one stage and
 * no bar. Drawn with attributes only (the CSP blocks inline styles).
 */
import type { JSX } from "preact";
import {
  etaText,
  GENERATION_STAGES,
  overallPercent,
  SONG_STAGE_LABELS as STAGE_LABELS,
  type SongState,
} from "../lib/browser/studio_view.ts";
import { StageList, StageProgress } from "./StageProgress.tsx";

export function SongProgress(
  { song, eta }: { song: SongState; eta: number | null },
): JSX.Element {
  const enhancing = song.stage === "enhancing";
  const current = song.stage && !enhancing
    ? GENERATION_STAGES.indexOf(song.stage as (typeof GENERATION_STAGES)[number])
    : -1;
  const percent = overallPercent(song);
  const detail = typeof song.progress.detail === "string" ? song.progress.detail : null;
  return (
    <StageProgress
      testId="song-progress"
      status={song.status}
      stage={song.stage ?? ""}
      detail={detail}
    >
      {enhancing
        ? (
          <p class="font-semibold text-indigo-700">
            … {STAGE_LABELS.enhancing}
            {song.status === "queued" ? " (waiting for the studio)" : ""}
          </p>
        )
        : (
          <>
            <StageList stages={GENERATION_STAGES} labels={STAGE_LABELS} current={current} />
            <div
              role="progressbar"
              aria-label="Song progress"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
              class="mt-3 overflow-hidden rounded-full bg-gray-200"
            >
              <svg viewBox="0 0 100 4" preserveAspectRatio="none" class="block h-3 w-full">
                <rect x={0} y={0} width={percent} height={4} class="fill-current text-indigo-600" />
              </svg>
            </div>
            <p class="mt-2 flex flex-wrap justify-between gap-2 text-sm text-gray-700">
              <span data-testid="song-percent">
                {song.status === "queued" ? "Waiting for the studio…" : `${percent} %`}
              </span>
              <span data-testid="song-eta">{etaText(eta)}</span>
            </p>
          </>
        )}
    </StageProgress>
  );
}
