/**
 * The chat island's calls to the JSON API (browser-safe, bare imports only). Every write sends
 * the CSRF token as `x-csrf-token`; errors come back as `{ message, field }` for the composer.
 *
 * @module
 */
import type { ChatMessage } from "./chat_view.ts";

export interface ApiFailure {
  status: number;
  message: string;
  field?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiFailure };

async function call<T>(
  method: string,
  url: string,
  csrf: string,
  body?: unknown,
  opts: { keepalive?: boolean } = {},
): Promise<Result<T>> {
  try {
    const res = await fetch(url, {
      method,
      credentials: "same-origin",
      keepalive: opts.keepalive,
      headers: {
        accept: "application/json",
        "x-csrf-token": csrf,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json().catch(() => null);
    if (res.ok) return { ok: true, value: json as T };
    const e = (json as { error?: ApiFailure } | null)?.error;
    return {
      ok: false,
      error: {
        status: res.status,
        message: e?.message ?? `Failed (${res.status})`,
        field: e?.field,
      },
    };
  } catch {
    return { ok: false, error: { status: 0, message: "No connection to the server. Try again." } };
  }
}

const base = (id: string) => `/api/conversations/${id}`;

/**
 * Every message after `after`, page by page until the end: what a client missed while it was
 * disconnected (or between rendering and connecting).
 */
export async function fetchAfter(
  conversationId: string,
  after: number,
  csrf: string,
): Promise<Result<ChatMessage[]>> {
  const out: ChatMessage[] = [];
  let cursor = after;
  for (let pages = 0; pages < 50; pages++) {
    const r = await call<{ messages: ChatMessage[]; has_more: boolean }>(
      "GET",
      `${base(conversationId)}/messages?after=${cursor}&limit=100`,
      csrf,
    );
    if (!r.ok) return r;
    out.push(...r.value.messages);
    if (!r.value.has_more || r.value.messages.length === 0) break;
    cursor = r.value.messages[r.value.messages.length - 1].id;
  }
  return { ok: true, value: out };
}

/** The page of messages before `before` (older), oldest first. */
export function fetchBefore(conversationId: string, before: number, csrf: string) {
  return call<{ messages: ChatMessage[]; has_more: boolean }>(
    "GET",
    `${base(conversationId)}/messages?before=${before}&limit=50`,
    csrf,
  );
}

/** Both read markers (for "Seen" after a reconnect). */
export function fetchConversation(conversationId: string, csrf: string) {
  return call<{ participants: { user_id: string; last_read_message_id: number }[] }>(
    "GET",
    base(conversationId),
    csrf,
  );
}

export function markRead(conversationId: string, csrf: string, upTo: number, active: boolean) {
  return call("POST", `${base(conversationId)}/read`, csrf, { up_to: upTo, active }, {
    keepalive: !active,
  });
}

export function sendTyping(conversationId: string, csrf: string, typing: boolean) {
  return call("POST", `${base(conversationId)}/typing`, csrf, { typing });
}

export function editMessage(id: number, csrf: string, body: string) {
  return call<ChatMessage>("PATCH", `/api/messages/${id}`, csrf, { body });
}

export function deleteMessage(id: number, csrf: string) {
  return call<ChatMessage>("DELETE", `/api/messages/${id}`, csrf);
}

/**
 * Sends a message with an optional file as multipart, reporting upload progress (0..1): fetch
 * cannot report it, XMLHttpRequest can.
 */
export function sendMessage(
  conversationId: string,
  csrf: string,
  fields: { body: string; clientToken: string; file: File | null },
  onProgress: (fraction: number) => void,
): Promise<Result<ChatMessage>> {
  const form = new FormData();
  form.set("body", fields.body);
  form.set("client_token", fields.clientToken);
  if (fields.file) form.set("file", fields.file);
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `${base(conversationId)}/messages`);
    xhr.setRequestHeader("x-csrf-token", csrf);
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let json: unknown = null;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: reported below by status
      }
      if (xhr.status === 201) return resolve({ ok: true, value: json as ChatMessage });
      const e = (json as { error?: ApiFailure } | null)?.error;
      resolve({
        ok: false,
        error: {
          status: xhr.status,
          message: e?.message ?? `Sending failed (${xhr.status})`,
          field: e?.field,
        },
      });
    };
    xhr.onerror = () =>
      resolve({
        ok: false,
        error: { status: 0, message: "No connection to the server. Try again." },
      });
    xhr.send(form);
  });
}
