/**
 * The delivery port: one sender per channel, each adapter hiding its provider (SMTP, an HTTP
 * e-mail API, Twilio, the dev outbox). The outbox deliverer (../outbox.ts) decides retries from
 * `DeliveryError.permanent`.
 *
 * @module
 */

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
}

export interface OutgoingSms {
  to: string;
  text: string;
}

/** What the provider said: its name and its id for the message, when it gives one. */
export interface SendResult {
  provider: string;
  id: string | null;
}

export interface EmailSender {
  readonly provider: string;
  send(mail: OutgoingEmail): Promise<SendResult>;
}

export interface SmsSender {
  readonly provider: string;
  send(sms: OutgoingSms): Promise<SendResult>;
}

/** A null channel has no provider configured: its rows fail at once, saying so. */
export interface DeliveryPort {
  email: EmailSender | null;
  sms: SmsSender | null;
}

/** A failed send; `permanent` failures (bad address, bad credentials) are not retried. */
export class DeliveryError extends Error {
  constructor(message: string, readonly permanent: boolean) {
    super(message);
    this.name = "DeliveryError";
  }
}

/** Timeout for one provider call: the deliverer holds a database transaction meanwhile. */
export const SEND_TIMEOUT_MS = 15_000;

/**
 * A provider's HTTP error as a DeliveryError: 4xx means the request itself is wrong (permanent),
 * except 408 and 429 which, like 5xx, may pass on a later try.
 */
export async function httpFailure(provider: string, res: Response): Promise<DeliveryError> {
  let detail = "";
  try {
    detail = (await res.text()).slice(0, 300);
  } catch {
    // the status says enough
  }
  const transient = res.status >= 500 || res.status === 408 || res.status === 429;
  return new DeliveryError(
    `${provider} answered ${res.status}${detail ? `: ${detail}` : ""}`,
    !transient,
  );
}

/** A network failure (refused, reset, timed out) is always worth another try. */
export function networkFailure(provider: string, err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new DeliveryError(`${provider} unreachable: ${message}`, false);
}
