/**
 * A draft song's plan, editable: every field of the plan, the structure as rows to add, remove
 * and move, and "Generate" with a confirmation that says it uses one of the songs left. It is one
 * form posting to the song's page: without JavaScript the section buttons and "Generate…" are
 * submit buttons the page answers (a re-rendered form, a confirmation step); with it they act here.
 */
import { useRef, useState } from "preact/hooks";
import {
  applySectionOp,
  draftSeconds,
  KEYS,
  type PlanDraft,
  TIME_SIGNATURES,
} from "../lib/browser/plan_draft.ts";
import { formatTime } from "../lib/browser/player.ts";
import { Checkbox, Field, SelectField } from "../components/Field.tsx";
import { PlanSections } from "../components/PlanSections.tsx";

export interface StudioPlanEditorProps {
  csrf: string;
  /** The song's page: the form posts here. */
  action: string;
  draft: PlanDraft;
  errors?: Record<string, string>;
  /** Genre names for suggestions (the templates'). */
  genres: string[];
  /** Songs left this month; null when unknown. */
  songsLeft: number | null;
  /** The confirmation is open (the page's answer to "Generate…" without JavaScript). */
  confirming?: boolean;
}

export default function StudioPlanEditor(props: StudioPlanEditorProps) {
  const [draft, setDraft] = useState(props.draft);
  const [confirming, setConfirming] = useState(props.confirming ?? false);
  const confirmRef = useRef<HTMLDivElement>(null);
  const errors = props.errors ?? {};
  const seconds = draftSeconds(draft);
  const none = props.songsLeft !== null && props.songsLeft <= 0;

  const set = (k: keyof PlanDraft) => (e: Event) => {
    const t = e.currentTarget as HTMLInputElement;
    setDraft((d) => ({ ...d, [k]: t.type === "checkbox" ? t.checked : t.value }));
  };
  const setRow = (i: number, k: "name" | "bars") => (e: Event) => {
    const v = (e.currentTarget as HTMLInputElement).value;
    setDraft((d) => ({
      ...d,
      structure: d.structure.map((s, j) => (j === i ? { ...s, [k]: v } : s)),
    }));
  };
  const op = (value: string) => (e: Event) => {
    e.preventDefault();
    setDraft((d) => ({ ...d, structure: applySectionOp(d.structure, value) ?? d.structure }));
  };
  const openConfirm = (e: Event) => {
    e.preventDefault();
    setConfirming(true);
    requestAnimationFrame(() => confirmRef.current?.focus());
  };

  const left = props.songsLeft;
  return (
    <form method="post" action={props.action} class="space-y-6" data-testid="plan-form" noValidate>
      {/* Enter in a field saves: the form's default button is its first submit button. */}
      <button type="submit" name="intent" value="save" hidden tabIndex={-1} aria-hidden="true" />
      {Object.keys(errors).length > 0 && (
        <div
          role="alert"
          class="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800"
        >
          <p class="font-medium">The plan needs a few changes:</p>
          <ul class="mt-1 list-disc pl-5" data-testid="plan-errors">
            {Object.values(errors).map((m) => <li key={m}>{m}</li>)}
          </ul>
        </div>
      )}
      <div class="grid gap-x-4 sm:grid-cols-2">
        <Field
          id="plan-title"
          name="title"
          label="Title"
          value={draft.title}
          error={errors.title}
          onInput={set("title")}
          maxLength={120}
        />
        <Field
          id="plan-genre"
          name="genre"
          label="Genre"
          value={draft.genre}
          error={errors.genre}
          onInput={set("genre")}
          list="studio-genres"
          maxLength={40}
        />
        <Field
          id="plan-subgenre"
          name="subgenre"
          label="Subgenre (optional)"
          value={draft.subgenre}
          error={errors.subgenre}
          onInput={set("subgenre")}
          maxLength={40}
        />
        <Field
          id="plan-mood"
          name="mood"
          label="Mood"
          value={draft.mood}
          error={errors.mood}
          onInput={set("mood")}
          maxLength={40}
        />
        <Field
          id="plan-tempo_bpm"
          name="tempo_bpm"
          label="Tempo (BPM)"
          type="number"
          inputMode="numeric"
          value={draft.tempo_bpm}
          error={errors.tempo_bpm}
          onInput={set("tempo_bpm")}
          min={50}
          max={200}
        />
        <div class="grid grid-cols-3 gap-3">
          <SelectField
            id="plan-key"
            name="key"
            label="Key"
            value={draft.key}
            error={errors.key}
            options={KEYS.map((k) => [k, k])}
            onChange={set("key")}
          />
          <SelectField
            id="plan-mode"
            name="mode"
            label="Mode"
            value={draft.mode}
            error={errors.mode}
            options={[["major", "Major"], ["minor", "Minor"]]}
            onChange={set("mode")}
          />
          <SelectField
            id="plan-time_signature"
            name="time_signature"
            label="Time"
            value={draft.time_signature}
            error={errors.time_signature}
            options={TIME_SIGNATURES.map((t) => [t, t])}
            onChange={set("time_signature")}
          />
        </div>
        <Field
          id="plan-instrumentation"
          name="instrumentation"
          label="Instrumentation"
          value={draft.instrumentation}
          error={errors.instrumentation}
          onInput={set("instrumentation")}
          hint="Commas between instruments: piano, bass, drums"
        />
        <Field
          id="plan-style_words"
          name="style_words"
          label="Style words (optional)"
          value={draft.style_words}
          error={errors.style_words}
          onInput={set("style_words")}
          hint="Describe the sound, not an artist: warm, airy, tape-saturated"
        />
        <Field
          id="plan-lyrics_theme"
          name="lyrics_theme"
          label="Lyrics theme (optional)"
          value={draft.lyrics_theme}
          error={errors.lyrics_theme}
          onInput={set("lyrics_theme")}
          maxLength={200}
        />
        <Checkbox
          id="plan-vocals"
          name="vocals"
          label="Vocals (with lyrics)"
          checked={draft.vocals}
          onChange={set("vocals")}
          class="mb-4 flex items-center gap-2 sm:pt-6"
        />
      </div>
      <datalist id="studio-genres">
        {props.genres.map((g) => <option key={g} value={g} />)}
      </datalist>

      <fieldset>
        <legend class="text-base font-semibold text-gray-900">
          Structure{" "}
          <span class="text-sm font-normal text-gray-600" data-testid="plan-length">
            {seconds === null ? "" : `· about ${formatTime(seconds)} long`}
          </span>
        </legend>
        {errors.structure && (
          <p role="alert" class="mt-1 text-sm text-red-700">{errors.structure}</p>
        )}
        <PlanSections
          rows={draft.structure}
          errors={errors}
          onRow={setRow}
          onOp={op}
        />
      </fieldset>

      <div class="flex flex-wrap items-center gap-3 border-t border-gray-200 pt-4">
        <button
          type="submit"
          name="intent"
          value="save"
          class="inline-flex items-center rounded-md border border-gray-300 bg-white px-4 py-2 text-base font-medium text-gray-900 hover:bg-gray-50"
        >
          Save plan
        </button>
        <button
          type="submit"
          name="intent"
          value="review"
          onClick={openConfirm}
          disabled={none}
          aria-expanded={confirming}
          aria-controls="generate-confirm"
          class="inline-flex items-center rounded-md bg-indigo-600 px-4 py-2 text-base font-medium text-white hover:bg-indigo-700 disabled:opacity-60"
        >
          Generate…
        </button>
        {left !== null && (
          <span class="text-sm text-gray-700" data-testid="plan-songs-left">
            {left === 1 ? "1 song left" : `${left} songs left`} this month
          </span>
        )}
      </div>
      {confirming && !none && (
        <div
          id="generate-confirm"
          ref={confirmRef}
          tabIndex={-1}
          role="group"
          aria-labelledby="generate-confirm-text"
          data-testid="generate-confirm"
          class="rounded-md border border-indigo-300 bg-indigo-50 p-4 focus:outline-none focus:ring-2 focus:ring-indigo-500"
        >
          <p id="generate-confirm-text" class="text-gray-900">
            {left === null
              ? "Generating uses one of this month's songs."
              : left === 1
              ? "Generating uses your last song this month."
              : `Generating uses one of your ${left} songs left this month.`}{" "}
            The plan above is saved first.
          </p>
          <div class="mt-3 flex flex-wrap gap-3">
            <button
              type="submit"
              name="intent"
              value="generate"
              class="inline-flex items-center rounded-md bg-indigo-600 px-4 py-2 text-base font-medium text-white hover:bg-indigo-700"
            >
              Yes, generate the song
            </button>
            <a
              href={props.action}
              onClick={(e) => {
                e.preventDefault();
                setConfirming(false);
              }}
              class="inline-flex items-center rounded-md border border-gray-300 bg-white px-4 py-2 text-base font-medium text-gray-900 hover:bg-gray-50"
            >
              Keep editing
            </a>
          </div>
        </div>
      )}
      <input type="hidden" name="_csrf" value={props.csrf} />
    </form>
  );
}
