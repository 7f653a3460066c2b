/**
 * Style transfer on a song's page: "Restyle as…" a genre (a new draft, the original kept), and on
 * a restyled song the link back to its original. Plain form posts (intent `restyle`).
 */
import type { JSX } from "preact";
import type { Song } from "../lib/domains/studio/types.ts";
import { RESTYLE_GENRES } from "../lib/domains/studio/restyle.ts";
import { familyOf } from "../lib/domains/studio/synth/genres.ts";
import { Card } from "./Page.tsx";
import { CsrfField, SelectField } from "./Field.tsx";
import { Button } from "./Button.tsx";

/** The form: a labelled select of the other genres and a button. */
export function SongRestyle(
  { song, csrf, error }: { song: Song; csrf: string; error?: string },
): JSX.Element | null {
  if (!song.plan || !["done", "draft"].includes(song.status)) return null;
  const current = familyOf(song.plan.genre, song.plan.subgenre);
  const options = RESTYLE_GENRES.filter((g) => g.value !== current)
    .map((g) => [g.value, g.label] as const);
  return (
    <Card>
      <h2 class="mb-2 text-lg font-semibold text-gray-900">Restyle as another genre</h2>
      <p class="mb-4 text-sm text-gray-700">
        A new draft with the same melody, structure, key and lyrics, played in another genre's tempo
        and instruments. This song stays as it is, and nothing counts against your month until you
        generate the new one.
      </p>
      <form
        method="post"
        action={`/studio/songs/${song.id}`}
        class="flex flex-wrap items-end gap-3"
        data-testid="restyle-form"
      >
        <CsrfField token={csrf} />
        <SelectField
          name="genre"
          id="restyle-genre"
          label="Restyle as"
          options={options}
          error={error}
          class="min-w-[12rem] flex-1"
        />
        <div class={error ? "mb-7" : ""}>
          <Button variant="secondary" name="intent" value="restyle">Make the new draft</Button>
        </div>
      </form>
    </Card>
  );
}

/** "Restyled from <original>" on a restyle, while the original exists. */
export function RestyledFrom({ song }: { song: Song }): JSX.Element | null {
  if (!song.restyled_from) return null;
  return (
    <p class="text-sm text-gray-700" data-testid="restyled-from">
      Restyled from{" "}
      <a class="text-indigo-700 underline" href={`/studio/songs/${song.restyled_from.id}`}>
        {song.restyled_from.title ?? "your song"}
      </a>
    </p>
  );
}
