/**
 * The "Edit persona" form (/artists/<id>/edit): every field of the persona as plain inputs, the
 * lists one per line (or separated by commas), the tempo range and cadence as numbers; and the
 * reading of the posted form back into a persona with each refusal in words beside its field.
 */
import type { JSX } from "preact";
import type { z } from "zod";
import { Persona } from "../lib/domains/artists/types.ts";
import { CsrfField, Field, FormErrors, SelectField } from "./Field.tsx";
import { Button } from "./Button.tsx";
import { MARKET_OPTIONS } from "./ArtistBriefForm.tsx";

const LISTS = ["genres", "influences", "moods", "content_pillars"] as const;
const TEXTS = ["name", "backstory", "vocal_style", "visual_identity", "audience", "voice"] as const;
const NUMBERS = ["tempo_min", "tempo_max", "releases_per_month", "posts_per_week"] as const;
export const PERSONA_FORM_FIELDS = [
  ...TEXTS,
  ...LISTS,
  ...NUMBERS,
  "market",
  "language",
  "note",
] as const;
export type PersonaFormField = (typeof PERSONA_FORM_FIELDS)[number];
export type PersonaFormValues = Record<PersonaFormField, string>;

/** The persona as the form shows it. */
export function personaValues(p: Persona): PersonaFormValues {
  return {
    name: p.name,
    backstory: p.backstory,
    vocal_style: p.vocal_style,
    visual_identity: p.visual_identity,
    audience: p.audience,
    voice: p.voice,
    genres: p.genres.join("\n"),
    influences: p.influences.join("\n"),
    moods: p.moods.join("\n"),
    content_pillars: p.content_pillars.join("\n"),
    tempo_min: String(p.tempo_range.min),
    tempo_max: String(p.tempo_range.max),
    releases_per_month: String(p.cadence.releases_per_month),
    posts_per_week: String(p.cadence.posts_per_week),
    market: p.market,
    language: p.language,
    note: "",
  };
}

/** The posted fields (strings, capped), whatever was sent. */
export function postedValues(form: FormData): PersonaFormValues {
  const out = {} as PersonaFormValues;
  for (const f of PERSONA_FORM_FIELDS) {
    const v = form.get(f);
    out[f] = typeof v === "string" ? v.slice(0, 2000) : "";
  }
  return out;
}

const split = (s: string) =>
  s.split(s.includes("\n") ? /\r?\n/ : ",").map((x) => x.trim()).filter(Boolean);
const num = (s: string) => (s.trim() === "" ? NaN : Number(s.trim().replace(",", ".")));

const MESSAGES: Record<PersonaFormField, string> = {
  name: "Name: from 1 to 60 characters",
  backstory: "Backstory: from 40 to 1,500 characters",
  vocal_style: "Vocal style: from 1 to 200 characters",
  visual_identity: "Visual identity: from 1 to 400 characters",
  audience: "Audience: from 1 to 200 characters",
  voice: "Voice: from 1 to 300 characters",
  genres: "Genres: from 1 to 6, each up to 40 characters",
  influences: "Influences: up to 8, each up to 80 characters",
  moods: "Moods: from 1 to 6, each up to 40 characters",
  content_pillars: "Content pillars: from 1 to 6, each up to 80 characters",
  tempo_min: "Slowest tempo: a whole number of BPM from 50 to 200",
  tempo_max: "Fastest tempo: a whole number of BPM from 50 to 200, not below the slowest",
  releases_per_month: "Releases a month: a number from 0 to 8",
  posts_per_week: "Posts a week: a number from 0 to 21",
  market: "Market: choose a country from the list",
  language: "Language: a two- or three-letter ISO 639 code such as en or pt",
  note: "Note: up to 300 characters",
};

/** The persona of the posted form, or each refusal in words by field. */
export function readPersonaForm(
  v: PersonaFormValues,
): { persona: z.infer<typeof Persona>; errors?: undefined } | {
  persona?: undefined;
  errors: Record<string, string>;
} {
  const parsed = Persona.safeParse({
    name: v.name,
    backstory: v.backstory,
    genres: split(v.genres),
    influences: split(v.influences),
    vocal_style: v.vocal_style,
    visual_identity: v.visual_identity,
    content_pillars: split(v.content_pillars),
    audience: v.audience,
    voice: v.voice,
    moods: split(v.moods),
    tempo_range: { min: num(v.tempo_min), max: num(v.tempo_max) },
    cadence: {
      releases_per_month: num(v.releases_per_month),
      posts_per_week: num(v.posts_per_week),
    },
    market: v.market,
    language: v.language.trim().toLowerCase(),
  });
  const errors: Record<string, string> = {};
  if (v.note.length > 300) errors.note = MESSAGES.note;
  if (parsed.success && !errors.note) return { persona: parsed.data };
  for (const issue of parsed.error?.issues ?? []) {
    const [top, sub] = issue.path.map(String);
    const field = (top === "tempo_range"
      ? `tempo_${sub ?? "max"}`
      : top === "cadence"
      ? sub
      : top) as PersonaFormField;
    errors[field] ??= MESSAGES[field] ?? issue.message;
  }
  return { errors };
}

