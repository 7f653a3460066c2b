/**
 * The studio's prompt box: describe a song in a sentence (example chips from the genre templates
 * fill it in, and so do the user's recent prompts), optionally say its language. Without JavaScript it is a plain form posting to
 * /studio, which starts the song and redirects to its page. With it, the song is started through
 * /api/studio/songs (errors show here, beside their fields) and its page opens at once, where the
 * plan appears as soon as it is written. Making the plan is free: a song is spent on "Generate".
 */
import { PromptBox } from "../components/PromptBox.tsx";

export interface StudioExample {
  label: string;
  prompt: string;
}

export interface StudioPromptProps {
  csrf: string;
  prompt: string;
  language: string;
  examples: StudioExample[];
  /** The user's recent prompts, newest first (store.recentPrompts). */
  recent: string[];
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

const HINT = "Genre, mood, instruments, what it is about. You see and edit the plan before " +
  "anything is generated.";

export default function StudioPrompt(props: StudioPromptProps) {
  return (
    <PromptBox
      name="studio"
      action="/studio"
      csrf={props.csrf}
      prompt={props.prompt}
      errors={props.errors}
      label="Describe your song"
      maxLength={1000}
      placeholder="A warm lo-fi beat for late-night studying, with soft piano"
      hint={HINT}
      // Genre names: the chip's prompt shows as its tooltip.
      examples={props.examples.map((ex) => ({ ...ex, title: ex.prompt }))}
      recent={{
        prompts: props.recent,
        empty: "The songs you describe show up here, to start again from. For a first one, " +
          "pick a genre above or write your own.",
      }}
      start={{
        url: "/api/studio/songs",
        key: "song",
        page: (id) => `/studio/songs/${id}`,
        failure: (status) => `The studio could not start the song (${status})`,
      }}
      body={(data) => {
        const language = String(data.get("language") ?? "");
        return { prompt: data.get("prompt"), ...(language ? { language } : {}) };
      }}
      controls={({ errors, busy }) => (
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
      )}
    />
  );
}
