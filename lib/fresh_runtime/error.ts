/**
 * The one error class routes throw to answer with a status (Fresh's `HttpError`).
 *
 * @module
 */

/** Reason phrases for the statuses the runtime itself produces or that routes commonly throw. */
export const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  409: "Conflict",
  410: "Gone",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** Text for a status code, falling back to a generic phrase. */
export function statusText(status: number): string {
  return STATUS_TEXT[status] ?? (status >= 500 ? "Server Error" : "Error");
}

/**
 * Throw from middleware, handlers or pages to answer with `status`.
 *
 * A status below 500 is answered with `message` (the `_404` page for 404; JSON under `/api`).
 * A 5xx is logged with its stack and answered with the generic `_500` page: its message never
 * reaches the client.
 *
 * @example
 * ```ts
 * if (!gig) throw new HttpError(404, "Gig not found");
 * ```
 */
export class HttpError extends Error {
  /** The HTTP status to answer with. */
  status: number;

  /** @param status HTTP status; @param message defaults to the status text. */
  constructor(status: number, message?: string, opts?: { cause?: unknown }) {
    super(message ?? statusText(status), opts);
    this.name = "HttpError";
    this.status = status;
  }
}
