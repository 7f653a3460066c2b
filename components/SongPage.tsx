/**
 * What a song's page shows in each of its states (routes/(signed-in)/studio/songs/[id].tsx):
 * progress while it is planned or made, the plan editor as a draft, the reason when it failed,
 * the player and the rest when it is done.
 */
import type { JSX } from "preact";
import type { Quota, Song } from "../lib/domains/studio/types.ts";
import { draftOf, type PlanDraft } from "../lib/browser/plan_draft.ts";
import { isGenerating, isPending, type SongState, songTitle } from "../lib/browser/studio_view.ts";
import SongLive from "../islands/SongLive.tsx";
import StudioPlanEditor from "../islands/StudioPlanEditor.tsx";
import { resetDate, SongQuota, SongStatus } from "./SongList.tsx";
import { SongDone } from "./SongDone.tsx";
import { RestyledFrom, SongRestyle } from "./SongRestyle.tsx";
import { Card, EmptyState, PageTitle } from "./Page.tsx";
import { CsrfField } from "./Field.tsx";
import { Button } from "./Button.tsx";
import { ConfirmedField } from "./ConfirmStep.tsx";

export interface SongPageViewProps {
  song: Song | null;
  quota: Quota | null;
  csrf: string;
  draft?: PlanDraft;
  errors?: Record<string, string>;
  confirming?: boolean;
  quotaRefused?: boolean;
  shareUrl: string | null;
  genres: string[];
}

/** Starting again from the same prompt: a new song (the form the studio page posts). */
function StartAgain({ song, csrf, label }: { song: Song; csrf: string; label: string }) {
  if (song.prompt === null) {
    return <a href="/studio/upload" class="text-indigo-700 underline">Upload the track again</a>;
  }
  return (
    <form method="post" action="/studio" class="inline">
      <CsrfField token={csrf} />
      <input type="hidden" name="prompt" value={song.prompt} />
      <input type="hidden" name="language" value={song.language} />
      <Button>{label}</Button>
    </form>
  );
}

function Pending({ song, csrf }: { song: Song; csrf: string }) {
  const here = `/studio/songs/${song.id}`;
  const state: SongState = {
    status: song.status,
    stage: song.stage,
    progress: song.progress,
    error: song.error,
  };
  return (
    <div class="space-y-4">
      {/* Without JavaScript the page reloads itself until the song has moved on. */}
      <noscript>
        <meta http-equiv="refresh" content="2" />
        <p class="text-sm text-gray-700">
          This page refreshes every few seconds.{" "}
          <a class="text-indigo-700 underline" href={here}>Refresh now</a>
        </p>
      </noscript>
      <SongLive id={song.id} song={state} />
      <p class="text-sm text-gray-600">“{song.prompt ?? song.original_name}”</p>
      <details class="text-sm">
        <summary class="cursor-pointer text-gray-800 underline">Cancel…</summary>
        <form method="post" action={here} class="mt-2 flex flex-wrap items-center gap-3">
          <CsrfField token={csrf} />
          <ConfirmedField />
          <span>
            {isGenerating(song)
              ? "Stop making this song? It will not count against your month."
              : "Stop writing this plan?"}
          </span>
          <Button variant="danger" name="intent" value="cancel">Yes, cancel</Button>
        </form>
      </details>
    </div>
  );
}

/** A song's page, or a page about a song (its master, its meter), for a song that is not there. */
export function SongNotFound(): JSX.Element {
  return (
    <EmptyState title="Song not found">
      <p>It was deleted, or it is not yours.</p>
      <a class="mt-4 inline-block text-indigo-700 underline" href="/studio/library">Your songs</a>
    </EmptyState>
  );
}

/** The way back from a page about a song. */
export function BackToSong({ id }: { id: string }): JSX.Element {
  return (
    <p class="text-sm">
      <a href={`/studio/songs/${id}`} class="text-indigo-700 underline">Back to the song</a>
    </p>
  );
}

export function SongPageView(props: SongPageViewProps): JSX.Element {
  const { song, quota, csrf } = props;
  if (!song) return <SongNotFound />;
  const title = songTitle(song);
  const heading = (
    <PageTitle
      sub={song.plan
        ? `“${song.prompt}”`
        : song.source === "upload"
        ? `Uploaded from ${song.original_name} (not counted against your month)`
        : undefined}
    >
      <span class="mr-3">
        {isPending(song.status) && song.stage === "enhancing" ? "Planning your song" : title}
      </span>
      <SongStatus song={song} />
    </PageTitle>
  );
  const editable = song.plan && (song.status === "draft" || song.status === "failed");
  return (
    <>
      {heading}
      <div class="space-y-6" data-testid="song-page" data-status={song.status}>
        <RestyledFrom song={song} />
        {isPending(song.status) && <Pending song={song} csrf={csrf} />}
        {song.status === "failed" && (
          <div
            role="alert"
            class="rounded-md border border-red-300 bg-red-50 p-4 text-red-900"
            data-testid="song-failed"
          >
            <p class="font-medium">This song could not be made.</p>
            <p class="mt-1 text-sm">{song.error ?? "Something went wrong in the studio."}</p>
            <p class="mt-2 text-sm">
              {song.plan
                ? "It was not counted against your month. Check the plan below and generate it again."
                : "Nothing was counted against your month."}
            </p>
            {!song.plan && (
              <div class="mt-3">
                <StartAgain song={song} csrf={csrf} label="Try again" />
              </div>
            )}
          </div>
        )}
        {song.status === "cancelled" && (
          <Card>
            <p class="text-gray-800">
              You cancelled this song; it did not count against your month.
            </p>
            <div class="mt-3 flex flex-wrap items-center gap-3">
              <StartAgain song={song} csrf={csrf} label="Start again from the prompt" />
              <a href="/studio" class="text-indigo-700 underline">Back to the studio</a>
            </div>
          </Card>
        )}
        {editable && quota && (
          <>
            {props.quotaRefused
              ? (
                <div
                  role="alert"
                  class="rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-900"
                  data-testid="quota-refused"
                >
                  <p class="font-medium">No songs left this month.</p>
                  <p class="mt-1 text-sm">
                    They come back on {resetDate(quota.resets_at)}; your plan is kept as a draft.
                    {" "}
                    <a href="/settings/plan" class="font-medium text-indigo-700 underline">
                      Upgrade your plan
                    </a>{" "}
                    to generate it now.
                  </p>
                </div>
              )
              : <SongQuota quota={quota} />}
            <Card>
              <h2 class="mb-4 text-lg font-semibold text-gray-900">The plan</h2>
              <StudioPlanEditor
                csrf={csrf}
                action={`/studio/songs/${song.id}`}
                draft={props.draft ?? draftOf(song.plan!)}
                errors={props.errors}
                genres={props.genres}
                songsLeft={quota.remaining}
                confirming={props.confirming}
              />
            </Card>
          </>
        )}
        {song.status === "done" && (
          <SongDone song={song} csrf={csrf} shareUrl={props.shareUrl} errors={props.errors} />
        )}
        <SongRestyle song={song} csrf={csrf} error={props.errors?.restyle} />
        <p class="text-sm">
          <a href="/studio/library" class="text-indigo-700 underline">All your songs</a>
        </p>
      </div>
    </>
  );
}
