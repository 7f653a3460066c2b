/**
 * An artist's versions (/artists/<id>/versions): every version with its cause, note, author,
 * date and what changed. POST `intent=restore` (owner, confirmed on the page) brings an earlier
 * version back as a new one.
 */
import { define } from "../../../../utils.ts";
import { page } from "../../../../lib/fresh_runtime/mod.ts";
import { signedIn } from "../../../../lib/web/guards.ts";
import { readForm } from "../../../../lib/web/body.ts";
import { HttpError, toHttpError } from "../../../../lib/web/errors.ts";
import { parseId } from "../../../../lib/web/params.ts";
import type { Artist, Version } from "../../../../lib/domains/artists/api.ts";
import {
  artistView,
  listVersions,
  restoreVersion,
} from "../../../../lib/domains/artists/service.ts";
import { ArtistFrame, artistHref, backWith } from "../../../../components/ArtistShell.tsx";
import { ArtistVersions } from "../../../../components/ArtistVersions.tsx";

interface Data {
  artist: Artist;
  versions: Version[];
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const id = parseId(ctx.params.id, "Artist");
    const p = ctx.state.platform;
    const artist = await artistView(p, user, id);
    ctx.state.head = { title: `Versions · ${artist.name}` };
    return page({ artist, versions: await listVersions(p, user, id) });
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const id = parseId(ctx.params.id, "Artist");
    const here = artistHref(id, "/versions");
    const form = await readForm(ctx.req);
    if (form.get("intent") !== "restore") {
      throw new HttpError(400, "Unknown action", { field: "intent" });
    }
    const version = Number(form.get("version"));
    if (!Number.isInteger(version) || version < 1) {
      throw new HttpError(400, "Choose a version to restore", { field: "version" });
    }
    try {
      const artist = await restoreVersion(ctx.state.platform, user, id, version);
      return backWith(
        ctx.state.secure,
        here,
        "success",
        `Version ${version} is back, as version ${artist.version}.`,
      );
    } catch (err) {
      const e = toHttpError(err);
      if (!e || e.status >= 500 || (e.status === 404 && e.field === "id")) throw err;
      return backWith(ctx.state.secure, here, "error", e.message);
    }
  },
});

export default define.page<typeof handler>(function VersionsPage({ data, state }) {
  const { artist } = data;
  return (
    <ArtistFrame
      artist={artist}
      section="versions"
      title="Versions"
      sub="Every change to the persona is kept: who made it, why, and what it changed."
    >
      {artist.owner && (
        <p>
          <a href={artistHref(artist.id, "/edit")} class="text-indigo-700 underline">
            Edit the persona
          </a>
        </p>
      )}
      <ArtistVersions
        artistId={artist.id}
        current={artist.version}
        owner={artist.owner}
        versions={data.versions}
        csrf={state.csrf}
      />
    </ArtistFrame>
  );
});
