/**
 * What the master page shows (routes/(signed-in)/studio/songs/[id]/master.tsx): the master shown
 * (progress, failure, or the A/B player with its report), the settings form and the history.
 */
import type { JSX } from "preact";
import type { Song } from "../lib/domains/studio/types.ts";
import type { Master } from "../lib/domains/studio/master/types.ts";
import type { MasterFormValues } from "../lib/domains/studio/master/form.ts";
import { songTitle } from "../lib/browser/studio_view.ts";
import { isJobPending, level } from "../lib/browser/master_view.ts";
import WaveformPlayer from "../islands/WaveformPlayer.tsx";
import StudioJobLive from "../islands/StudioJobLive.tsx";
import { downloadHref } from "./SongDone.tsx";
import { Card, EmptyState, PageTitle } from "./Page.tsx";
import { BackToSong, SongNotFound } from "./SongPage.tsx";
import { CsrfField } from "./Field.tsx";
import { Button } from "./Button.tsx";
import { ConfirmedField } from "./ConfirmStep.tsx";
import { formatDateTime, statusLabel } from "../lib/shared/format.ts";
import { useZone } from "./When.tsx";
import { resetDate } from "./SongList.tsx";
import { MasterForm } from "./MasterForm.tsx";
import {
  LoudnessMeterPanel,
  LoudnessTable,
  PlatformPreview,
  SpectrumChart,
} from "./MasterReport.tsx";

export interface MasterViewProps {
  song: Song | null;
  masters: Master[];
  shown: Master | null;
  genres: string[];
  songs: { id: string; title: string }[];
  values: MasterFormValues;
  errors?: Partial<Record<keyof MasterFormValues, string>>;
  quotaRefused?: string;
  csrf: string;
}

const api = (m: Master) => `/api/studio/songs/${m.song_id}/masters/${m.id}`;
const masterHref = (m: Master, format: "wav" | "mp3") => `${api(m)}/download?format=${format}`;

function summary(m: Master): string {
  const s = m.settings;
  const ref = s.reference.kind === "preset"
    ? `${s.reference.genre} preset`
    : `“${m.reference_title ?? "a deleted song"}”`;
  return `${level(s.target_lufs, "LUFS")}, ceiling ${level(s.ceiling_dbtp, "dBTP")}, intensity ${
    Math.round(s.intensity * 100)
  } %, reference ${ref}`;
}

function Shown({ song, m, csrf }: { song: Song; m: Master; csrf: string }) {
  const here = `/studio/songs/${song.id}/master`;
  if (isJobPending(m.status)) {
    return (
      <div class="space-y-3">
        <noscript>
          <meta http-equiv="refresh" content="2" />
          <p class="text-sm text-gray-700">
            This page refreshes every few seconds.{" "}
            <a class="text-indigo-700 underline" href={`${here}?master=${m.id}`}>Refresh now</a>
          </p>
        </noscript>
        <StudioJobLive
          kind="master"
          id={m.id}
          api={api(m)}
          state={{ status: m.status, stage: m.stage, progress: m.progress }}
        />
        <details class="text-sm">
          <summary class="cursor-pointer py-2 text-gray-800 underline">Cancel this master…</summary>
          <form method="post" action={here} class="mt-2 space-y-2" data-testid="master-cancel">
            <CsrfField token={csrf} />
            <ConfirmedField />
            <input type="hidden" name="mid" value={m.id} />
            <p>
              Mastering stops and what it has done so far is thrown away. It does not count against
              your masters this month; the song and your earlier masters stay as they are. You can
              master it again at any time.
            </p>
            <Button variant="danger" name="intent" value="cancel">Yes, cancel this master</Button>
          </form>
        </details>
      </div>
    );
  }
  if (m.status !== "done" || !m.report) {
    return (
      <div
        role="alert"
        data-testid="master-failed"
        class="rounded-md border border-red-300 bg-red-50 p-4 text-red-900"
      >
        <p class="font-medium">
          {m.status === "cancelled"
            ? "You cancelled this master."
            : "This master could not be made."}
        </p>
        {m.error && <p class="mt-1 text-sm">{m.error}</p>}
        <p class="mt-1 text-sm">It did not count against your masters this month.</p>
      </div>
    );
  }
  const r = m.report;
  return (
    <div class="space-y-6" data-testid="master-done">
      {!m.current && (
        <p class="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          The song's audio changed since this master was made: master it again below.
        </p>
      )}
      <WaveformPlayer
        id={`master-${m.id}`}
        title={`${songTitle(song)}: original and master`}
        src={null}
        peaks={song.peaks ?? []}
        duration={(song.duration_ms ?? 0) / 1000}
        versions={[
          { label: "Original", src: downloadHref(song.id, "mp3"), lufs: r.before.integrated_lufs },
          { label: "Master", src: masterHref(m, "mp3"), lufs: r.after.integrated_lufs },
        ]}
      />
      <p class="text-sm text-gray-600">
        Both play at the same loudness, so you hear the tone and dynamics, not just “louder”.
      </p>
      <section aria-labelledby="m-meter" class="space-y-2">
        <h2 id="m-meter" class="text-lg font-semibold text-gray-900">Loudness meter</h2>
        <LoudnessMeterPanel report={r} player={`master-${m.id}`} />
      </section>
      <section aria-labelledby="m-report" class="space-y-3">
        <h2 id="m-report" class="text-lg font-semibold text-gray-900">Before and after</h2>
        <LoudnessTable report={r} />
        <SpectrumChart report={r} />
      </section>
      <section aria-labelledby="m-platforms" class="space-y-2">
        <h2 id="m-platforms" class="text-lg font-semibold text-gray-900">On streaming services</h2>
        <PlatformPreview report={r} />
      </section>
      <section aria-labelledby="m-downloads">
        <h2 id="m-downloads" class="mb-2 text-lg font-semibold text-gray-900">Downloads</h2>
        <div class="flex flex-wrap gap-2" data-testid="master-downloads">
          {(["wav", "mp3"] as const).map((f) => (
            <a
              key={f}
              href={masterHref(m, f)}
              download
              class="inline-flex items-center rounded-md border border-gray-300 bg-white px-3 py-2 text-sm font-medium text-gray-900 hover:bg-gray-50"
            >
              Master {f.toUpperCase()}
            </a>
          ))}
        </div>
      </section>
    </div>
  );
}

