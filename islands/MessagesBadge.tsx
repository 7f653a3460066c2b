/**
 * The "Messages" link with a live unread count, on every page: the database sends the total on
 * the user's own topic after each new message, read and delete; whenever the live connection
 * (re)opens the count is fetched again, since events sent while disconnected are gone.
 */
import { useEffect, useState } from "preact/hooks";
import { onStatus, subscribe } from "../lib/browser/realtime.ts";

export interface MessagesBadgeProps {
  userId: string;
  /** Known on pages that read it already; null makes the island fetch it. */
  initialCount: number | null;
  current: boolean;
}

export default function MessagesBadge({ userId, initialCount, current }: MessagesBadgeProps) {
  const [count, setCount] = useState<number | null>(initialCount);

  useEffect(() => {
    const refresh = () =>
      fetch("/api/conversations/unread", { headers: { accept: "application/json" } })
        .then((r) => (r.ok ? r.json() : null))
        .then((body: { unread?: number } | null) => {
          if (typeof body?.unread === "number") setCount(body.unread);
        })
        .catch(() => {});
    const set = (p: Record<string, unknown>) => {
      if (typeof p.unread_total === "number") setCount(p.unread_total);
    };
    const stops = [
      subscribe(`user:${userId}`, "chat_message", (p) => {
        // The conversation open on screen reads it at once (its "read" follows): no flicker.
        const open = location.pathname.match(/^\/messages\/([0-9a-f-]{36})$/)?.[1];
        if (open === p.conversation_id && document.visibilityState === "visible") return;
        set(p);
      }),
      subscribe(`user:${userId}`, "chat_unread", set),
      // Each (re)connection reads the count afresh: events sent before it are not replayed.
      onStatus((s) => {
        if (s === "connected") void refresh();
      }),
    ];
    return () => stops.forEach((stop) => stop());
  }, [userId]);

  const label = count ? `Messages ${count} unread` : "Messages";
  return (
    <a
      href="/messages"
      aria-label={label}
      aria-current={current ? "page" : undefined}
      data-testid="messages-badge"
      class="relative rounded-md px-3 py-2 text-sm font-medium text-gray-700 hover:bg-gray-100 hover:text-gray-900"
    >
      Messages
      {count ? " " : null}
      {count
        ? (
          <span
            data-testid="messages-count"
            class="ml-1 inline-flex min-w-[1.25rem] items-center justify-center rounded-full bg-red-600 px-1.5 text-xs font-bold text-white"
          >
            {count}
          </span>
        )
        : null}
    </a>
  );
}
