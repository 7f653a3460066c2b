/**
 * A prompt form that starts a staged job (the DJ's playlists, the studio's songs): the prompt,
 * example chips that fill it in, the caller's own controls and the CSRF token. Without JavaScript
 * it is a plain form posting to `action`, and each chip (and each of the user's recent prompts)
 * a link back to it with its prompt. Inside an island it starts the job through the JSON route,
 * shows errors beside their fields and opens the job's page.
 */
import { useRef, useState } from "preact/hooks";
import type { ComponentChildren, JSX } from "preact";
import { startJob, type StartRequest } from "../lib/browser/start_job.ts";

export interface PromptExample {
  label: string;
  prompt: string;
  /** The chip's language, when it is not the page's. */
  lang?: string;
  /** A tooltip, for chips whose label is not the prompt itself. */
  title?: string;
}

export interface PromptBoxProps {
  /** Prefixes the ids and test ids: `dj` → dj-form, dj-prompt, dj-example. */
  name: string;
  /** The page the form posts to without JavaScript (the chips link there too). */
  action: string;
  csrf: string;
  prompt: string;
  errors?: Record<string, string>;
  label: string;
  maxLength: number;
  placeholder?: string;
  hint?: string;
  examples: PromptExample[];
  /** The JSON route, what it answers under and where that opens. */
  start: Omit<StartRequest, "csrf" | "body">;
  /** The route's JSON body from the form's fields. */
  body: (data: FormData) => Record<string, unknown>;
  /** The caller's fields and submit button, below the chips. */
  controls: (state: { errors: Record<string, string>; busy: boolean }) => ComponentChildren;
  /** Hidden fields after the CSRF token. */
  hidden?: Record<string, string>;
  /** The user's recent prompts, newest first, and what shows while there are none. */
  recent?: { prompts: string[]; empty: string };
}

export function PromptBox(props: PromptBoxProps): JSX.Element {
  const [prompt, setPrompt] = useState(props.prompt);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>(props.errors ?? {});
  const area = useRef<HTMLTextAreaElement>(null);
  const id = `${props.name}-prompt`;

  async function submit(e: Event) {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    setErrors({});
    setBusy(true);
    const started = await startJob({ ...props.start, csrf: props.csrf, body: props.body(data) });
    if ("page" in started) {
      location.assign(started.page);
      return;
    }
    setErrors(started.errors);
    setBusy(false);
  }

  function pick(e: Event, ex: { prompt: string }) {
    e.preventDefault();
    setPrompt(ex.prompt);
    area.current?.focus();
  }
  const link = (prompt: string) => `${props.action}?prompt=${encodeURIComponent(prompt)}`;

  return (
    <form
      method="post"
      action={props.action}
      onSubmit={submit}
      class="space-y-4"
      data-testid={`${props.name}-form`}
    >
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
        <label for={id} class="mb-1 block text-sm font-medium text-gray-800">
          {props.label}
        </label>
        <textarea
          id={id}
          ref={area}
          name="prompt"
          rows={3}
          required
          minLength={3}
          maxLength={props.maxLength}
          value={prompt}
          placeholder={props.placeholder}
          onInput={(e) => setPrompt((e.currentTarget as HTMLTextAreaElement).value)}
          aria-invalid={errors.prompt ? "true" : undefined}
          aria-describedby={errors.prompt ? `${id}-error` : props.hint ? `${id}-hint` : undefined}
          class={`block w-full rounded-md border px-3 py-2 text-base focus:outline-none focus:ring-2 focus:ring-indigo-500 ${
            errors.prompt ? "border-red-600" : "border-gray-300"
          }`}
        />
        {errors.prompt
          ? <p id={`${id}-error`} role="alert" class="mt-1 text-sm text-red-700">{errors.prompt}</p>
          : props.hint && <p id={`${id}-hint`} class="mt-1 text-sm text-gray-600">{props.hint}</p>}
      </div>
      <div
        class="flex flex-wrap gap-2"
        role="group"
        aria-label="Examples"
      >
        {props.examples.map((ex) => (
          <a
            key={ex.prompt}
            href={link(ex.prompt)}
            lang={ex.lang}
            onClick={(e) => pick(e, ex)}
            data-testid={`${props.name}-example`}
            title={ex.title}
            class="rounded-full border border-indigo-200 bg-indigo-50 px-3 py-1 text-sm text-indigo-800 hover:bg-indigo-100"
          >
            {ex.label}
          </a>
        ))}
      </div>
      {props.recent && (
        <div>
          <p id={`${props.name}-recent-label`} class="mb-1 text-sm font-medium text-gray-800">
            Your recent prompts
          </p>
          {props.recent.prompts.length
            ? (
              <ul class="space-y-1" aria-labelledby={`${props.name}-recent-label`}>
                {props.recent.prompts.map((p) => (
                  <li key={p}>
                    <a
                      href={link(p)}
                      onClick={(e) => pick(e, { prompt: p })}
                      data-testid={`${props.name}-recent`}
                      title={p}
                      class="block truncate rounded-md border border-gray-200 px-3 py-2 text-sm text-gray-800 hover:bg-gray-50"
                    >
                      {p}
                    </a>
                  </li>
                ))}
              </ul>
            )
            : (
              <p class="text-sm text-gray-600" data-testid={`${props.name}-recent-empty`}>
                {props.recent.empty}
              </p>
            )}
        </div>
      )}
      {props.controls({ errors, busy })}
      <input type="hidden" name="_csrf" value={props.csrf} />
      {Object.entries(props.hidden ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
    </form>
  );
}
