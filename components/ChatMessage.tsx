/** One chat message: text with links, its attachment, time, "edited"/"deleted" marks. */
import type { ComponentChildren, JSX } from "preact";
import {
  attachmentKind,
  attachmentUrl,
  type ChatMessage,
  fileSize,
  linkParts,
  shortTime,
} from "../lib/browser/chat_view.ts";

export interface ChatMessageProps {
  m: ChatMessage;
  mine: boolean;
  /** The sender's name, for screen readers and the first message of a run. */
  sender: string;
  /** Extra controls (edit/delete) and the "Seen" line, supplied by the island. */
  children?: ComponentChildren;
  /** The viewer's zone (else the runtime's: the server's on the server, the browser's there). */
  timeZone?: string;
}

export function MessageText({ body }: { body: string }): JSX.Element {
  return (
    <p class="whitespace-pre-wrap break-words">
      {linkParts(body).map((p, i) =>
        "href" in p
          ? (
            <a
              key={i}
              href={p.href}
              target="_blank"
              rel="noopener noreferrer nofollow ugc"
              class="underline"
            >
              {p.text}
            </a>
          )
          : p.text
      )}
    </p>
  );
}

function Attachment({ m }: { m: ChatMessage }): JSX.Element | null {
  if (!m.attachment_name || m.deleted_at) return null;
  const url = attachmentUrl(m.id);
  const kind = attachmentKind(m.attachment_type);
  const label = `${m.attachment_name}${
    m.attachment_size != null ? ` (${fileSize(m.attachment_size)})` : ""
  }`;
  if (kind === "image") {
    return (
      <a href={url} target="_blank" rel="noopener" class="mt-1 block">
        <img
          src={url}
          alt={m.attachment_name}
          loading="lazy"
          class="max-h-60 max-w-full rounded border border-gray-200 bg-white"
        />
      </a>
    );
  }
  if (kind === "audio") {
    return (
      <div class="mt-1">
        <audio controls preload="none" src={url} class="max-w-full" aria-label={label} />
        <a href={url} class="block text-xs underline">{label}</a>
      </div>
    );
  }
  return (
    <a href={url} class="mt-1 inline-flex items-center gap-1 underline" download>
      <span aria-hidden="true">📄</span> {label}
    </a>
  );
}

export function ChatMessageItem(
  { m, mine, sender, children, timeZone }: ChatMessageProps,
): JSX.Element {
  const bubble = mine ? "bg-indigo-600 text-white" : "bg-gray-100 text-gray-900";
  return (
    <li
      id={`m${m.id}`}
      data-testid="chat-message"
      data-id={m.id}
      class={`flex flex-col ${mine ? "items-end" : "items-start"}`}
    >
      <div class={`max-w-[85%] sm:max-w-[70%] rounded-2xl px-3 py-2 ${bubble}`}>
        <span class="sr-only">{mine ? "You" : sender}:</span>
        {m.deleted_at
          ? <p class="italic opacity-80" data-testid="deleted">This message was deleted.</p>
          : (
            <>
              {m.body && <MessageText body={m.body} />}
              <Attachment m={m} />
            </>
          )}
      </div>
      <p class="mt-0.5 text-xs text-gray-600">
        <time dateTime={m.created_at}>{shortTime(m.created_at, undefined, timeZone)}</time>
        {m.edited_at && !m.deleted_at && <span>· edited</span>}
      </p>
      {children}
    </li>
  );
}
