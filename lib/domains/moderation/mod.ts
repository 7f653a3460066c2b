/**
 * Moderation: people report profiles, gigs, messages and virtual artists; admins hide the content
 * or dismiss the reports; each reporter is told (20261217000300_moderation.sql). Every call runs
 * in the caller's transaction: the SQL functions check who may do what, and RLS hides what
 * moderators hid from everyone but its owner and admins.
 *
 * @module
 */
import { z } from "zod";
import type { Tx } from "../../ports/db/mod.ts";

export const TARGET_TYPES = ["profile", "gig", "message", "artist"] as const;
export type TargetType = typeof TARGET_TYPES[number];

/** The reasons a report gives, in the order the form lists them, with their words. */
export const REASONS = [
  ["spam", "Spam", "Ads, repeated posts or links that have nothing to do with music work"],
  ["scam", "Scam or fraud", "Asking for money or payment outside Soundcheck, fake gigs"],
  ["harassment", "Harassment or hate", "Insults, threats, or attacks on who someone is"],
  ["inappropriate", "Inappropriate content", "Sexual, violent or otherwise unsuitable content"],
  ["impersonation", "Impersonation", "Pretending to be another person, band or venue"],
  ["other", "Something else", "Tell us what is wrong in the details"],
] as const;
export type ReportReason = typeof REASONS[number][0];
const REASON_CODES = REASONS.map((r) => r[0]) as [ReportReason, ...ReportReason[]];

export function reasonLabel(code: string): string {
  return REASONS.find((r) => r[0] === code)?.[1] ?? "Something else";
}

/** What a report is about, in the words of the form and the lists. */
export const TARGET_WORDS: Record<TargetType, string> = {
  profile: "profile",
  gig: "gig",
  message: "message",
  artist: "virtual artist",
};

/** The most characters of a report's details (reports_details_length). */
export const DETAILS_MAX_CHARS = 1000;
/** The most characters of a moderator's note (reports_resolution_note_length). */
export const NOTE_MAX_CHARS = 1000;

/** The report form (/report): what, which, why. */
export const ReportForm = z.object({
  type: z.enum(TARGET_TYPES, { error: "Report a profile, a gig, a message or an artist" }),
  id: z.string().trim().min(1, "This link does not name anything to report").max(100),
  reason: z.enum(REASON_CODES, { error: "Choose a reason" }),
  details: z.string().trim().max(DETAILS_MAX_CHARS, "Keep the details under 1000 characters")
    .default(""),
  back: z.string().max(2000).optional(),
}).refine((f) => f.reason !== "other" || f.details !== "", {
  path: ["details"],
  message: "Tell us what is wrong",
});
export type ReportForm = z.infer<typeof ReportForm>;

const Time = z.coerce.date();

export const Report = z.object({
  id: z.string(),
  target_type: z.enum(TARGET_TYPES),
  target_id: z.string(),
  target_label: z.string(),
  reason: z.string(),
  details: z.string(),
  status: z.enum(["open", "hidden", "dismissed"]),
  created_at: Time,
  resolved_at: Time.nullable(),
  resolution_note: z.string().nullable(),
});
export type Report = z.output<typeof Report>;

const REPORT_COLUMNS = `id, target_type, target_id, target_label, reason, details, status,
  created_at, resolved_at, resolution_note`;

/** What the form names: the label of a target the caller may report (SC400/403/404 otherwise). */
export async function reportTargetLabel(tx: Tx, type: string, id: string): Promise<string> {
  const [row] = await tx.query<{ label: string }>(
    "select public.report_target_label($1, $2) as label",
    [type, id],
  );
  return row.label;
}

/** Files the caller's report; the open one when they reported the same target before. */
export async function reportContent(
  tx: Tx,
  f: Pick<ReportForm, "type" | "id" | "reason" | "details">,
): Promise<Report> {
  const [row] = await tx.query(
    `select ${REPORT_COLUMNS} from public.report_content($1, $2, $3, $4)`,
    [f.type, f.id, f.reason, f.details],
  );
  return Report.parse(row);
}

/** The caller's own reports, newest first. */
export async function listOwnReports(tx: Tx, limit = 100): Promise<Report[]> {
  const rows = await tx.query(
    `select ${REPORT_COLUMNS} from public.reports where reporter_id = (select auth.uid())
      order by created_at desc, id limit $1::int`,
    [limit],
  );
  return rows.map((r) => Report.parse(r));
}

export const QueueReport = z.object({
  id: z.string(),
  reason: z.string(),
  details: z.string(),
  status: z.string(),
  created_at: Time,
  resolved_at: Time.nullable(),
  resolution_note: z.string().nullable(),
  reporter_name: z.string(),
  resolved_by_name: z.string().nullable(),
});

/** One reported target in the admins' queue, with its reports. */
export const QueueItem = z.object({
  target_type: z.enum(TARGET_TYPES),
  target_id: z.string(),
  label: z.string(),
  excerpt: z.string(),
  link: z.string().nullable(),
  owner_id: z.string().nullable(),
  owner_name: z.string().nullable(),
  hidden_at: Time.nullable(),
  hidden_reason: z.string().nullable(),
  report_count: z.coerce.number(),
  first_at: Time,
  last_at: Time,
  reports: z.array(QueueReport),
});
export type QueueItem = z.output<typeof QueueItem>;

export type QueueState = "open" | "resolved";

/** The admins' queue: open reports by target (most reported first) or the decided ones. */
export async function adminQueue(tx: Tx, state: QueueState): Promise<QueueItem[]> {
  const rows = await tx.query("select * from public.admin_reports($1, 100)", [state]);
  return rows.map((r) => QueueItem.parse(r));
}

/** An admin decides a report and every open one on its target; the reporters are told. */
export async function resolveReport(
  tx: Tx,
  reportId: string,
  action: "hide" | "dismiss",
  note: string,
): Promise<Report> {
  const [row] = await tx.query(
    `select ${REPORT_COLUMNS} from public.admin_resolve_report($1::uuid, $2, $3)`,
    [reportId, action, note],
  );
  return Report.parse(row);
}

/** An admin shows hidden content again. */
export async function unhide(tx: Tx, type: TargetType, id: string, note: string): Promise<void> {
  await tx.query("select public.admin_unhide($1, $2, $3)", [type, id, note]);
}

/**
 * The caller's own content among `ids` that moderators hid, with why: owners see "Hidden by
 * moderators: <reason>" on it.
 */
export async function ownHidden(
  tx: Tx,
  type: TargetType,
  ids: (string | number)[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.query<{ target_id: string; hidden_reason: string }>(
    "select target_id, hidden_reason from public.own_hidden($1, $2::text[])",
    [type, ids.map(String)],
  );
  return new Map(rows.map((r) => [r.target_id, r.hidden_reason]));
}

/** Where the report form for a target lives (`back`: the page to return to afterwards). */
export function reportHref(type: TargetType, id: string | number, back?: string): string {
  const q = new URLSearchParams({ type, id: String(id) });
  if (back) q.set("back", back);
  return `/report?${q}`;
}
