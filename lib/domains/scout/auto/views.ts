/**
 * What the settings pages and the API show: the settings, the placeholders and the audit trail
 * ("What the scout did"); and drafting a template for the signed-in musician.
 *
 * @module
 */
import type { Claims, Db, Tx } from "../../../ports/db/mod.ts";
import type { AiPort } from "../../../ports/ai/port.ts";
import type { Logger } from "../../../platform/log.ts";
import { HttpError } from "../../../web/errors.ts";
import type { AutoApplyView, AutoShortlistView } from "./schemas.ts";
import {
  getAutoApply,
  getAutoShortlist,
  listAudit,
  ownMusicianFacts,
  spendDraftQuota,
} from "./settings.ts";
import { draftTemplate, PLACEHOLDERS } from "./template.ts";

export async function autoApplyView(tx: Tx): Promise<AutoApplyView> {
  return {
    settings: await getAutoApply(tx),
    placeholders: PLACEHOLDERS.map((p) => ({ key: p.key, means: p.means })),
    audit: await listAudit(tx, { scope: "auto_apply", limit: 50 }),
  };
}

export async function autoShortlistView(tx: Tx): Promise<AutoShortlistView> {
  return {
    settings: await getAutoShortlist(tx),
    audit: await listAudit(tx, { scope: "auto_shortlist", limit: 50 }),
  };
}

/**
 * A template drafted from the caller's musician profile: one "proposal" from the daily AI
 * allowance (429 when spent), 404 without a profile. Nothing is saved.
 */
export async function draftForCaller(
  deps: { db: Db; ai: AiPort; dailyLimit: number; log?: Logger },
  claims: Claims,
): Promise<{ template: string; source: "live" | "offline" }> {
  const musician = await deps.db.asUser(claims, async (tx) => {
    const m = await ownMusicianFacts(tx);
    if (!m) {
      throw new HttpError(404, "Create your musician profile first", { field: "musician_profile" });
    }
    await spendDraftQuota(tx, deps.dailyLimit);
    return m;
  });
  // Outside the transaction: a live model may take seconds.
  return await draftTemplate(deps.ai, musician, { log: deps.log });
}
