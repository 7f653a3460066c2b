/**
 * The "New artist" form (a brief: genre, market, audience, tone, optional name and notes) and
 * the market select's countries. No country list existed in the codebase: the ISO 3166-1 codes
 * are read from the runtime's region names (Intl), less the aliases and groupings it also knows.
 */
import type { JSX } from "preact";
import { CsrfField, Field, FormErrors, SelectField } from "./Field.tsx";
import { Button } from "./Button.tsx";

/** Codes Intl names that are not countries to sell music in: old aliases, groupings, pseudo. */
const NOT_COUNTRIES = new Set(
  ("AN BU CS DD DY FX HV NH RH SU TP UK VD YD YU ZR EU EZ UN QO XA XB ZZ AC CP CQ DG EA IC TA")
    .split(" "),
);

function countries(): [string, string][] {
  const names = new Intl.DisplayNames(["en"], { type: "region" });
  const out: [string, string][] = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      const name = names.of(code);
      if (name && name !== code && !NOT_COUNTRIES.has(code)) out.push([code, name]);
    }
  }
  return out.sort((x, y) => x[1].localeCompare(y[1], "en"));
}

/** [code, "Name (CODE)"], by name, the world chart first. */
export const MARKET_OPTIONS: readonly (readonly [string, string])[] = [
  ["GLOBAL", "The whole world (GLOBAL)"],
  ...countries().map(([code, name]) => [code, `${name} (${code})`] as const),
];

export interface BriefValues {
  genre: string;
  market: string;
  audience: string;
  tone: string;
  name: string;
  notes: string;
}

export const EMPTY_BRIEF: BriefValues = {
  genre: "",
  market: "",
  audience: "",
  tone: "",
  name: "",
  notes: "",
};

export interface ArtistBriefFormProps {
  csrf: string;
  values: BriefValues;
  errors?: Record<string, string>;
}

export function ArtistBriefForm({ csrf, values, errors = {} }: ArtistBriefFormProps): JSX.Element {
  return (
    <form method="post" action="/artists" data-testid="brief-form">
      <CsrfField token={csrf} />
      <FormErrors errors={errors} />
      <div class="grid gap-x-4 sm:grid-cols-2">
        <Field
          name="genre"
          label="Genre"
          value={values.genre}
          error={errors.genre}
          hint="The main genre, e.g. synth-pop or sertanejo"
          required
          maxLength={60}
        />
        <SelectField
          name="market"
          label="Market (the country the artist is made for first)"
          options={[["", "Choose a country"], ...MARKET_OPTIONS]}
          value={values.market}
          error={errors.market}
          hint="Its language follows the market: Brazil sings in Portuguese"
        />
      </div>
      <Field
        name="audience"
        label="Audience"
        value={values.audience}
        error={errors.audience}
        hint="Who listens, e.g. students who run in the evening"
        required
        maxLength={200}
      />
      <Field
        name="tone"
        label="Tone"
        value={values.tone}
        error={errors.tone}
        hint="How the artist comes across, e.g. warm, a little ironic"
        required
        maxLength={200}
      />
      <Field
        name="name"
        label="Name (optional)"
        value={values.name}
        error={errors.name}
        hint="Leave it empty and one is invented. Never a real artist's name."
        maxLength={60}
      />
      <div class="mb-4">
        <label for="f-notes" class="mb-1 block text-sm font-medium text-gray-800">
          Notes (optional)
        </label>
        <textarea
          id="f-notes"
          name="notes"
          rows={3}
          maxLength={1000}
          aria-invalid={errors.notes ? "true" : undefined}
          aria-describedby={errors.notes ? "f-notes-error" : "f-notes-hint"}
          class={`block w-full rounded-md border px-3 py-2 text-base focus:outline-none focus:ring-2 focus:ring-indigo-500 ${
            errors.notes ? "border-red-600" : "border-gray-300"
          }`}
        >
          {values.notes}
        </textarea>
        <p id="f-notes-hint" class="mt-1 text-sm text-gray-600">
          Anything else the persona should keep: a city, a story, a sound.
        </p>
        {errors.notes && (
          <p id="f-notes-error" class="mt-1 text-sm text-red-700" role="alert">{errors.notes}</p>
        )}
      </div>
      <Button>Create the artist</Button>
      <p class="mt-2 text-sm text-gray-600">
        Writing the persona and drawing its art takes a few seconds. It counts as one AI request of
        your day.
      </p>
    </form>
  );
}

/** Plain words for a brief field the schema refused. */
export const BRIEF_MESSAGES: Record<keyof BriefValues, string> = {
  genre: "Genre: write one, up to 60 characters",
  market: "Market: choose a country from the list",
  audience: "Audience: say who listens, up to 200 characters",
  tone: "Tone: say how the artist comes across, up to 200 characters",
  name: "Name: up to 60 characters, or leave it empty",
  notes: "Notes: up to 1,000 characters",
};
