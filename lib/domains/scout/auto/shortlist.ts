/**
 * Auto-shortlist's job (`scouting` kind `auto_shortlist`, queued when an application arrives for
 * a client who opted in). The rules, the cap and the shortlisting itself are one SQL function,
 * `private.auto_shortlist`, run in the worker's transaction: nothing slow happens outside it.
 *
 * @module
 */
import { z } from "zod";
import type { Tx } from "../../../ports/db/mod.ts";
import type { JobMessage } from "../../../ports/queue/mod.ts";
import type { Commit } from "../../../ports/queue/worker.ts";
import { Uuid } from "../../../shared/schemas.ts";

const Message = z.object({ application_id: Uuid() });

/** Shortlists (or audits why not); 'shortlisted', 'skipped' or 'ignored'. */
export async function autoShortlist(tx: Tx, applicationId: string): Promise<string> {
  const [r] = await tx.query<{ outcome: string }>(
    "select private.auto_shortlist($1::uuid) as outcome",
    [applicationId],
  );
  return r.outcome;
}

/** The `auto_shortlist` kind for the scouting queue. */
export function autoShortlistJob(message: JobMessage): Promise<Commit | null> {
  const { application_id } = Message.parse(message);
  return Promise.resolve(async (tx: Tx) => {
    await autoShortlist(tx, application_id);
  });
}
