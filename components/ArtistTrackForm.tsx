/**
 * "Add a track released elsewhere" (the dashboard): its title as the streaming export names it
 * and what is known of its sound, so the analysis can relate it to its figures; and the reading
 * of the posted form into the API's TrackInput, each refusal in words beside its field.
 */
import type { JSX } from "preact";
import type { z } from "zod";
import { TrackInput } from "../lib/domains/artists/api.ts";
import { PITCHES } from "../lib/domains/studio/plan.ts";
import { CsrfField, Field, SelectField } from "./Field.tsx";
import { Button } from "./Button.tsx";

export const TRACK_FIELDS = [
  "title",
  "tempo_bpm",
  "energy",
  "key",
  "mode",
  "mood",
  "released_on",
] as const;
export type TrackField = (typeof TRACK_FIELDS)[number];
export type TrackValues = Record<TrackField, string>;
export const EMPTY_TRACK: TrackValues = {
  title: "",
  tempo_bpm: "",
  energy: "",
  key: "",
  mode: "",
  mood: "",
  released_on: "",
};

const MESSAGES: Record<TrackField, string> = {
  title: "Title: as the streaming export names it, up to 200 characters",
  tempo_bpm: "Tempo: a number of beats per minute, e.g. 118",
  energy: "Energy: a number from 0 (calm) to 1 (intense), e.g. 0.7",
  key: "Key: choose one of the list",
  mode: "Mode: major or minor",
  mood: "Mood: a word or two, e.g. wistful",
  released_on: "Release date: a date such as 2026-03-06",
};

export function postedTrack(form: FormData): TrackValues {
  const out = { ...EMPTY_TRACK };
  for (const f of TRACK_FIELDS) {
    const v = form.get(f);
    out[f] = typeof v === "string" ? v.slice(0, 300) : "";
  }
  return out;
}

const numberOf = (s: string) => (s.trim() ? Number(s.trim().replace(",", ".")) : undefined);

/** The track input, or the refusals by field. */
export function readTrackForm(
  v: TrackValues,
): { input: z.infer<typeof TrackInput>; errors?: undefined } | {
  input?: undefined;
  errors: Record<string, string>;
} {
  const features: Record<string, unknown> = {};
  if (v.tempo_bpm.trim()) features.tempo_bpm = numberOf(v.tempo_bpm);
  if (v.energy.trim()) features.energy = numberOf(v.energy);
  if (v.key) features.key = v.key;
  if (v.mode) features.mode = v.mode;
  if (v.mood.trim()) features.mood = v.mood.trim().toLowerCase();
  const errors: Record<string, string> = {};
  const tempo = features.tempo_bpm as number | undefined;
  if (tempo !== undefined && !(tempo >= 30 && tempo <= 300)) errors.tempo_bpm = MESSAGES.tempo_bpm;
  const parsed = TrackInput.safeParse({
    title: v.title,
    ...(Object.keys(features).length ? { features } : {}),
    ...(v.released_on.trim() ? { released_on: v.released_on.trim() } : {}),
  });
  if (parsed.success && !Object.keys(errors).length) return { input: parsed.data };
  for (const issue of parsed.error?.issues ?? []) {
    const path = issue.path.map(String);
    const field = (path[0] === "features" ? path[1] : path[0]) as TrackField;
    errors[field] ??= MESSAGES[field] ?? issue.message;
  }
  return { errors };
}

export function ArtistTrackForm(
  { csrf, action, values, errors = {} }: {
    csrf: string;
    action: string;
    values: TrackValues;
    errors?: Record<string, string>;
  },
): JSX.Element {
  return (
    <form method="post" action={action} data-testid="track-form">
      <CsrfField token={csrf} />
      <Field
        name="title"
        id="f-track-title"
        label="Title"
        value={values.title}
        error={errors.title}
        hint="As the streaming export names it: its figures are matched by title"
        required
        maxLength={200}
      />
      <div class="grid grid-cols-2 gap-x-4 sm:grid-cols-3">
        <Field
          name="tempo_bpm"
          label="Tempo (BPM)"
          value={values.tempo_bpm}
          error={errors.tempo_bpm}
          inputMode="decimal"
        />
        <Field
          name="energy"
          label="Energy (0–1)"
          value={values.energy}
          error={errors.energy}
          inputMode="decimal"
        />
        <SelectField
          name="key"
          label="Key"
          options={[["", "Not known"], ...PITCHES.map((p) => [p, p] as const)]}
          value={values.key}
          error={errors.key}
        />
        <SelectField
          name="mode"
          label="Mode"
          options={[["", "Not known"], ["major", "Major"], ["minor", "Minor"]]}
          value={values.mode}
          error={errors.mode}
        />
        <Field
          name="mood"
          label="Mood"
          value={values.mood}
          error={errors.mood}
          maxLength={60}
        />
        <Field
          name="released_on"
          label="Release date"
          type="date"
          value={values.released_on}
          error={errors.released_on}
        />
      </div>
      <Button variant="secondary" name="intent" value="track">Save the track</Button>
    </form>
  );
}
