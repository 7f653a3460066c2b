/**
 * Failed e-mails and SMS as admins see them (/admin/outbox): the sender's last error, a masked
 * recipient (the SQL masks it; the body never leaves the database here: it may hold a sign-in
 * link), and a retry that starts the row over (audited in SQL).
 *
 * @module
 */
import { z } from "zod";
import type { Tx } from "../../ports/db/mod.ts";

export const FailedMessage = z.object({
  id: z.uuid(),
  channel: z.enum(["email", "sms"]),
  recipient: z.string(),
  subject: z.string().nullable(),
  kind: z.string().nullable(),
  attempts: z.coerce.number(),
  last_error: z.string().nullable(),
  created_at: z.coerce.date(),
  last_attempt_at: z.coerce.date().nullable(),
});
export type FailedMessage = z.infer<typeof FailedMessage>;

/** The rows the sender gave up on, newest first. */
export async function failedOutbox(tx: Tx, limit = 100): Promise<FailedMessage[]> {
  const rows = await tx.query("select * from public.admin_failed_outbox($1::int)", [limit]);
  return rows.map((r) => FailedMessage.parse(r));
}

/** Pending again with no attempts and a fresh deliver job (SC404 unknown, SC409 not failed). */
export async function retryOutbox(tx: Tx, id: string): Promise<void> {
  await tx.query("select public.admin_retry_outbox($1::uuid)", [id]);
}
