/**
 * The studio's prompt box: describe a song in a sentence (example chips from the genre templates
 * fill it in), optionally say its language. Without JavaScript it is a plain form posting to
 * /studio, which starts the song and redirects to its page. With it, the song is started through
 * /api/studio/songs (errors show here, beside their fields) and its page opens at once, where the
 * plan appears as soon as it is written. Making the plan is free: a song is spent on "Generate".
 */
import { useRef, useState } from "preact/hooks";

export interface StudioExample {
  label: string;
  prompt: string;
}

export interface StudioPromptProps {
  csrf: string;
  prompt: string;
  language: string;
  examples: StudioExample[];
  errors?: Record<string, string>;
}

export const LANGUAGES: readonly (readonly [string, string])[] = [
  ["", "Same as the prompt"],
  ["en", "English"],
  ["es", "Spanish"],
  ["pt", "Portuguese"],
  ["fr", "French"],
  ["de", "German"],
];

interface Failure {
  error?: { message: string; field?: string };
}

export default function StudioPrompt(props: StudioPromptProps) {
  const [prompt, setPrompt] = useState(props.prompt);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>(props.errors ?? {});
  const area = useRef<HTMLTextAreaElement>(null);

  async function submit(e: Event) {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    setErrors({});
    setBusy(true);
    try {
      const language = String(data.get("language") ?? "");
      const res = await fetch("/api/studio/songs", {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": props.csrf },
        body: JSON.stringify({ prompt: data.get("prompt"), ...(language ? { language } : {}) }),
      });
      const body = await res.json().catch(() => null) as
        | ({ song?: { id: string } } & Failure)
        | null;
      if (res.ok && body?.song) {
        location.assign(`/studio/songs/${body.song.id}`);
        return;
      }
      const err = body?.error ?? { message: `The studio could not start the song (${res.status})` };
      setErrors({ [err.field ?? "_form"]: err.message });
    } catch {
      setErrors({ _form: "No connection to the server. Try again." });
    }
    setBusy(false);
  }

  function pick(e: Event, ex: StudioExample) {
    e.preventDefault();
    setPrompt(ex.prompt);
    area.current?.focus();
  }

  return (
    <form
      method="post"
      action="/studio"
      onSubmit={submit}
      class="space-y-4"
      data-testid="studio-form"
    >
      {errors._form && (
        <div
          role="alert"
          class="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800"
        >
          {errors._form}
        </div>
      )}
      <div>
        <label for="studio-prompt" class="mb-1 block text-sm font-medium text-gray-800">
          Describe your song
        </label>
        <textarea
          id="studio-prompt"
          ref={area}
          name="prompt"
          rows={3}
          required
          minLength={3}
          maxLength={1000}
          value={prompt}
          placeholder="A warm lo-fi beat for late-night studying, with soft piano"
          onInput={(e) => setPrompt((e.currentTarget as HTMLTextAreaElement).value)}
          aria-invalid={errors.prompt ? "true" : undefined}
          aria-describedby={errors.prompt ? "studio-prompt-error" : "studio-prompt-hint"}
          class={`block w-full rounded-md border px-3 py-2 text-base focus:outline-none focus:ring-2 focus:ring-indigo-500 ${
            errors.prompt ? "border-red-600" : "border-gray-300"
          }`}
        />
        {errors.prompt
          ? (
            <p id="studio-prompt-error" role="alert" class="mt-1 text-sm text-red-700">
              {errors.prompt}
            </p>
          )
          : (
            <p id="studio-prompt-hint" class="mt-1 text-sm text-gray-600">
              Genre, mood, instruments, what it is about. You see and edit the plan before anything
              is generated.
            </p>
          )}
      </div>
      <div class="flex flex-wrap gap-2" role="group" aria-label="Examples">
        {props.examples.map((ex) => (
          <a
            key={ex.prompt}
            href={`/studio?prompt=${encodeURIComponent(ex.prompt)}`}
            onClick={(e) => pick(e, ex)}
            data-testid="studio-example"
            title={ex.prompt}
            class="rounded-full border border-indigo-200 bg-indigo-50 px-3 py-1 text-sm text-indigo-800 hover:bg-indigo-100"
          >
            {ex.label}
          </a>
        ))}
      </div>
      <div class="flex flex-wrap items-end gap-4">
        <div>
          <label for="studio-language" class="mb-1 block text-sm font-medium text-gray-800">
            Lyrics language
          </label>
          <select
            id="studio-language"
            name="language"
            aria-invalid={errors.language ? "true" : undefined}
            class="rounded-md border border-gray-300 px-3 py-2"
          >
            {LANGUAGES.map(([v, l]) => (
              <option key={v} value={v} selected={v === props.language}>{l}</option>
            ))}
          </select>
          {errors.language && (
            <p role="alert" class="mt-1 text-sm text-red-700">{errors.language}</p>
          )}
        </div>
        <button
          type="submit"
          disabled={busy}
          class="inline-flex items-center rounded-md bg-indigo-600 px-4 py-2 text-base font-medium text-white hover:bg-indigo-700 disabled:opacity-60"
        >
          {busy ? "Starting…" : "Write the plan"}
        </button>
      </div>
      <input type="hidden" name="_csrf" value={props.csrf} />
    </form>
  );
}
