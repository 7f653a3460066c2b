/**
 * What auto-apply and auto-shortlist store and accept, as zod schemas (the API, the forms and
 * the rows), and the audit trail's entries. The database checks the same limits
 * (supabase/migrations/20261214000400_auto_apply.sql).
 *
 * @module
 */
import { z } from "zod";
import { Timestamp } from "../../gigs/rows.ts";
import { Uuid } from "../../../shared/schemas.ts";

export const MAX_DAILY_CAP = 20;
export const TEMPLATE_MAX = 5000;

const tags = z.array(z.string().trim().min(1).max(40, "Keep each to 40 characters"))
  .max(20, "At most 20");
const km = z.number({ error: "Enter whole kilometres, e.g. 40" }).int("Whole kilometres").min(
  1,
  "At least 1 km",
).max(20000, "At most 20,000 km").nullable();
const cap = z.number({ error: "Enter a number from 1 to 20" }).int("A whole number").min(
  1,
  "At least 1 a day",
).max(MAX_DAILY_CAP, "At most 20 a day");

/** ISO weekdays: 1 Monday … 7 Sunday. */
export const WEEKDAYS = [
  { n: 1, label: "Monday" },
  { n: 2, label: "Tuesday" },
  { n: 3, label: "Wednesday" },
  { n: 4, label: "Thursday" },
  { n: 5, label: "Friday" },
  { n: 6, label: "Saturday" },
  { n: 7, label: "Sunday" },
] as const;

export const AutoApplyInput = z.object({
  template: z.string().trim().max(TEMPLATE_MAX, "Keep the template under 5000 characters"),
  min_fee_minor: z.number({ error: "Enter an amount, e.g. 300 or 300.50" }).int().min(
    0,
    "Zero or more",
  )
    .max(100_000_000, "That is more than any gig pays").nullable().default(null),
  max_distance_km: km.default(null),
  genres: tags.default([]),
  weekdays: z.array(z.number().int().min(1).max(7)).min(1, "Pick at least one day").max(7)
    .default([1, 2, 3, 4, 5, 6, 7]),
  daily_cap: cap.default(5),
});
export type AutoApplyInput = z.output<typeof AutoApplyInput>;

export const AutoApplySettings = z.object({
  musician_id: Uuid(),
  enabled: z.boolean(),
  template: z.string(),
  template_approved_at: Timestamp.nullable(),
  min_fee_minor: z.number().int().nullable(),
  currency: z.string(),
  max_distance_km: z.number().int().nullable(),
  genres: z.array(z.string()),
  weekdays: z.array(z.number().int()),
  daily_cap: z.number().int(),
  updated_at: Timestamp,
});
export type AutoApplySettings = z.output<typeof AutoApplySettings>;

export const ApproveInput = z.object({
  template: z.string().max(TEMPLATE_MAX),
});

export const EnableInput = z.object({ enabled: z.boolean() });

export const AutoShortlistInput = z.object({
  enabled: z.boolean().default(false),
  within_budget: z.boolean().default(true),
  max_distance_km: km.default(null),
  genres: tags.default([]),
  instruments: tags.default([]),
  min_rating: z.number({ error: "Enter a rating from 1 to 5, e.g. 4.5" }).min(1, "From 1")
    .max(5, "To 5").nullable().default(null),
  daily_cap: cap.default(5),
});
export type AutoShortlistInput = z.output<typeof AutoShortlistInput>;

export const AutoShortlistSettings = z.object({
  client_id: Uuid(),
  enabled: z.boolean(),
  within_budget: z.boolean(),
  max_distance_km: z.number().int().nullable(),
  genres: z.array(z.string()),
  instruments: z.array(z.string()),
  min_rating: z.coerce.number().nullable(),
  daily_cap: z.number().int(),
  updated_at: Timestamp,
});
export type AutoShortlistSettings = z.output<typeof AutoShortlistSettings>;

export const AUDIT_ACTIONS = [
  "applied",
  "skipped",
  "shortlisted",
  "withdrawn",
  "settings_changed",
  "template_approved",
  "enabled",
  "disabled",
] as const;

export const AuditEntry = z.object({
  id: z.coerce.number().int(),
  action: z.enum(AUDIT_ACTIONS),
  gig_id: Uuid().nullable(),
  application_id: Uuid().nullable(),
  details: z.record(z.string(), z.unknown()),
  at: Timestamp,
});
export type AuditEntry = z.output<typeof AuditEntry>;

export const AuditQuery = z.object({
  scope: z.enum(["auto_apply", "auto_shortlist"]).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const PlaceholderInfo = z.object({ key: z.string(), means: z.string() });

export const AutoApplyView = z.object({
  settings: AutoApplySettings.nullable(),
  placeholders: z.array(PlaceholderInfo),
  audit: z.array(AuditEntry),
});
export type AutoApplyView = z.output<typeof AutoApplyView>;

export const AutoShortlistView = z.object({
  settings: AutoShortlistSettings.nullable(),
  audit: z.array(AuditEntry),
});
export type AutoShortlistView = z.output<typeof AutoShortlistView>;

export const DraftBody = z.object({
  template: z.string(),
  source: z.enum(["live", "offline"]),
});
