/**
 * The DJ's prompt box: example chips in several languages, a length slider (10–50) and an
 * explicit filter. Without JavaScript it is a plain form posting to /dj, which starts the run and
 * redirects to its page. With it, the run is started through /api/dj/runs (errors show here,
 * beside their fields) and its page opens at once, following the run's stages live.
 */
import { useRef, useState } from "preact/hooks";

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

interface Failure {
  error?: { message: string; field?: string };
}

export default function DjPrompt(props: DjPromptProps) {
  const [prompt, setPrompt] = useState(props.prompt);
  const [length, setLength] = useState(props.length);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>(props.errors ?? {});
  const area = useRef<HTMLTextAreaElement>(null);

  async function submit(e: Event) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    setErrors({});
    setBusy(true);
    try {
      const res = await fetch("/api/dj/runs", {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": props.csrf },
        body: JSON.stringify({
          prompt: data.get("prompt"),
          length: Number(data.get("length")),
          no_explicit: data.get("no_explicit") === "on",
          ...(props.parentId ? { parent_id: props.parentId } : {}),
        }),
      });
      const body = await res.json().catch(() => null) as
        | ({ run?: { id: string } } & Failure)
        | null;
      if (res.ok && body?.run) {
        location.assign(`/dj/runs/${body.run.id}`);
        return;
      }
      const err = body?.error ?? { message: `The DJ failed (${res.status})` };
      setErrors({ [err.field ?? "_form"]: err.message });
    } catch {
      setErrors({ _form: "No connection to the server. Try again." });
    }
    setBusy(false);
  }

  function pickExample(e: Event, ex: DjExample) {
    e.preventDefault();
    setPrompt(ex.prompt);
    area.current?.focus();
  }

  return (
    <form method="post" action="/dj" onSubmit={submit} class="space-y-4" data-testid="dj-form">
      {/* Hidden fields go last: `space-y` would space the first visible field from them. */}
      {errors._form && (
        <div
          role="alert"
          class="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800"
        >
          {errors._form}
        </div>
      )}
      <div>
        <label for="dj-prompt" class="mb-1 block text-sm font-medium text-gray-800">
          Describe the music you want, in any language
        </label>
        <textarea
          id="dj-prompt"
          ref={area}
          name="prompt"
          rows={3}
          required
          minLength={3}
          maxLength={300}
          value={prompt}
          onInput={(e) => setPrompt((e.currentTarget as HTMLTextAreaElement).value)}
          aria-invalid={errors.prompt ? "true" : undefined}
          aria-describedby={errors.prompt ? "dj-prompt-error" : undefined}
          class={`block w-full rounded-md border px-3 py-2 text-base focus:outline-none focus:ring-2 focus:ring-indigo-500 ${
            errors.prompt ? "border-red-600" : "border-gray-300"
          }`}
        />
        {errors.prompt && (
          <p id="dj-prompt-error" role="alert" class="mt-1 text-sm text-red-700">{errors.prompt}</p>
        )}
      </div>
      <div class="flex flex-wrap gap-2" aria-label="Examples">
        {props.examples.map((ex) => (
          <a
            key={ex.prompt}
            href={`/dj?prompt=${encodeURIComponent(ex.prompt)}`}
            lang={ex.lang}
            onClick={(e) => pickExample(e, ex)}
            data-testid="dj-example"
            class="rounded-full border border-indigo-200 bg-indigo-50 px-3 py-1 text-sm text-indigo-800 hover:bg-indigo-100"
          >
            {ex.label}
          </a>
        ))}
      </div>
      <div class="flex flex-wrap items-end gap-6">
        <div>
          <label for="dj-length" class="mb-1 block text-sm font-medium text-gray-800">
            Length: <output for="dj-length" data-testid="dj-length-value">{length}</output> tracks
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
          {errors.length && <p role="alert" class="mt-1 text-sm text-red-700">{errors.length}</p>}
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
      <input type="hidden" name="_csrf" value={props.csrf} />
      {props.parentId && <input type="hidden" name="parent_id" value={props.parentId} />}
    </form>
  );
}
