/**
 * "Draft with AI": asks the server's AI writer for a draft and puts it into a form field, where
 * the user edits it before saving. Without JavaScript the field simply stays empty to type into.
 */
import { useState } from "preact/hooks";

export interface AiDraftProps {
  task: "bio" | "proposal" | "announcement" | "social_post" | "setlist";
  /** id of the textarea that receives the draft. */
  target: string;
  gigId?: string;
  csrf: string;
  label?: string;
}

type State = { kind: "idle" } | { kind: "busy" } | { kind: "done"; source: string } | {
  kind: "error";
  message: string;
};

export default function AiDraft({ task, target, gigId, csrf, label }: AiDraftProps) {
  const [state, setState] = useState<State>({ kind: "idle" });

  async function draft() {
    const field = document.getElementById(target) as HTMLTextAreaElement | null;
    if (!field) return;
    if (field.value.trim() && !confirm("Replace what you have written with an AI draft?")) return;
    setState({ kind: "busy" });
    try {
      const res = await fetch("/api/ai/write", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-csrf-token": csrf,
          accept: "application/json",
        },
        body: JSON.stringify({ task, ...(gigId ? { gig_id: gigId } : {}) }),
      });
      const body = await res.json().catch(() => null) as
        | { draft?: string; source?: string; error?: { message: string } }
        | null;
      if (!res.ok || typeof body?.draft !== "string") {
        setState({
          kind: "error",
          message: body?.error?.message ?? `The AI writer failed (${res.status})`,
        });
        return;
      }
      field.value = body.draft;
      field.dispatchEvent(new Event("input", { bubbles: true }));
      field.focus();
      setState({ kind: "done", source: body.source ?? "offline" });
    } catch {
      setState({ kind: "error", message: "No connection to the server. Try again." });
    }
  }

  return (
    <div class="mb-2 flex flex-wrap items-center gap-2">
      <button
        type="button"
        onClick={draft}
        disabled={state.kind === "busy"}
        data-testid={`ai-draft-${task}`}
        class="inline-flex items-center gap-1 rounded-md border border-indigo-300 bg-indigo-50 px-3 py-1.5 text-sm font-medium text-indigo-800 hover:bg-indigo-100 disabled:opacity-60"
      >
        {state.kind === "busy" ? "Writing…" : label ?? "Draft with AI"}
      </button>
      <span role="status" aria-live="polite" class="text-sm text-gray-600">
        {state.kind === "done" &&
          `Draft ready${
            state.source === "offline" ? " (offline writer)" : ""
          }: edit it before saving.`}
        {state.kind === "error" && <span class="text-red-700">{state.message}</span>}
      </span>
    </div>
  );
}
