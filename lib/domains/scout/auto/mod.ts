/**
 * The scout acting for people who opted in: auto-apply (musicians), auto-shortlist (clients),
 * the audit trail and the daily digest. The SQL side is
 * supabase/migrations/20261214000400_auto_apply.sql.
 *
 * @module
 */
import type { ScoutKindHandler } from "../queue.ts";
import { autoApplyGigJob } from "./apply.ts";
import { autoShortlistJob } from "./shortlist.ts";
import { digestJob } from "./digest.ts";

export * from "./schemas.ts";
export * from "./settings.ts";
export * from "./template.ts";
export { autoApplyPlans, commitAutoApply } from "./apply.ts";
export { autoShortlist } from "./shortlist.ts";
export {
  enqueueDigests,
  type ExternalMatch,
  externalMatches,
  planDigest,
  sendDigest,
} from "./digest.ts";
export * from "./my_applications.ts";
export * from "./views.ts";

/** This module's kinds of the `scouting` queue, for `scoutingHandler({...})` in jobs.ts. */
export const autoScoutKinds: Record<string, ScoutKindHandler> = {
  auto_apply_gig: autoApplyGigJob,
  auto_shortlist: (message) => autoShortlistJob(message),
  digest: digestJob,
};
