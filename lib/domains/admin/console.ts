/**
 * The admin console's home (/admin): what waits in each section, counted in one SQL call
 * (public.admin_console_counts, admins only).
 *
 * @module
 */
import { z } from "zod";
import type { Tx } from "../../ports/db/mod.ts";

const count = z.coerce.number().int();

export const ConsoleCounts = z.object({
  /** Null until moderation (public.reports) exists. */
  open_reports: count.nullable(),
  users: count,
  open_disputes: count,
  payment_problems: count,
  dead_letters: count,
  /** Work queues whose oldest message waited more than five minutes. */
  stuck_queues: count,
  failed_outbox: count,
  audit_today: count,
});
export type ConsoleCounts = z.infer<typeof ConsoleCounts>;

export async function consoleCounts(tx: Tx): Promise<ConsoleCounts> {
  const [row] = await tx.query("select * from public.admin_console_counts()");
  return ConsoleCounts.parse(row);
}
