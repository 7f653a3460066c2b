/**
 * E-mail and SMS leave through `public.outbox` (written by the notification router in SQL, the
 * digest and the auth adapter). A row insert enqueues a `deliver` job on the `notify` queue; the
 * job sends it through the delivery port and records the outcome, retrying with exponential
 * backoff until `maxAttempts`, after which the row stays `failed` with its last error.
 *
 * @module
 */
import type { Tx } from "../db/mod.ts";
import { send } from "../queue/mod.ts";
import { DeliveryError, type DeliveryPort, type SendResult } from "./port.ts";

export interface OutboxMail {
  to: string;
  subject: string;
  body: string;
}

export interface OutboxRow {
  id: string;
  channel: "email" | "sms";
  recipient: string;
  subject: string | null;
  body: string;
  status: "pending" | "sent" | "failed";
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date;
  provider: string | null;
  kind: string | null;
  created_at: Date;
  sent_at: Date | null;
}

export async function queueMail(tx: Tx, mail: OutboxMail): Promise<void> {
  await tx.query(
    "insert into public.outbox (channel, recipient, subject, body) values ('email', $1, $2, $3)",
    [mail.to, mail.subject, mail.body],
  );
}

/** The newest outbox rows, for the embedded dev outbox page (service role only). */
export async function listOutbox(tx: Tx, limit = 50): Promise<OutboxRow[]> {
  return await tx.query<OutboxRow>(
    `select id, channel, recipient, subject, body, status, attempts, last_error, next_attempt_at,
            provider, kind, created_at, sent_at
     from public.outbox order by created_at desc, id limit $1`,
    [limit],
  );
}

/** Outbox texts say `{{site}}` where the site's base URL goes; the database does not know it. */
export function renderText(text: string, siteUrl: string): string {
  return text.replaceAll("{{site}}", siteUrl.replace(/\/+$/, ""));
}

export interface RetryPolicy {
  maxAttempts: number;
  /** Delay after the first failure; each further failure doubles it. */
  baseDelaySeconds: number;
  maxDelaySeconds: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 5,
  baseDelaySeconds: 30,
  maxDelaySeconds: 3600,
};

/** Seconds to wait after the `attempt`-th failure (1-based): base · 2^(attempt-1), capped. */
export function backoffSeconds(attempt: number, policy: RetryPolicy = DEFAULT_RETRY): number {
  const raw = policy.baseDelaySeconds * 2 ** Math.max(0, attempt - 1);
  return Math.min(policy.maxDelaySeconds, Math.round(raw));
}

export type DeliveryOutcome =
  | { status: "sent"; provider: string }
  | { status: "retry"; attempt: number; delaySeconds: number; error: string }
  | { status: "failed"; attempt: number; error: string }
  | { status: "skipped"; reason: "missing" | "done" | "not-due" };

interface ClaimedRow {
  id: string;
  channel: "email" | "sms";
  recipient: string;
  subject: string | null;
  body: string;
  status: string;
  attempts: number;
  due: boolean;
}

/**
 * Delivers one outbox row inside the job's transaction (the row is locked meanwhile, so two
 * workers never send it twice). A job that is not the row's current one (already sent, failed,
 * or early) changes nothing.
 */
export async function deliverOutbox(
  tx: Tx,
  outboxId: string,
  delivery: DeliveryPort,
  opts: { siteUrl: string; retry?: RetryPolicy },
): Promise<DeliveryOutcome> {
  const policy = opts.retry ?? DEFAULT_RETRY;
  const [row] = await tx.query<ClaimedRow>(
    `select id, channel, recipient, subject, body, status, attempts,
            next_attempt_at <= now() + interval '1 second' as due
     from public.outbox where id = $1 for update`,
    [outboxId],
  );
  if (!row) return { status: "skipped", reason: "missing" };
  if (row.status !== "pending") return { status: "skipped", reason: "done" };
  if (!row.due) return { status: "skipped", reason: "not-due" };

  const attempt = row.attempts + 1;
  let result: SendResult;
  try {
    result = await sendRow(row, delivery, opts.siteUrl);
  } catch (err) {
    const failure = err instanceof DeliveryError ? err : new DeliveryError(String(err), false);
    const error = failure.message.slice(0, 1000);
    if (failure.permanent || attempt >= policy.maxAttempts) {
      await tx.query(
        `update public.outbox set status = 'failed', attempts = $2, last_error = $3,
                last_attempt_at = now()
         where id = $1`,
        [row.id, attempt, error],
      );
      return { status: "failed", attempt, error };
    }
    const delaySeconds = backoffSeconds(attempt, policy);
    await tx.query(
      `update public.outbox set attempts = $2, last_error = $3, last_attempt_at = now(),
              next_attempt_at = now() + make_interval(secs => $4)
       where id = $1`,
      [row.id, attempt, error, delaySeconds],
    );
    await send(tx, "notify", {
      kind: "deliver",
      outbox_id: row.id,
      idempotency_key: `deliver:${row.id}:${attempt}`,
    }, delaySeconds);
    return { status: "retry", attempt, delaySeconds, error };
  }
  await tx.query(
    `update public.outbox set status = 'sent', attempts = $2, sent_at = now(), last_attempt_at = now(),
            last_error = null, provider = $3, provider_message_id = $4
     where id = $1`,
    [row.id, attempt, result.provider, result.id],
  );
  return { status: "sent", provider: result.provider };
}

function sendRow(row: ClaimedRow, delivery: DeliveryPort, siteUrl: string): Promise<SendResult> {
  const text = renderText(row.body, siteUrl);
  if (row.channel === "email") {
    if (!delivery.email) {
      throw new DeliveryError(
        "No e-mail provider configured: set SMTP_URL or EMAIL_API_KEY",
        true,
      );
    }
    return delivery.email.send({
      to: row.recipient,
      subject: renderText(row.subject ?? "Soundcheck", siteUrl),
      text,
    });
  }
  if (!delivery.sms) {
    throw new DeliveryError(
      "No SMS provider configured: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM",
      true,
    );
  }
  return delivery.sms.send({ to: row.recipient, text });
}
