/**
 * A finished song's two ways out, separate choices (lib/domains/studio/share.ts): a share link
 * for anyone who has it, and the AI DJ's catalogue. Forms posting to the song's page (no
 * JavaScript needed); what cannot be undone (the old link dying) is confirmed first.
 */
import type { JSX } from "preact";
import type { Song } from "../lib/domains/studio/types.ts";
import CopyLink from "../islands/CopyLink.tsx";
import { CsrfField } from "./Field.tsx";
import { Button } from "./Button.tsx";
import { ConfirmedField } from "./ConfirmStep.tsx";

interface Props {
  song: Song;
  csrf: string;
}

/** Create, copy, renew or stop the song's share link. */
export function SongShare(
  { song, csrf, shareUrl }: Props & { shareUrl: string | null },
): JSX.Element {
  const here = `/studio/songs/${song.id}`;
  return (
    <section aria-labelledby="song-share" class="space-y-3" data-testid="song-share">
      <h2 id="song-share" class="text-lg font-semibold text-gray-900">Share</h2>
      {shareUrl
        ? (
          <>
            <CopyLink
              id="song-share-url"
              label="Share link: anyone who has it can listen, without signing in"
              url={shareUrl}
              testId="song-share-url"
            />
            <details class="text-sm">
              <summary class="cursor-pointer text-gray-800 underline">Make a new link…</summary>
              <form method="post" action={here} class="mt-2 flex flex-wrap items-center gap-3">
                <CsrfField token={csrf} />
                <ConfirmedField />
                <span>The link above stops working at once; you share the new one.</span>
                <Button variant="secondary" name="intent" value="share">Make a new link</Button>
              </form>
            </details>
            <details class="text-sm">
              <summary class="cursor-pointer text-red-700 underline">Stop sharing…</summary>
              <form method="post" action={here} class="mt-2 flex flex-wrap items-center gap-3">
                <CsrfField token={csrf} />
                <ConfirmedField />
                <span>Anyone opening the link will be told it no longer works.</span>
                <Button variant="danger" name="intent" value="unshare">Stop sharing</Button>
              </form>
            </details>
          </>
        )
        : (
          <form method="post" action={here} class="flex flex-wrap items-center gap-3">
            <CsrfField token={csrf} />
            <Button variant="secondary" name="intent" value="share">Create a share link</Button>
            <span class="text-sm text-gray-600">
              Only you can hear this song. A link lets anyone who has it listen.
            </span>
          </form>
        )}
    </section>
  );
}

/** Whether the AI DJ may put the song in playlists (a checkbox and Save, without JavaScript). */
export function SongCatalogue({ song, csrf }: Props): JSX.Element {
  const here = `/studio/songs/${song.id}`;
  return (
    <section aria-labelledby="song-catalogue" class="space-y-2">
      <h2 id="song-catalogue" class="text-lg font-semibold text-gray-900">AI DJ</h2>
      <form method="post" action={here} class="space-y-2">
        <CsrfField token={csrf} />
        <div class="flex items-start gap-2">
          <input
            id="song-in-catalogue"
            type="checkbox"
            name="in_catalogue"
            value="on"
            checked={song.in_catalogue}
            aria-describedby="song-in-catalogue-hint"
            class="mt-1 h-4 w-4 rounded border-gray-300"
          />
          <div>
            <label for="song-in-catalogue" class="text-sm font-medium text-gray-800">
              Let the AI DJ play this song in playlists
            </label>
            <p id="song-in-catalogue-hint" class="text-sm text-gray-600">
              It can then turn up in other people's AI DJ playlists, with your name as the artist.
              This shares no link.
            </p>
          </div>
        </div>
        <Button variant="secondary" name="intent" value="catalogue">Save</Button>
      </form>
    </section>
  );
}
