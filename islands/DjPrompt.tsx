/**
 * The DJ's prompt box: example chips in several languages, a length slider (10–50) and an
 * explicit filter. Without JavaScript it is a plain form posting to /dj, which starts the run and
 * redirects to its page. With it, the run is started through /api/dj/runs (errors show here,
 * beside their fields) and its page opens at once, following the run's stages live.
 */
import { useState } from "preact/hooks";
import { PromptBox } from "../components/PromptBox.tsx";

export interface DjExample {
  label: string;
  prompt: string;
  lang: string;
}

export interface DjPromptProps {
  csrf: string;
  prompt: string;
  length: number;
  noExplicit: boolean;
  /** Refining: the run whose prompt is being edited. */
  parentId?: string;
  examples: DjExample[];
  errors?: Record<string, string>;
  submitLabel: string;
}

export default function DjPrompt(props: DjPromptProps) {
  const [length, setLength] = useState(props.length);
  return (
    <PromptBox
      name="dj"
      action="/dj"
      csrf={props.csrf}
      prompt={props.prompt}
      errors={props.errors}
      label="Describe the music you want, in any language"
      maxLength={300}
      examples={props.examples}
      start={{
        url: "/api/dj/runs",
        key: "run",
        page: (id) => `/dj/runs/${id}`,
        failure: (status) => `The DJ failed (${status})`,
      }}
      body={(data) => ({
        prompt: data.get("prompt"),
        length: Number(data.get("length")),
        no_explicit: data.get("no_explicit") === "on",
        ...(props.parentId ? { parent_id: props.parentId } : {}),
      })}
      hidden={props.parentId ? { parent_id: props.parentId } : undefined}
      controls={({ errors, busy }) => (
        <>
          <div class="flex flex-wrap items-end gap-6">
            <div>
              <label for="dj-length" class="mb-1 block text-sm font-medium text-gray-800">
                Length: <output for="dj-length" data-testid="dj-length-value">{length}</output>{" "}
                tracks
              </label>
              <input
                id="dj-length"
                type="range"
                name="length"
                min={10}
                max={50}
                step={1}
                value={length}
                onInput={(e) => setLength(Number((e.currentTarget as HTMLInputElement).value))}
                aria-invalid={errors.length ? "true" : undefined}
                class="w-56"
              />
              {errors.length && (
                <p role="alert" class="mt-1 text-sm text-red-700">{errors.length}</p>
              )}
            </div>
            <div class="flex items-center gap-2 pb-1">
              <input
                id="dj-no-explicit"
                type="checkbox"
                name="no_explicit"
                checked={props.noExplicit}
                class="h-5 w-5 rounded border-gray-300"
              />
              <label for="dj-no-explicit" class="text-gray-800">Leave out explicit tracks</label>
            </div>
          </div>
          <button
            type="submit"
            disabled={busy}
            class="inline-flex items-center rounded-md bg-indigo-600 px-4 py-2 text-base font-medium text-white hover:bg-indigo-700 disabled:opacity-60"
          >
            {busy ? "Starting…" : props.submitLabel}
          </button>
        </>
      )}
    />
  );
}
