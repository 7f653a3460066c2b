/**
 * Taking a decision back: a client's decline within its window, a musician's withdrawal while
 * the gig takes applications (SQL: public.undo_decline, public.undo_withdraw). The other side's
 * notice is withdrawn if unseen, else corrected. Which decisions the caller may still undo comes
 * from public.decision_undos (each reads only their own).
 *
 * @module
 */
import type { Tx } from "../../ports/db/mod.ts";
import { Application } from "./schemas.ts";

const COLUMNS = `id, gig_id, musician_id, proposal, quoted_fee_minor, currency, setlist, media_ids,
  status, created_at, updated_at, decided_at`;

export type UndoKind = "declined" | "withdrawn";

/** An undoable decision of the caller's: what it was and until when it can be taken back. */
export interface Undoable {
  kind: UndoKind;
  until: Date;
}

/** declined → what it was before (the gig's owner, within the window). */
export async function undoDecline(tx: Tx, applicationId: string): Promise<Application> {
  const [row] = await tx.query(`select ${COLUMNS} from public.undo_decline($1::uuid)`, [
    applicationId,
  ]);
  return Application.parse(row);
}

/** withdrawn → what it was before (the applicant, while the gig takes applications). */
export async function undoWithdraw(tx: Tx, applicationId: string): Promise<Application> {
  const [row] = await tx.query(`select ${COLUMNS} from public.undo_withdraw($1::uuid)`, [
    applicationId,
  ]);
  return Application.parse(row);
}

/** The caller's decisions among `applicationIds` that can still be undone, by application id. */
export async function undoableDecisions(
  tx: Tx,
  applicationIds: readonly string[],
): Promise<Map<string, Undoable>> {
  if (applicationIds.length === 0) return new Map();
  const rows = await tx.query<{ application_id: string; kind: UndoKind; undo_until: Date }>(
    `select application_id, kind, undo_until from public.decision_undos
      where application_id = any($1::uuid[]) and undo_until > now()`,
    [[...new Set(applicationIds)]],
  );
  return new Map(
    rows.map((r) => [r.application_id, { kind: r.kind, until: new Date(r.undo_until) }]),
  );
}
