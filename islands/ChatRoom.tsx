/**
 * The open conversation. Server-rendered it is a thread and a plain multipart form (reading and
 * sending work without JavaScript); hydrated it adds live delivery, catch-up after reconnects
 * (`after=<last id>` whenever the realtime status returns to connected, merged by id), read
 * receipts, the typing indicator, edit/delete, and uploads with progress and a size check.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { onStatus, type RealtimeStatus, subscribe } from "../lib/browser/realtime.ts";
import { type ChatMessage, lastId, mergeMessages, reportHref } from "../lib/browser/chat_view.ts";
import * as api from "../lib/browser/chat.ts";
import { ChatMessageItem } from "../components/ChatMessage.tsx";
import { ChatComposer } from "../components/ChatComposer.tsx";
import { MESSAGE_EDIT_WINDOW_MS, MESSAGE_MAX_CHARS } from "../lib/shared/limits.ts";

export interface ChatRoomProps {
  conversationId: string;
  me: { id: string; name: string };
  other: { id: string; name: string };
  initial: ChatMessage[];
  hasOlder: boolean;
  otherLastRead: number;
  csrf: string;
  /** False once the application was declined or withdrawn: no new messages. */
  open: boolean;
  /** A fresh UUID per render, so a form posted twice without JS sends once. */
  clientToken: string;
  /** What a refused form post had written, and why it was refused. */
  draft?: string;
  error?: { message: string; field?: string };
  /** The viewer's zone for message times, so the server and the browser write the same. */
  timeZone?: string;
  /** The viewer's own messages that moderators hid, with why (by message id). */
  hidden?: Record<number, string>;
}

const HEARTBEAT_MS = 20_000;
const TYPING_SHOWN_MS = 5_000;

