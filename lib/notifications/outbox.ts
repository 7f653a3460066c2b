/** E-mail and SMS leave through `public.outbox` (written as service or by the auth adapter). */
import type { Tx } from "../db/mod.ts";

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
  created_at: Date;
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
    `select id, channel, recipient, subject, body, status, created_at from public.outbox
     order by created_at desc limit $1`,
    [limit],
  );
}
