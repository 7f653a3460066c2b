/**
 * The message composer: a real multipart form posting to the page (works without JavaScript).
 * Inside the ChatRoom island it sends through the API instead, with upload progress, a size and
 * type check before uploading, and throttled typing signals.
 */
import { useRef, useState } from "preact/hooks";
import type { JSX } from "preact";
import type { ChatMessage } from "../lib/browser/chat_view.ts";
import * as api from "../lib/browser/chat.ts";
import {
  ATTACHMENT_ACCEPT,
  ATTACHMENT_MAX_BYTES,
  attachmentType,
  isAttachmentType,
  megabytes,
  MESSAGE_MAX_CHARS,
} from "../lib/shared/limits.ts";

const TYPING_EVERY_MS = 2_500;

export interface ChatComposerProps {
  conversationId: string;
  csrf: string;
  open: boolean;
  clientToken: string;
  draft?: string;
  error?: { message: string; field?: string };
  /** Hydrated: send through the API. */
  enhanced: boolean;
  onSent(m: ChatMessage): void;
}

export function ChatComposer(props: ChatComposerProps): JSX.Element {
  const { conversationId: id, csrf } = props;
  const [text, setText] = useState(props.draft ?? "");
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<{ message: string; field?: string } | null>(
    props.error ?? null,
  );
  const fileRef = useRef<HTMLInputElement>(null);
  const lastTyping = useRef(0);
  const token = useRef(props.clientToken);

  if (!props.open) {
    return (
      <p class="rounded-md border border-gray-200 bg-gray-50 p-3 text-gray-600">
        This conversation is closed: the application was declined or withdrawn.
      </p>
    );
  }

  function onInput(e: Event) {
    setText((e.target as HTMLTextAreaElement).value);
    const now = Date.now();
    if (props.enhanced && now - lastTyping.current > TYPING_EVERY_MS) {
      lastTyping.current = now;
      void api.sendTyping(id, csrf, true);
    }
  }

  function onFile(e: Event) {
    const f = (e.target as HTMLInputElement).files?.[0] ?? null;
    setError(null);
    // The same checks as the server's (lib/domains/chat/attachments.ts), before a long upload.
    if (f && f.size > ATTACHMENT_MAX_BYTES) {
      setError({
        message: `${f.name} is larger than ${megabytes(ATTACHMENT_MAX_BYTES)}.`,
        field: "file",
      });
    } else if (f && !isAttachmentType(attachmentType(f))) {
      setError({ message: "Attach an image, an audio file or a PDF.", field: "file" });
    }
    setFile(f);
  }

  async function onSubmit(e: Event) {
    if (!props.enhanced) return; // the browser posts the form itself
    e.preventDefault();
    if (progress !== null) return;
    if (error?.field === "file" && file) return;
    if (!text.trim() && !file) {
      return setError({ message: "Write a message or attach a file.", field: "body" });
    }
    setError(null);
    setProgress(0);
    const r = await api.sendMessage(
      id,
      csrf,
      { body: text, clientToken: token.current, file },
      (f) => setProgress(f),
    );
    setProgress(null);
    if (!r.ok) return setError(r.error);
    props.onSent(r.value);
    token.current = crypto.randomUUID();
    lastTyping.current = 0;
    setText("");
    setFile(null);
    if (fileRef.current) fileRef.current.value = "";
  }

  function onKeyDown(e: KeyboardEvent) {
    // Enter sends, Shift+Enter starts a new line (as in most chat apps).
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing && props.enhanced) {
      e.preventDefault();
      (e.currentTarget as HTMLTextAreaElement).form?.requestSubmit();
    }
  }

  const busy = progress !== null;
  return (
    <form
      method="post"
      action={`/messages/${id}`}
      encType="multipart/form-data"
      onSubmit={onSubmit}
      class="flex flex-col gap-2"
      aria-busy={busy}
    >
      <input type="hidden" name="_csrf" value={csrf} />
      <input type="hidden" name="client_token" value={token.current} />
      <label for="chat-body" class="sr-only">Message</label>
      <textarea
        id="chat-body"
        name="body"
        rows={3}
        maxLength={MESSAGE_MAX_CHARS}
        value={text}
        onInput={onInput}
        onKeyDown={onKeyDown}
        placeholder="Write a message…"
        aria-invalid={error?.field === "body"}
        aria-describedby={error ? "chat-error" : undefined}
        class="w-full rounded-md border border-gray-300 px-3 py-2 focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500"
      />
      <div class="flex flex-wrap items-center gap-3">
        <label class="text-sm text-gray-700">
          <span class="mr-2">
            Attach (image, audio or PDF, up to {megabytes(ATTACHMENT_MAX_BYTES)})
          </span>
          <input
            ref={fileRef}
            type="file"
            name="file"
            accept={ATTACHMENT_ACCEPT}
            onChange={onFile}
            aria-invalid={error?.field === "file"}
            class="text-sm"
          />
        </label>
        <button
          type="submit"
          disabled={busy}
          class="ml-auto inline-flex items-center justify-center rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 focus:outline-none focus:ring-2 focus:ring-indigo-500 focus:ring-offset-2 disabled:opacity-60"
        >
          {busy ? "Sending…" : "Send"}
        </button>
      </div>
      {busy && file && (
        <progress
          max={1}
          value={progress ?? 0}
          aria-label={`Uploading ${file.name}`}
          class="w-full"
          data-testid="upload-progress"
        />
      )}
      {error && (
        <p id="chat-error" role="alert" class="text-sm text-red-700" data-testid="composer-error">
          {error.message}
        </p>
      )}
    </form>
  );
}