export default function ChatRoom(props: ChatRoomProps) {
  const { conversationId: id, me, other, csrf } = props;
  const [messages, setMessages] = useState<ChatMessage[]>(props.initial);
  const [hasOlder, setHasOlder] = useState(props.hasOlder);
  const [otherRead, setOtherRead] = useState(props.otherLastRead);
  const [typingAt, setTypingAt] = useState(0);
  const [status, setStatus] = useState<RealtimeStatus>("idle");
  const [hydrated, setHydrated] = useState(false);
  const [editing, setEditing] = useState<{ id: number; text: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [, tick] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);
  const latest = useRef(messages);
  latest.current = messages;
  const marked = useRef(0);

  const merge = (incoming: ChatMessage[]) => setMessages((list) => mergeMessages(list, incoming));
  const seen = (upTo: number) => setOtherRead((r) => Math.max(r, upTo));

  // Live events, typing, and catch-up whenever the connection is (re)established.
  useEffect(() => {
    setHydrated(true);
    const stops = [
      subscribe(`conversation:${id}`, "message", (p) => {
        const m = p as unknown as ChatMessage;
        merge([m]);
        if (m.sender_id === other.id) {
          seen(m.id);
          setTypingAt(0);
        }
      }),
      subscribe(
        `conversation:${id}`,
        "message_updated",
        (p) => merge([p as unknown as ChatMessage]),
      ),
      subscribe(`conversation:${id}`, "read", (p) => {
        if (p.user_id === other.id) seen(Number(p.last_read_message_id));
      }),
      subscribe(`typing:${id}`, "typing", (p) => {
        if (p.user_id === other.id) setTypingAt(p.typing ? Date.now() : 0);
      }),
      onStatus(async (s) => {
        setStatus(s);
        if (s !== "connected") return;
        const missed = await api.fetchAfter(id, lastId(latest.current), csrf);
        if (missed.ok) merge(missed.value);
        const c = await api.fetchConversation(id, csrf);
        if (c.ok) {
          const theirs = c.value.participants.find((p) => p.user_id === other.id);
          if (theirs) seen(Number(theirs.last_read_message_id));
        }
      }),
    ];
    const timer = setInterval(() => tick((n) => n + 1), 30_000);
    return () => {
      for (const stop of stops) stop();
      clearInterval(timer);
    };
  }, [id]);

  // Read receipts: mark read while the page is visible; a heartbeat says "still here".
  useEffect(() => {
    const upTo = lastId(messages);
    const visible = () => document.visibilityState === "visible";
    if (visible() && upTo > marked.current) {
      marked.current = upTo;
      void api.markRead(id, csrf, upTo, true);
    }
  }, [messages]);
  useEffect(() => {
    const beat = setInterval(() => {
      if (document.visibilityState === "visible") {
        marked.current = lastId(latest.current);
        void api.markRead(id, csrf, marked.current, true);
      }
    }, HEARTBEAT_MS);
    const onVisibility = () => {
      marked.current = lastId(latest.current);
      void api.markRead(id, csrf, marked.current, document.visibilityState === "visible");
    };
    const onLeave = () => void api.markRead(id, csrf, lastId(latest.current), false);
    document.addEventListener("visibilitychange", onVisibility);
    addEventListener("pagehide", onLeave);
    return () => {
      clearInterval(beat);
      document.removeEventListener("visibilitychange", onVisibility);
      removeEventListener("pagehide", onLeave);
    };
  }, [id]);

  // Keep the newest message in view when it arrives (unless the reader scrolled up).
  const count = messages.length;
  useEffect(() => {
    const el = listRef.current;
    if (el && el.scrollHeight - el.scrollTop - el.clientHeight < 200) {
      el.scrollTop = el.scrollHeight;
    }
  }, [count]);
  useEffect(() => {
    if (listRef.current) listRef.current.scrollTop = listRef.current.scrollHeight;
  }, []);

  // The typing line disappears on its own a few seconds after the last signal.
  useEffect(() => {
    if (!typingAt) return;
    const t = setTimeout(() => setTypingAt(0), TYPING_SHOWN_MS);
    return () => clearTimeout(t);
  }, [typingAt]);

  async function loadOlder(e: Event) {
    e.preventDefault();
    const first = messages[0]?.id;
    if (!first) return;
    const r = await api.fetchBefore(id, first, csrf);
    if (!r.ok) return setNotice(r.error.message);
    merge(r.value.messages);
    setHasOlder(r.value.has_more);
  }

  async function saveEdit(e: Event) {
    e.preventDefault();
    if (!editing) return;
    const r = await api.editMessage(editing.id, csrf, editing.text);
    if (!r.ok) return setNotice(r.error.message);
    merge([r.value]);
    setEditing(null);
    setNotice(null);
  }

  async function remove(m: ChatMessage) {
    if (!confirm("Delete this message for both of you? This cannot be undone.")) return;
    const r = await api.deleteMessage(m.id, csrf);
    if (!r.ok) return setNotice(r.error.message);
    merge([r.value]);
  }

  const mineLast = [...messages].reverse().find((m) => m.sender_id === me.id);
  const now = Date.now();
  return (
    <div class="flex flex-col gap-3">
      <p role="status" class="text-xs text-gray-600" data-testid="live-status">
        {status === "connected"
          ? "Live"
          : status === "reconnecting"
          ? "Reconnecting… new messages will appear when the connection is back."
          : hydrated
          ? "Connecting…"
          : "Reload the page to see new messages."}
      </p>
      {hasOlder && (
        <a
          href={`?before=${messages[0]?.id ?? ""}`}
          onClick={loadOlder}
          class="self-center text-sm text-indigo-700 underline"
        >
          Load older messages
        </a>
      )}
      <div
        ref={listRef}
        role="log"
        aria-label={`Conversation with ${other.name}`}
        aria-live="polite"
        class="flex max-h-[60vh] min-h-[12rem] flex-col overflow-y-auto rounded-lg border border-gray-200 bg-white p-3 sm:p-4"
      >
        <ol class="flex flex-1 flex-col gap-3">
          {messages.length === 0 && (
            <li class="m-auto text-center text-gray-600">
              No messages yet. Say hello to {other.name}.
            </li>
          )}
          {messages.map((m) => {
            const mine = m.sender_id === me.id;
            const editable = hydrated && mine && !m.deleted_at &&
              now - Date.parse(m.created_at) < MESSAGE_EDIT_WINDOW_MS;
            return (
              <ChatMessageItem
                key={m.id}
                m={m}
                mine={mine}
                sender={mine ? me.name : other.name}
                timeZone={props.timeZone}
              >
                {editing?.id === m.id
                  ? (
                    <form onSubmit={saveEdit} class="mt-1 flex w-full max-w-md flex-col gap-1">
                      <label for={`edit-${m.id}`} class="sr-only">Edit message</label>
                      <textarea
                        id={`edit-${m.id}`}
                        value={editing.text}
                        onInput={(e) =>
                          setEditing({ id: m.id, text: (e.target as HTMLTextAreaElement).value })}
                        rows={2}
                        maxLength={MESSAGE_MAX_CHARS}
                        class="rounded-md border border-gray-300 px-2 py-1"
                      />
                      <div class="flex gap-2 text-sm">
                        <button type="submit" class="text-indigo-700 underline">Save</button>
                        <button
                          type="button"
                          onClick={() => setEditing(null)}
                          class="underline"
                        >
                          Cancel
                        </button>
                      </div>
                    </form>
                  )
                  : mine && hydrated && !m.deleted_at && (
                    <div class="flex gap-3 text-xs text-gray-600">
                      {editable && (
                        <button
                          type="button"
                          class="underline"
                          onClick={() => setEditing({ id: m.id, text: m.body })}
                        >
                          Edit
                        </button>
                      )}
                      <button
                        type="button"
                        class="underline"
                        onClick={() => remove(m)}
                      >
                        Delete
                      </button>
                    </div>
                  )}
                {!mine && !m.deleted_at && (
                  <a
                    href={reportHref(id, m.id)}
                    class="text-xs text-gray-600 underline"
                    data-testid="report-link"
                    rel="nofollow"
                  >
                    Report
                  </a>
                )}
                {mine && props.hidden?.[m.id] && (
                  <p class="text-xs text-red-800" data-testid="hidden-notice">
                    Hidden by moderators: {props.hidden[m.id]}. Only you and our admins see it.
                  </p>
                )}
                {m === mineLast && (
                  <p class="text-xs text-gray-600" data-testid="receipt">
                    {otherRead >= m.id ? "Seen" : "Sent"}
                  </p>
                )}
              </ChatMessageItem>
            );
          })}
        </ol>
      </div>
      <p aria-live="polite" class="h-5 text-sm italic text-gray-600" data-testid="typing">
        {typingAt ? `${other.name} is typing…` : ""}
      </p>
      {notice && <p role="alert" class="text-sm text-red-700">{notice}</p>}
      <ChatComposer
        conversationId={id}
        csrf={csrf}
        open={props.open}
        clientToken={props.clientToken}
        draft={props.draft}
        error={props.error}
        enhanced={hydrated}
        onSent={(m) => merge([m])}
      />
    </div>
  );
}
