/**
 * Mastering settings as a plain form (it works without JavaScript): the loudness target (the
 * presets or a custom value), the true-peak ceiling, the intensity and the reference (a genre
 * preset or one of the user's finished songs). Refusals are shown beside their fields.
 */
import type { JSX } from "preact";
import type { MasterFormValues } from "../lib/domains/studio/master/form.ts";
import { TARGET_PRESETS } from "../lib/domains/studio/master/schemas.ts";
import { CsrfField } from "./Field.tsx";
import { Button } from "./Button.tsx";

export interface MasterFormProps {
  action: string;
  csrf: string;
  values: MasterFormValues;
  errors?: Partial<Record<keyof MasterFormValues, string>>;
  genres: string[];
  /** The user's other finished songs, for a song reference. */
  songs: { id: string; title: string }[];
  /** "Master the song" or "Master again". */
  submit: string;
}

const control =
  "block w-full rounded-md border border-gray-300 px-3 py-2 text-base focus:outline-none focus:ring-2 focus:ring-indigo-500";

function FieldError({ id, text }: { id: string; text?: string }) {
  return text ? <p id={id} role="alert" class="mt-1 text-sm text-red-700">{text}</p> : null;
}

export function MasterForm(props: MasterFormProps): JSX.Element {
  const { values: v, errors: e = {} } = props;
  const custom = v.target === "custom";
  return (
    <form method="post" action={props.action} class="space-y-5" data-testid="master-form">
      <CsrfField token={props.csrf} />
      <fieldset aria-describedby={e.target ? "m-target-error" : undefined}>
        <legend class="mb-2 text-sm font-medium text-gray-800">Loudness target</legend>
        <div class="space-y-2">
          {TARGET_PRESETS.map((t) => (
            <label key={t.lufs} class="flex items-center gap-2 text-gray-800">
              <input
                type="radio"
                name="target"
                value={String(t.lufs)}
                checked={v.target === String(t.lufs)}
                class="h-5 w-5 text-indigo-600"
              />
              {t.label}
            </label>
          ))}
          <label class="flex items-center gap-2 text-gray-800">
            <input
              type="radio"
              name="target"
              value="custom"
              checked={custom}
              class="h-5 w-5 text-indigo-600"
            />
            Custom
          </label>
        </div>
        <FieldError id="m-target-error" text={e.target} />
        <div class="mt-2 max-w-[12rem]">
          <label for="m-custom" class="mb-1 block text-sm text-gray-700">
            Custom target (LUFS)
          </label>
          <input
            id="m-custom"
            name="custom_lufs"
            type="number"
            step="0.5"
            min={-24}
            max={-6}
            inputMode="decimal"
            value={v.custom_lufs}
            placeholder="-12"
            aria-invalid={e.custom_lufs ? "true" : undefined}
            aria-describedby={e.custom_lufs ? "m-custom-error" : undefined}
            class={control}
          />
          <FieldError id="m-custom-error" text={e.custom_lufs} />
        </div>
      </fieldset>
      <div class="grid gap-4 sm:grid-cols-2">
        <div>
          <label for="m-ceiling" class="mb-1 block text-sm font-medium text-gray-800">
            True-peak ceiling (dBTP)
          </label>
          <input
            id="m-ceiling"
            name="ceiling_dbtp"
            type="number"
            step="0.1"
            min={-3}
            max={-0.1}
            inputMode="decimal"
            value={v.ceiling_dbtp}
            aria-invalid={e.ceiling_dbtp ? "true" : undefined}
            aria-describedby={`m-ceiling-hint${e.ceiling_dbtp ? " m-ceiling-error" : ""}`}
            class={control}
          />
          <p id="m-ceiling-hint" class="mt-1 text-sm text-gray-600">
            −1 dBTP leaves room for MP3 and streaming encoders.
          </p>
          <FieldError id="m-ceiling-error" text={e.ceiling_dbtp} />
        </div>
        <div>
          <label for="m-intensity" class="mb-1 block text-sm font-medium text-gray-800">
            Intensity (%)
          </label>
          <input
            id="m-intensity"
            name="intensity"
            type="range"
            min={0}
            max={100}
            step={5}
            value={v.intensity}
            aria-invalid={e.intensity ? "true" : undefined}
            aria-describedby={`m-intensity-hint${e.intensity ? " m-intensity-error" : ""}`}
            class="block w-full"
          />
          <p id="m-intensity-hint" class="mt-1 text-sm text-gray-600">
            0 keeps the original's tone, 100 matches the reference fully. The loudness target is met
            either way.
          </p>
          <FieldError id="m-intensity-error" text={e.intensity} />
        </div>
      </div>
      <div>
        <label for="m-reference" class="mb-1 block text-sm font-medium text-gray-800">
          Reference
        </label>
        <select
          id="m-reference"
          name="reference"
          aria-invalid={e.reference ? "true" : undefined}
          aria-describedby={`m-reference-hint${e.reference ? " m-reference-error" : ""}`}
          class={control}
        >
          <optgroup label="Genre presets">
            {props.genres.map((g) => (
              <option key={g} value={`preset:${g}`} selected={v.reference === `preset:${g}`}>
                {g}
              </option>
            ))}
          </optgroup>
          {props.songs.length > 0 && (
            <optgroup label="My songs">
              {props.songs.map((s) => (
                <option key={s.id} value={`song:${s.id}`} selected={v.reference === `song:${s.id}`}>
                  {s.title}
                </option>
              ))}
            </optgroup>
          )}
        </select>
        <p id="m-reference-hint" class="mt-1 text-sm text-gray-600">
          The master takes the reference's tonal balance (its average spectrum) and level.
        </p>
        <FieldError id="m-reference-error" text={e.reference} />
      </div>
      <Button name="intent" value="master">{props.submit}</Button>
    </form>
  );
}
