/**
 * Auto-apply and auto-shortlist settings and the audit trail, read through RLS and changed only
 * through the migration's functions (each change is audited there). Call inside
 * `db.asUser(claims, …)`.
 *
 * @module
 */
import type { Tx } from "../../../ports/db/mod.ts";
import type { MusicianFacts } from "../../gigs/facts.ts";
import {
  AuditEntry,
  type AutoApplyInput,
  AutoApplySettings,
  type AutoShortlistInput,
  AutoShortlistSettings,
} from "./schemas.ts";

const APPLY_COLUMNS = `musician_id, enabled, template, template_approved_at, min_fee_minor,
  currency, max_distance_km, genres, weekdays::int[] as weekdays, daily_cap, updated_at`;
const SHORTLIST_COLUMNS = `client_id, enabled, within_budget, max_distance_km, genres,
  instruments, min_rating::float8 as min_rating, daily_cap, updated_at`;

/** The caller's auto-apply settings, or null before the first save. */
export async function getAutoApply(tx: Tx): Promise<AutoApplySettings | null> {
  const [row] = await tx.query(
    `select ${APPLY_COLUMNS} from public.auto_apply_settings where musician_id = (select auth.uid())`,
  );
  return row ? AutoApplySettings.parse(row) : null;
}

/** Saves the rules and the template; a changed template is unapproved (and auto-apply off). */
export async function saveAutoApply(tx: Tx, input: AutoApplyInput): Promise<AutoApplySettings> {
  const [row] = await tx.query(
    `select ${APPLY_COLUMNS} from public.save_auto_apply_settings($1::jsonb)`,
    [JSON.stringify(input)],
  );
  return AutoApplySettings.parse(row);
}

/** Approves the saved template, which must still read `template` (409 otherwise). */
export async function approveTemplate(tx: Tx, template: string): Promise<AutoApplySettings> {
  const [row] = await tx.query(
    `select ${APPLY_COLUMNS} from public.approve_auto_apply_template($1)`,
    [template],
  );
  return AutoApplySettings.parse(row);
}

/** Switches auto-apply on (only with an approved template: 409) or off. */
export async function setAutoApply(tx: Tx, enabled: boolean): Promise<AutoApplySettings> {
  const [row] = await tx.query(
    `select ${APPLY_COLUMNS} from public.set_auto_apply($1::boolean)`,
    [enabled],
  );
  return AutoApplySettings.parse(row);
}

/** The caller's musician facts, for drafting; null without a musician profile. */
export async function ownMusicianFacts(tx: Tx): Promise<MusicianFacts | null> {
  const [m] = await tx.query<MusicianFacts>(
    `select id, stage_name, bio, instruments, genres, skills, languages, city, country, lat, lng,
            travel_radius_km, fee_min_minor, fee_max_minor, currency
       from public.musician_profiles where id = (select auth.uid())`,
  );
  return m ?? null;
}

/**
 * Spends one "proposal" from the caller's daily AI allowance (429 when none is left), inside the
 * caller's transaction; the draft itself is written after it commits.
 */
export async function spendDraftQuota(tx: Tx, dailyLimit: number): Promise<number> {
  const [row] = await tx.query<{ remaining: number }>(
    "select public.spend_ai_quota('proposal', $1) as remaining",
    [dailyLimit],
  );
  return Number(row.remaining);
}

/** The caller's auto-shortlist settings, or null before the first save. */
export async function getAutoShortlist(tx: Tx): Promise<AutoShortlistSettings | null> {
  const [row] = await tx.query(
    `select ${SHORTLIST_COLUMNS} from public.auto_shortlist_settings
      where client_id = (select auth.uid())`,
  );
  return row ? AutoShortlistSettings.parse(row) : null;
}

export async function saveAutoShortlist(
  tx: Tx,
  input: AutoShortlistInput,
): Promise<AutoShortlistSettings> {
  const [row] = await tx.query(
    `select ${SHORTLIST_COLUMNS} from public.save_auto_shortlist_settings($1::jsonb)`,
    [JSON.stringify(input)],
  );
  return AutoShortlistSettings.parse(row);
}

/** What the scout did for the caller, newest first (one scope, or both). */
export async function listAudit(
  tx: Tx,
  opts: { scope?: "auto_apply" | "auto_shortlist"; limit?: number } = {},
): Promise<AuditEntry[]> {
  const rows = await tx.query(
    `select id, action, gig_id, application_id, details, at from public.scout_audit
      where user_id = (select auth.uid()) and ($1::text is null or details ->> 'scope' = $1)
      order by at desc, id desc limit $2::int`,
    [opts.scope ?? null, opts.limit ?? 50],
  );
  return rows.map((r) => AuditEntry.parse(r));
}

/** One line per audit entry, in words ("Applied to …", "Skipped …: cap reached"). */
export function describeAudit(e: AuditEntry): string {
  const d = e.details;
  const gig = typeof d.gig_title === "string" ? `“${d.gig_title}”` : "a gig";
  const who = typeof d.stage_name === "string" ? d.stage_name : "an applicant";
  const why = typeof d.why === "string" ? d.why : "";
  const shortlist = d.scope === "auto_shortlist";
  switch (e.action) {
    case "applied":
      return `Applied to ${gig}`;
    case "skipped":
      return shortlist ? `Did not shortlist ${who} for ${gig}: ${why}` : `Skipped ${gig}: ${why}`;
    case "shortlisted":
      return `Shortlisted ${who} for ${gig}`;
    case "withdrawn":
      return "Application withdrawn by you";
    case "settings_changed":
      return d.template_changed === true
        ? "Settings saved; the template changed and needs approving"
        : "Settings saved";
    case "template_approved":
      return "Template approved";
    case "enabled":
      return shortlist ? "Auto-shortlist switched on" : "Auto-apply switched on";
    case "disabled":
      return `${shortlist ? "Auto-shortlist" : "Auto-apply"} switched off${why ? `: ${why}` : ""}`;
  }
}