function Area(
  { name, label, value, error, hint, rows = 4 }: {
    name: PersonaFormField;
    label: string;
    value: string;
    error?: string;
    hint?: string;
    rows?: number;
  },
): JSX.Element {
  const id = `f-${name}`;
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ");
  return (
    <div class="mb-4">
      <label for={id} class="mb-1 block text-sm font-medium text-gray-800">{label}</label>
      <textarea
        id={id}
        name={name}
        rows={rows}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={described || undefined}
        class={`block w-full rounded-md border px-3 py-2 text-base focus:outline-none focus:ring-2 focus:ring-indigo-500 ${
          error ? "border-red-600" : "border-gray-300"
        }`}
      >
        {value}
      </textarea>
      {hint && <p id={`${id}-hint`} class="mt-1 text-sm text-gray-600">{hint}</p>}
      {error && <p id={`${id}-error`} class="mt-1 text-sm text-red-700" role="alert">{error}</p>}
    </div>
  );
}

export interface ArtistPersonaFormProps {
  action: string;
  csrf: string;
  version: number;
  values: PersonaFormValues;
  errors?: Record<string, string>;
}

export function ArtistPersonaForm(props: ArtistPersonaFormProps): JSX.Element {
  const { values: v, errors: e = {} } = props;
  const list = "One per line (or separated by commas)";
  return (
    <form method="post" action={props.action} data-testid="persona-form">
      <CsrfField token={props.csrf} />
      <input type="hidden" name="version" value={String(props.version)} />
      <FormErrors errors={e} />
      <Field name="name" label="Name" value={v.name} error={e.name} maxLength={60} />
      <Area name="backstory" label="Backstory" value={v.backstory} error={e.backstory} rows={6} />
      <div class="grid gap-x-4 sm:grid-cols-2">
        <Area name="genres" label="Genres" value={v.genres} error={e.genres} hint={list} />
        <Area name="moods" label="Moods" value={v.moods} error={e.moods} hint={list} />
        <Area
          name="influences"
          label="Influences"
          value={v.influences}
          error={e.influences}
          hint="Sounds and styles, never a real artist's name. One per line."
        />
        <Area
          name="content_pillars"
          label="Content pillars"
          value={v.content_pillars}
          error={e.content_pillars}
          hint={list}
        />
      </div>
      <Field
        name="vocal_style"
        label="Vocal style"
        value={v.vocal_style}
        error={e.vocal_style}
        maxLength={200}
      />
      <fieldset class="mb-4 grid grid-cols-2 gap-x-4">
        <legend class="mb-1 text-sm font-medium text-gray-800">Tempo range (BPM)</legend>
        <Field
          name="tempo_min"
          label="Slowest"
          value={v.tempo_min}
          error={e.tempo_min}
          inputMode="numeric"
          class="mb-0"
        />
        <Field
          name="tempo_max"
          label="Fastest"
          value={v.tempo_max}
          error={e.tempo_max}
          inputMode="numeric"
          class="mb-0"
        />
      </fieldset>
      <fieldset class="mb-4 grid grid-cols-2 gap-x-4">
        <legend class="mb-1 text-sm font-medium text-gray-800">Cadence</legend>
        <Field
          name="releases_per_month"
          label="Releases a month"
          value={v.releases_per_month}
          error={e.releases_per_month}
          inputMode="decimal"
          class="mb-0"
        />
        <Field
          name="posts_per_week"
          label="Posts a week"
          value={v.posts_per_week}
          error={e.posts_per_week}
          inputMode="decimal"
          class="mb-0"
        />
      </fieldset>
      <Field name="audience" label="Audience" value={v.audience} error={e.audience} />
      <Area name="voice" label="Voice in posts" value={v.voice} error={e.voice} rows={2} />
      <Area
        name="visual_identity"
        label="Visual identity"
        value={v.visual_identity}
        error={e.visual_identity}
        hint="Changing it draws new art"
      />
      <div class="grid gap-x-4 sm:grid-cols-2">
        <SelectField
          name="market"
          label="Market"
          options={MARKET_OPTIONS}
          value={v.market}
          error={e.market}
        />
        <Field
          name="language"
          label="Language of lyrics and posts"
          value={v.language}
          error={e.language}
          hint="An ISO 639 code: en, pt, es…"
          maxLength={3}
        />
      </div>
      <Field
        name="note"
        label="What changed and why (optional)"
        value={v.note}
        error={e.note}
        hint="Shown in the versions list; left empty, the changes are listed"
        maxLength={300}
      />
      <Button>Save as version {props.version + 1}</Button>
    </form>
  );
}
