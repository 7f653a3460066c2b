/**
 * What the hit meter page shows (routes/(signed-in)/studio/songs/[id]/meter.tsx): an empty state
 * with "Measure", the live stages, the failure, or the report; "measure again" when the song's
 * audio changed since.
 */
import type { JSX } from "preact";
import type { Song } from "../lib/domains/studio/types.ts";
import type { Meter } from "../lib/domains/studio/meter/types.ts";
import { songTitle } from "../lib/browser/studio_view.ts";
import { isJobPending } from "../lib/browser/master_view.ts";
import StudioJobLive from "../islands/StudioJobLive.tsx";
import { Card, EmptyState, PageTitle } from "./Page.tsx";
import { BackToSong, SongNotFound } from "./SongPage.tsx";
import { CsrfField } from "./Field.tsx";
import { Button } from "./Button.tsx";
import { CategoryBars, FeatureTable, Insights, ScoreGauge } from "./MeterReport.tsx";

function Measure({ song, csrf, label }: { song: Song; csrf: string; label: string }) {
  return (
    <form method="post" action={`/studio/songs/${song.id}/meter`}>
      <CsrfField token={csrf} />
      <Button name="intent" value="measure">{label}</Button>
    </form>
  );
}

export function MeterView(
  { song, meter, csrf }: { song: Song | null; meter: Meter | null; csrf: string },
): JSX.Element {
  if (!song) return <SongNotFound />;
  const back = <BackToSong id={song.id} />;
  const done = song.status === "done";
  let body: JSX.Element;
  if (!done) {
    body = (
      <EmptyState title="Not ready to measure">
        <p>The hit meter scores a song once it is finished.</p>
      </EmptyState>
    );
  } else if (!meter) {
    body = (
      <EmptyState title="Not measured yet">
        <p class="mb-4">
          The hit meter measures tempo, key, loudness, tone, dynamics and structure, scores five
          categories from those numbers and writes insights that quote them.
        </p>
        <Measure song={song} csrf={csrf} label="Measure the song" />
      </EmptyState>
    );
  } else if (isJobPending(meter.status)) {
    body = (
      <>
        <noscript>
          <meta http-equiv="refresh" content="2" />
        </noscript>
        <StudioJobLive
          kind="meter"
          id={meter.id}
          api={`/api/studio/songs/${song.id}/meter`}
          state={{ status: meter.status, stage: meter.stage, progress: meter.progress }}
        />
      </>
    );
  } else if (meter.status !== "done" || !meter.report) {
    body = (
      <div
        role="alert"
        data-testid="meter-failed"
        class="space-y-3 rounded-md border border-red-300 bg-red-50 p-4 text-red-900"
      >
        <p class="font-medium">The hit meter could not score this song.</p>
        {meter.error && <p class="text-sm">{meter.error}</p>}
        <Measure song={song} csrf={csrf} label="Try again" />
      </div>
    );
  } else {
    const r = meter.report;
    body = (
      <div class="space-y-6" data-testid="meter-done">
        {!meter.current && (
          <div class="flex flex-wrap items-center gap-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
            <span>The song's audio changed since this report.</span>
            <Measure song={song} csrf={csrf} label="Measure again" />
          </div>
        )}
        <Card>
          <div class="grid items-center gap-6 sm:grid-cols-[auto_1fr]">
            <ScoreGauge score={r.score.overall} />
            <CategoryBars report={r} />
          </div>
        </Card>
        <Card>
          <Insights report={r} />
        </Card>
        <Card>
          <h2 class="mb-2 text-lg font-semibold text-gray-900">What was measured</h2>
          <FeatureTable report={r} />
          <p class="mt-2 text-xs text-gray-600">Model {r.score.model_version}.</p>
        </Card>
      </div>
    );
  }
  return (
    <>
      <PageTitle sub="Scores from measurements, with the reasons">
        Hit meter: {songTitle(song)}
      </PageTitle>
      <div class="space-y-6" data-testid="meter-page">
        {body}
        {back}
      </div>
    </>
  );
}
