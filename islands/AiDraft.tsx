/**
 * "Draft with AI": asks the server's AI writer for a draft and puts it into a form field, where
 * the user edits it before saving. Says which language the draft is in and offers a select to
 * write it again in another. Without JavaScript the field simply stays empty to type into.
 */
import { useRef, useState } from "preact/hooks";
import {
  isWriteLang,
  LANGUAGE_NAMES,
  WRITE_LANGS,
  type WriteLang,
} from "../lib/shared/write_languages.ts";

export interface AiDraftProps {
  task: "bio" | "proposal" | "announcement" | "social_post" | "setlist";
  /** id of the textarea that receives the draft. */
  target: string;
  gigId?: string;
  csrf: string;
  label?: string;
}

type State =
  | { kind: "idle" }
  | { kind: "busy" }
  | { kind: "done"; source: string; language: WriteLang }
  | { kind: "error"; message: string };

export default function AiDraft({ task, target, gigId, csrf, label }: AiDraftProps) {
  const [state, setState] = useState<State>({ kind: "idle" });
  const [language, setLanguage] = useState<WriteLang | null>(null);
  // The last draft put in the field: switching language replaces it without asking, edits do not.
  const drafted = useRef("");

  /** True when the draft is in the field; false when the user kept their text or it failed. */
  async function draft(lang: WriteLang | null = language): Promise<boolean> {
    const field = document.getElementById(target) as HTMLTextAreaElement | null;
    if (!field) return false;
    const text = field.value.trim();
    if (
      text && text !== drafted.current.trim() &&
      !confirm("Replace what you have written with an AI draft?")
    ) return false;
    setState({ kind: "busy" });
    try {
      const res = await fetch("/api/ai/write", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-csrf-token": csrf,
          accept: "application/json",
        },
        body: JSON.stringify({
          task,
          ...(gigId ? { gig_id: gigId } : {}),
          ...(lang ? { language: lang } : {}),
        }),
      });
      const body = await res.json().catch(() => null) as
        | { draft?: string; source?: string; language?: string; error?: { message: string } }
        | null;
      if (!res.ok || typeof body?.draft !== "string") {
        setState({
          kind: "error",
          message: body?.error?.message ?? `The AI writer failed (${res.status})`,
        });
        return false;
      }
      field.value = body.draft;
      drafted.current = body.draft;
      field.dispatchEvent(new Event("input", { bubbles: true }));
      field.focus();
      const wrote = isWriteLang(body.language) ? body.language : "en";
      setLanguage(wrote);
      setState({ kind: "done", source: body.source ?? "offline", language: wrote });
      return true;
    } catch {
      setState({ kind: "error", message: "No connection to the server. Try again." });
      return false;
    }
  }

  return (
    <div class="mb-2 flex flex-wrap items-center gap-2">
      <button
        type="button"
        onClick={() => draft()}
        disabled={state.kind === "busy"}
        data-testid={`ai-draft-${task}`}
        class="inline-flex min-h-[44px] items-center gap-1 rounded-md border border-indigo-300 bg-indigo-50 px-3 py-1.5 text-sm font-medium text-indigo-800 hover:bg-indigo-100 disabled:opacity-60"
      >
        {state.kind === "busy" ? "Writing…" : label ?? "Draft with AI"}
      </button>
      <span role="status" aria-live="polite" class="text-sm text-gray-600">
        {state.kind === "done" &&
          `Draft ready in ${LANGUAGE_NAMES[state.language]}${
            state.source === "offline" ? " (offline writer)" : ""
          }: edit it before saving.`}
        {state.kind === "error" && <span class="text-red-700">{state.message}</span>}
      </span>
      {language && (
        <span class="inline-flex items-center gap-1 text-sm">
          <label for={`${target}-ai-language`} class="text-gray-700">Write it in</label>
          <select
            id={`${target}-ai-language`}
            value={language}
            disabled={state.kind === "busy"}
            data-testid={`ai-draft-language-${task}`}
            onChange={async (e) => {
              const select = e.target as HTMLSelectElement;
              const next = select.value;
              // Kept their own text, or the writer failed: the select shows the draft's language.
              if (isWriteLang(next) && next !== language && !(await draft(next))) {
                select.value = language;
              }
            }}
            class="min-h-[44px] rounded-md border border-gray-300 bg-white px-2 text-sm"
          >
            {WRITE_LANGS.map((l) => (
              <option key={l} value={l} lang={l}>{LANGUAGE_NAMES[l]}</option>
            ))}
          </select>
        </span>
      )}
    </div>
  );
}
