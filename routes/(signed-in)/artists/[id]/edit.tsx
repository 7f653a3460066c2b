/**
 * Editing a persona (/artists/<id>/edit, owner only): the form of every field; POST saves it as
 * the next version (cause "edited") against the version the form was opened on. Refusals come
 * back beside their fields with what was typed kept; when someone saved a version meanwhile the
 * form says so and keeps the edits for a second look.
 */
import { define } from "../../../../utils.ts";
import { page } from "../../../../lib/fresh_runtime/mod.ts";
import { signedIn } from "../../../../lib/web/guards.ts";
import { readForm } from "../../../../lib/web/body.ts";
import { HttpError, toHttpError } from "../../../../lib/web/errors.ts";
import { parseId } from "../../../../lib/web/params.ts";
import type { Artist } from "../../../../lib/domains/artists/api.ts";
import { artistView, saveVersion } from "../../../../lib/domains/artists/service.ts";
import { ArtistFrame, artistHref, backWith } from "../../../../components/ArtistShell.tsx";
import {
  ArtistPersonaForm,
  PERSONA_FORM_FIELDS,
  type PersonaFormValues,
  personaValues,
  postedValues,
  readPersonaForm,
} from "../../../../components/ArtistPersonaForm.tsx";

interface Data {
  artist: Artist;
  /** The version the form saves against. */
  version: number;
  values: PersonaFormValues;
  errors?: Record<string, string>;
}

const forbidden = () =>
  new HttpError(403, "Only the artist's owner can edit the persona", { field: "id" });

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const id = parseId(ctx.params.id, "Artist");
    const artist = await artistView(ctx.state.platform, user, id);
    if (!artist.owner) throw forbidden();
    ctx.state.head = { title: `Edit · ${artist.name}` };
    return page({ artist, version: artist.version, values: personaValues(artist.persona) });
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const id = parseId(ctx.params.id, "Artist");
    const p = ctx.state.platform;
    const artist = await artistView(p, user, id);
    if (!artist.owner) throw forbidden();
    ctx.state.head = { title: `Edit · ${artist.name}` };
    const form = await readForm(ctx.req);
    const values = postedValues(form);
    const expected = Number(form.get("version"));
    const again = (errors: Record<string, string>, status: number, version = expected) =>
      page({ artist, version, values, errors }, { status });
    if (!Number.isInteger(expected) || expected < 1) {
      throw new HttpError(400, "The form lost its version: open it again", { field: "version" });
    }
    const read = readPersonaForm(values);
    if (read.errors) return again(read.errors, 422);
    try {
      const version = await saveVersion(
        p,
        user,
        id,
        read.persona,
        expected,
        "edited",
        values.note.trim() || null,
      );
      return backWith(
        ctx.state.secure,
        artistHref(id, "/versions"),
        "success",
        `Saved as version ${version}.`,
      );
    } catch (err) {
      const e = toHttpError(err);
      if (!e || e.status >= 500 || e.status === 404 || e.status === 403) throw err;
      if (e.status === 409) {
        const now = await artistView(p, user, id);
        return again(
          {
            _form: `Someone changed the persona meanwhile (it is now version ${now.version}). ` +
              "Your edits are kept below: compare them with the current version, then save again.",
          },
          409,
          now.version,
        );
      }
      const field = e.field && (PERSONA_FORM_FIELDS as readonly string[]).includes(e.field)
        ? e.field
        : "_form";
      return again({ [field]: e.message }, e.status);
    }
  },
});

export default define.page<typeof handler>(function EditPage({ data, state }) {
  const { artist } = data;
  return (
    <ArtistFrame
      artist={artist}
      section="versions"
      title="Edit the persona"
      sub="Saving makes a new version; the one before stays in the versions list."
    >
      <section class="rounded-lg border border-gray-200 bg-white p-4 shadow-sm sm:p-6">
        <ArtistPersonaForm
          action={artistHref(artist.id, "/edit")}
          csrf={state.csrf}
          version={data.version}
          values={data.values}
          errors={data.errors}
        />
      </section>
      <p class="text-sm">
        <a href={artistHref(artist.id)} class="text-indigo-700 underline">
          Back to {artist.name}
        </a>
      </p>
    </ArtistFrame>
  );
});
