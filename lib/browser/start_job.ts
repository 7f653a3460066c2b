/**
 * Starting a staged job from a prompt form through its JSON route (the DJ's runs, the studio's
 * songs): the page to open, or the errors by field for the form (`_form` for the rest).
 *
 * Browser-safe and import-free: islands bundle it.
 *
 * @module
 */

export interface StartRequest {
  url: string;
  csrf: string;
  body: Record<string, unknown>;
  /** The key the new row comes back under (`run`, `song`), and its page. */
  key: string;
  page: (id: string) => string;
  /** The form's message when the route fails without one. */
  failure: (status: number) => string;
}

export type Started = { page: string } | { errors: Record<string, string> };

interface Answer {
  [key: string]: unknown;
  error?: { message: string; field?: string };
}

export async function startJob(
  req: StartRequest,
  fetcher: typeof fetch = (input, init) => fetch(input, init),
): Promise<Started> {
  try {
    const res = await fetcher(req.url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": req.csrf },
      body: JSON.stringify(req.body),
    });
    const body = await res.json().catch(() => null) as Answer | null;
    const row = body?.[req.key] as { id?: unknown } | undefined;
    if (res.ok && row) return { page: req.page(String(row.id)) };
    const err = body?.error ?? { message: req.failure(res.status) };
    return { errors: { [err.field ?? "_form"]: err.message } };
  } catch {
    return { errors: { _form: "No connection to the server. Try again." } };
  }
}
