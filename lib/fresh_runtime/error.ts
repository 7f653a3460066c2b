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
  /** A stable machine-readable code (`not_found`, `payload_too_large`…): clients branch on it. */
  code: string;
  /** The request field at fault (form field, JSON path, query parameter or header), if any. */
  field?: string;
  /** Every field at fault with its message, when there is more than one. */
  issues?: { field: string; message: string }[];
  /** Headers the answer carries (`retry-after`, `allow`…). */
  headers?: Record<string, string>;

  /** @param status HTTP status; @param message defaults to the status text. */
  constructor(status: number, message?: string, opts: HttpErrorOptions = {}) {
    super(message ?? statusText(status), { cause: opts.cause });
    this.name = "HttpError";
    this.status = status;
    this.code = opts.code ?? STATUS_CODE[status] ??
      (status >= 500 ? "server_error" : "bad_request");
    this.field = opts.field;
    this.issues = opts.issues;
    this.headers = opts.headers;
  }
}

/** What an `HttpError` may carry besides its status and message. */
export interface HttpErrorOptions {
  cause?: unknown;
  code?: string;
  field?: string;
  issues?: { field: string; message: string }[];
  headers?: Record<string, string>;
}

const STATUS_CODE: Readonly<Record<number, string>> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  409: "conflict",
  410: "gone",
  413: "payload_too_large",
  415: "unsupported_media_type",
  422: "unprocessable",
  429: "rate_limited",
};
