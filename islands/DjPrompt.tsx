/**
 * The DJ's prompt box: example chips in several languages, a length slider (10–50) and an
 * explicit filter. Without JavaScript it is a plain form posting to /dj (the server runs the DJ
 * and redirects to the playlist). With it, the run streams its progress (interpreting →
 * searching → building → done) from /api/dj/runs and then opens the playlist.
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

const STAGES = [
  ["interpreting", "Reading your prompt"],
  ["searching", "Searching for tracks"],
  ["building", "Building the playlist"],
  ["done", "Done"],
] as const;
type Stage = typeof STAGES[number][0];

interface Line {
  stage: Stage | "error";
  playlist_name?: string;
  source?: string;
  found?: number;
  requests?: number;
  detail?: string;
  run?: { id: string };
  error?: { message: string; field?: string };
}

export default function DjPrompt(props: DjPromptProps) {
  const [prompt, setPrompt] = useState(props.prompt);
  const [length, setLength] = useState(props.length);
  const [stage, setStage] = useState<Stage | null>(null);
  const [detail, setDetail] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>(props.errors ?? {});
  const area = useRef<HTMLTextAreaElement>(null);
  const busy = stage !== null && stage !== "done";

  function apply(line: Line) {
    if (line.stage === "error") {
      setStage(null);
      setErrors({ [line.error?.field ?? "_form"]: line.error?.message ?? "The DJ failed" });
      return;
    }
    setStage(line.stage);
    if (line.stage === "searching") {
      const where = line.source === "spotify" ? "Spotify" : "the offline catalogue";
      setDetail(
        `“${line.playlist_name}”: ${line.found ?? 0} tracks from ${where} so far` +
          (line.requests ? ` (${line.requests} searches)` : ""),
      );
    } else if (line.stage === "building") setDetail(line.detail ?? "");
    else if (line.stage === "done" && line.run) {
      setDetail("Opening your playlist…");
      location.assign(`/dj/runs/${line.run.id}`);
    }
  }

  async function submit(e: Event) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    setErrors({});
    setStage("interpreting");
    setDetail("");
    try {
      const res = await fetch("/api/dj/runs", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/x-ndjson",
          "x-csrf-token": props.csrf,
        },
        body: JSON.stringify({
          prompt: data.get("prompt"),
          length: Number(data.get("length")),
          no_explicit: data.get("no_explicit") === "on",
          ...(props.parentId ? { parent_id: props.parentId } : {}),
        }),
      });
      if (!res.ok || !res.body) {
        const body = await res.json().catch(() => null) as
          | { error?: { message: string; field?: string } }
          | null;
        apply({
          stage: "error",
          error: body?.error ?? { message: `The DJ failed (${res.status})` },
        });
        return;
      }
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buf = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += value;
        let nl;
        while ((nl = buf.indexOf("\n")) >= 0) {
          const text = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          if (text) apply(JSON.parse(text) as Line);
        }
      }
    } catch {
      apply({ stage: "error", error: { message: "No connection to the server. Try again." } });
    }
  }

  function pickExample(e: Event, ex: DjExample) {
    e.preventDefault();
    setPrompt(ex.prompt);
    area.current?.focus();
  }

  const current = stage ? STAGES.findIndex(([s]) => s === stage) : -1;
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
        {busy ? "Working…" : props.submitLabel}
      </button>
      <input type="hidden" name="_csrf" value={props.csrf} />
      {props.parentId && <input type="hidden" name="parent_id" value={props.parentId} />}
      <div role="status" aria-live="polite" data-testid="dj-progress">
        {stage && (
          <div class="rounded-md border border-gray-200 bg-white p-3">
            <ol class="flex flex-wrap gap-x-4 gap-y-1 text-sm">
              {STAGES.map(([s, label], i) => (
                <li
                  key={s}
                  data-stage={s}
                  data-state={i < current ? "done" : i === current ? "current" : "pending"}
                  class={i < current
                    ? "text-green-700"
                    : i === current
                    ? "font-semibold text-indigo-700"
                    : "text-gray-400"}
                >
                  {i < current ? "✓ " : i === current ? "… " : ""}
                  {label}
                </li>
              ))}
            </ol>
            {detail && <p class="mt-2 text-sm text-gray-700">{detail}</p>}
          </div>
        )}
      </div>
    </form>
  );
}
