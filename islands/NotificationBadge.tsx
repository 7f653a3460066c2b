/** The notifications link with a live unread count and a toast for each new notification. */
import { useEffect, useState } from "preact/hooks";
import { subscribe } from "../lib/browser/realtime.ts";

export interface NotificationBadgeProps {
  userId: string;
  /** Known on pages that read it already; null makes the island fetch it. */
  initialCount: number | null;
}

interface Incoming {
  id: string;
  title: string;
}

export default function NotificationBadge({ userId, initialCount }: NotificationBadgeProps) {
  const [count, setCount] = useState<number | null>(initialCount);
  const [toast, setToast] = useState<Incoming | null>(null);

  useEffect(() => {
    if (initialCount === null) {
      fetch("/api/notifications/unread", { headers: { accept: "application/json" } })
        .then((r) => (r.ok ? r.json() : null))
        .then((body: { unread?: number } | null) => {
          if (typeof body?.unread === "number") setCount(body.unread);
        })
        .catch(() => {});
    }
    const off = subscribe(`user:${userId}`, "notification", (payload) => {
      setCount((c) => (c ?? 0) + 1);
      setToast({
        id: String(payload.id ?? ""),
        title: String(payload.title ?? "New notification"),
      });
    });
    // Marking read (in this tab or another) broadcasts the new count.
    const offUnread = subscribe(`user:${userId}`, "unread", (payload) => {
      if (typeof payload.unread === "number") setCount(payload.unread);
    });
    return () => {
      off();
      offUnread();
    };
  }, [userId]);

  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(() => setToast(null), 6000);
    return () => clearTimeout(t);
  }, [toast]);

  const label = count ? `Notifications ${count} unread` : "Notifications";
  return (
    <>
      <a
        href="/notifications"
        aria-label={label}
        data-testid="notification-badge"
        class="relative rounded-md px-3 py-2 text-sm font-medium text-gray-700 hover:bg-gray-100"
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          width="18"
          height="18"
          class="inline-block align-text-bottom"
          fill="none"
          stroke="currentColor"
          stroke-width="2"
          stroke-linecap="round"
          stroke-linejoin="round"
        >
          <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
          <path d="M13.73 21a2 2 0 0 1-3.46 0" />
        </svg>
        <span class="sr-only sm:not-sr-only sm:ml-1">Notifications</span>
        {count ? " " : null}
        {count
          ? (
            <span
              data-testid="notification-count"
              class="ml-1 inline-flex min-w-[1.25rem] items-center justify-center rounded-full bg-red-600 px-1.5 text-xs font-bold text-white"
            >
              {count}
            </span>
          )
          : null}
      </a>
      {toast && (
        <div
          role="status"
          aria-live="polite"
          data-testid="live-toast"
          class="fixed bottom-4 right-4 left-4 sm:left-auto z-50 rounded-md border border-indigo-300 bg-indigo-50 px-4 py-3 text-indigo-900 shadow"
        >
          <a href="/notifications" class="underline">{toast.title}</a>
        </div>
      )}
    </>
  );
}