export function MasterView(props: MasterViewProps): JSX.Element {
  const zone = useZone();
  const { song, shown, masters, csrf } = props;
  if (!song) return <SongNotFound />;
  const back = <BackToSong id={song.id} />;
  if (song.status !== "done") {
    return (
      <>
        <PageTitle>Master: {songTitle(song)}</PageTitle>
        <EmptyState title="Not ready to master">
          <p>A song can be mastered once it is finished.</p>
        </EmptyState>
        <div class="mt-4">{back}</div>
      </>
    );
  }
  return (
    <>
      <PageTitle sub="To a loudness target, against a genre preset or one of your songs">
        Master: {songTitle(song)}
      </PageTitle>
      <div class="space-y-6" data-testid="master-page">
        {props.quotaRefused && (
          <div
            role="alert"
            data-testid="master-quota"
            class="rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-900"
          >
            <p class="font-medium">No masters left this month.</p>
            <p class="mt-1 text-sm">
              They come back on {resetDate(props.quotaRefused)}.{" "}
              <a href="/settings/plan" class="font-medium text-indigo-700 underline">
                Upgrade your plan
              </a>{" "}
              for more.
            </p>
          </div>
        )}
        {shown
          ? (
            <Card>
              <p class="mb-3 text-sm text-gray-600" data-testid="master-settings">
                {summary(shown)}
              </p>
              <Shown song={song} m={shown} csrf={csrf} />
            </Card>
          )
          : (
            <p class="text-gray-700">
              No master yet. Choose a target and a reference, and the studio masters the song in
              well under a minute.
            </p>
          )}
        <Card>
          <h2 class="mb-4 text-lg font-semibold text-gray-900">
            {shown ? "Master again with other settings" : "Settings"}
          </h2>
          <MasterForm
            action={`/studio/songs/${song.id}/master`}
            csrf={csrf}
            values={props.values}
            errors={props.errors}
            genres={props.genres}
            songs={props.songs}
            submit={shown ? "Master again" : "Master the song"}
          />
        </Card>
        {masters.length > 1 && (
          <section aria-labelledby="m-history">
            <h2 id="m-history" class="mb-2 text-lg font-semibold text-gray-900">Your masters</h2>
            <ul class="space-y-1 text-sm" data-testid="master-history">
              {masters.map((m) => (
                <li key={m.id}>
                  <a
                    href={`/studio/songs/${song.id}/master?master=${m.id}`}
                    aria-current={m.id === shown?.id ? "true" : undefined}
                    class="text-indigo-700 underline"
                  >
                    {formatDateTime(m.created_at, zone)}
                  </a>{" "}
                  <span class="text-gray-600">
                    ({statusLabel("master", m.status)}) {summary(m)}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        )}
        {back}
      </div>
    </>
  );
}
