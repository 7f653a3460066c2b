/**
 * The Spotify connection as the DJ pages show it: set up or not, connect, reconnect when Spotify
 * refused the tokens or the six-month sign-in expired (each said as it is, never an error page),
 * reconnect to grant a missing permission, disconnect after a confirmation. No JavaScript needed.
 */
import type { JSX } from "preact";
import { CsrfField } from "./Field.tsx";
import { Button } from "./Button.tsx";
import { ConfirmedField } from "./ConfirmStep.tsx";

export interface SpotifyState {
  configured: boolean;
  status: "active" | "broken" | null;
  display_name: string | null;
  /** `expired`: Spotify's six-month sign-in ran out; otherwise access was removed or refused. */
  broken_reason?: "revoked" | "expired" | "undecryptable" | "refused" | null;
  /** Permissions the connection lacks: saving playlists needs a reconnect. */
  missing_scopes?: string[];
}

/** Why the connection stopped working, in words, by cause. */
function brokenText(reason: SpotifyState["broken_reason"]): { title: string; body: string } {
  if (reason === "expired") {
    return {
      title: "Your Spotify connection expired.",
      body: "Spotify asks you to sign in again every six months. Connect again to search " +
        "Spotify and save playlists in your account; meanwhile new playlists are offline drafts.",
    };
  }
  if (reason === "undecryptable") {
    return {
      title: "Your Spotify connection needs connecting again.",
      body: "This site's key for stored Spotify tokens changed, so the old ones cannot be used. " +
        "Connect again; meanwhile new playlists are offline drafts.",
    };
  }
  return {
    title: "Your Spotify connection stopped working.",
    body: "Spotify no longer accepts it (access was removed in your Spotify account, or Spotify " +
      "withdrew it). Reconnect to search Spotify and save playlists in your account; meanwhile " +
      "new playlists are offline drafts.",
  };
}

const connectHref = (next: string) => `/dj/connect?next=${encodeURIComponent(next)}`;

export function ConnectLink(
  { next, label, testId }: { next: string; label: string; testId: string },
): JSX.Element {
  return (
    <a
      href={connectHref(next)}
      data-testid={testId}
      class="inline-flex min-h-[44px] items-center rounded-md bg-green-600 px-4 py-2 text-sm font-semibold text-white hover:bg-green-700"
    >
      {label}
    </a>
  );
}

/** The playlist's own page on Spotify, in a new tab. */
export function OpenInSpotify(
  { url, class: cls = "" }: { url: string; class?: string },
): JSX.Element {
  return (
    <a
      class={`inline-block text-sm text-green-700 underline ${cls}`}
      href={url}
      rel="noopener"
      target="_blank"
    >
      Open in Spotify
    </a>
  );
}

export function DjSpotifyCard(
  { spotify, csrf, next }: { spotify: SpotifyState; csrf: string; next: string },
): JSX.Element {
  if (!spotify.configured) {
    return (
      <p
        class="rounded-md border border-gray-200 bg-gray-50 p-3 text-sm text-gray-700"
        data-testid="dj-spotify-off"
      >
        Spotify is not set up on this server, so playlists are drafts from the offline catalogue.
      </p>
    );
  }
  if (spotify.status === "broken") {
    const why = brokenText(spotify.broken_reason);
    return (
      <div
        role="alert"
        class="rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-900"
        data-testid="dj-spotify-broken"
        data-reason={spotify.broken_reason ?? "revoked"}
      >
        <p class="font-medium">{why.title}</p>
        <p class="mt-1 text-sm">{why.body}</p>
        <div class="mt-3 flex flex-wrap items-center gap-3">
          <ConnectLink next={next} label="Reconnect Spotify" testId="dj-reconnect" />
          <Disconnect csrf={csrf} />
        </div>
      </div>
    );
  }
  if (spotify.status === "active" && spotify.missing_scopes?.length) {
    return (
      <div
        role="alert"
        class="rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-900"
        data-testid="dj-spotify-scope"
      >
        <p class="font-medium">Spotify needs your permission to save playlists.</p>
        <p class="mt-1 text-sm">
          Your connection{spotify.display_name ? ` as ${spotify.display_name}` : ""}{" "}
          was made without it. Reconnect and accept the permissions Spotify asks for.
        </p>
        <div class="mt-3 flex flex-wrap items-center gap-3">
          <ConnectLink next={next} label="Reconnect Spotify" testId="dj-reconnect" />
          <Disconnect csrf={csrf} />
        </div>
      </div>
    );
  }
  if (spotify.status === "active") {
    return (
      <div
        class="flex flex-wrap items-center gap-3 rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-900"
        data-testid="dj-spotify-connected"
      >
        <span>
          Spotify connected{spotify.display_name ? ` as ${spotify.display_name}` : ""}: playlists go
          straight into your account.
        </span>
        <Disconnect csrf={csrf} />
      </div>
    );
  }
  return (
    <div
      class="flex flex-wrap items-center gap-3 rounded-md border border-gray-200 bg-white p-3 text-sm text-gray-700"
      data-testid="dj-spotify-disconnected"
    >
      <span>Connect Spotify to search its whole catalogue and save playlists in your account.</span>
      <ConnectLink next={next} label="Connect Spotify" testId="dj-connect" />
    </div>
  );
}

/** Two steps without JavaScript: open the details, read what follows, then confirm. */
function Disconnect({ csrf }: { csrf: string }): JSX.Element {
  return (
    <details class="text-sm">
      <summary class="cursor-pointer py-2 text-gray-700 underline">Disconnect…</summary>
      <form
        method="post"
        action="/dj/disconnect"
        class="mt-2 space-y-2"
        data-testid="dj-disconnect"
      >
        <CsrfField token={csrf} />
        <ConfirmedField />
        <ul class="list-disc space-y-1 pl-5">
          <li>Soundcheck deletes its keys to your Spotify account.</li>
          <li>Playlists already in your Spotify account stay there, as they are.</li>
          <li>
            Exporting to Spotify stops until you connect again; meanwhile new playlists are drafts
            from Soundcheck's own catalogue. Your playlists here and their history stay.
          </li>
          <li>
            To remove Soundcheck on Spotify's side too, use the Apps page of your Spotify account.
          </li>
        </ul>
        <Button variant="danger">Disconnect Spotify</Button>
      </form>
    </details>
  );
}
