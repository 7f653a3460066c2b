/**
 * The onboarding checklist on the signed-in home: what a new musician or client still has to do,
 * each step linking to the page that does it and ticking itself from the data (a photo uploaded,
 * a fee set, a gig published), never from a box the user ticked. Read in one statement.
 *
 * @module
 */
import { z } from "zod";
import type { Tx } from "../../ports/db/mod.ts";

/** What the checklist knows about the caller: one row, booleans only. */
export const OnboardingFacts = z.object({
  display_name: z.string(),
  is_musician: z.boolean(),
  is_client: z.boolean(),
  dismissed: z.boolean(),
  photo: z.boolean(),
  musician_profile: z.boolean(),
  tags: z.boolean(),
  musician_city: z.boolean(),
  fee: z.boolean(),
  bio: z.boolean(),
  media: z.boolean(),
  payouts: z.boolean(),
  client_profile: z.boolean(),
  client_city: z.boolean(),
  gig_posted: z.boolean(),
});
export type OnboardingFacts = z.infer<typeof OnboardingFacts>;

const FACTS_SQL = `
  select p.display_name, p.is_musician, p.is_client,
         h.onboarding_dismissed_at is not null as dismissed,
         p.avatar_path is not null as photo,
         m.id is not null as musician_profile,
         coalesce(cardinality(m.instruments) > 0 and cardinality(m.genres) > 0, false) as tags,
         coalesce(m.city is not null, false) as musician_city,
         coalesce(m.fee_min_minor is not null or m.fee_max_minor is not null, false) as fee,
         coalesce(btrim(m.bio) <> '', false) as bio,
         exists (select 1 from public.media x where x.owner_id = p.id) as media,
         exists (select 1 from public.payout_accounts a
                  where a.musician_id = p.id and a.status = 'enabled') as payouts,
         c.id is not null as client_profile,
         coalesce(c.city is not null, false) as client_city,
         exists (select 1 from public.gigs g
                  where g.client_id = p.id and g.status <> 'draft') as gig_posted
    from public.profiles p
    left join public.musician_profiles m on m.id = p.id
    left join public.client_profiles c on c.id = p.id
    left join public.home_preferences h on h.user_id = p.id
   where p.id = (select auth.uid())`;

/** The caller's checklist facts (call inside `asUser`); null when they have no profile. */
export async function onboardingFacts(tx: Tx): Promise<OnboardingFacts | null> {
  const [row] = await tx.query(FACTS_SQL);
  return row ? OnboardingFacts.parse(row) : null;
}

export interface OnboardingStep {
  key: string;
  /** Whose step: a user who is both sees both lists. */
  role: "musician" | "client";
  label: string;
  /** Why it matters, in a few words. */
  hint: string;
  href: string;
  done: boolean;
}

export interface ChecklistOptions {
  /**
   * Live payout providers on this server (Stripe, Razorpay). None: payouts go through the built-in
   * provider and there is nothing to set up, so the step is left out.
   */
  payoutProviders: readonly string[];
}

/** The steps for the caller's roles, in the order worth doing them. */
export function checklist(f: OnboardingFacts, opts: ChecklistOptions): OnboardingStep[] {
  const steps: OnboardingStep[] = [];
  const musician = (key: string, label: string, hint: string, href: string, done: boolean) =>
    steps.push({ key, role: "musician", label, hint, href, done });
  const client = (key: string, label: string, hint: string, href: string, done: boolean) =>
    steps.push({ key, role: "client", label, hint, href, done });
  if (f.is_musician) {
    musician("photo", "Add a photo", "Hirers pick faces they can see.", "/profile", f.photo);
    musician(
      "tags",
      "Say what you play",
      "Instruments and genres decide which gigs you are matched with.",
      "/profile/musician",
      f.tags,
    );
    musician(
      "city",
      "Set your city",
      "Gigs within your travel radius come first.",
      "/profile/musician",
      f.musician_city,
    );
    musician(
      "fee",
      "Set your fee",
      "Clients see whether you fit their budget.",
      "/profile/musician",
      f.fee,
    );
    musician(
      "bio",
      "Write your bio",
      "A few lines about you; AI can draft them from your profile.",
      "/profile/musician#bio",
      f.bio,
    );
    musician(
      "media",
      "Add a first recording or video",
      "Hirers listen before they book.",
      "/profile/media",
      f.media,
    );
    if (opts.payoutProviders.length > 0) {
      musician(
        "payouts",
        "Set up payouts",
        "So released fees reach your account.",
        "/earnings",
        f.payouts,
      );
    }
  }
  if (f.is_client) {
    client(
      "details",
      "Describe your venue or organisation",
      "Musicians apply to people they can picture.",
      "/profile/client",
      f.client_profile,
    );
    client(
      "city",
      "Say where you are",
      "Local musicians are suggested first.",
      "/profile/client",
      f.client_city,
    );
    client(
      "gig",
      "Post your first gig",
      "Matching musicians hear about it at once.",
      "/gigs/new",
      f.gig_posted,
    );
  }
  return steps;
}

/** The checklist shows until every step is done or the user dismissed it. */
export function showChecklist(f: OnboardingFacts, steps: OnboardingStep[]): boolean {
  return !f.dismissed && steps.some((s) => !s.done);
}

/** Hides (`true`) or brings back (`false`) the caller's checklist. */
export async function setOnboardingDismissed(tx: Tx, dismissed: boolean): Promise<void> {
  await tx.query(
    `insert into public.home_preferences (onboarding_dismissed_at)
     values (case when $1::boolean then now() end)
     on conflict (user_id) do update set onboarding_dismissed_at = excluded.onboarding_dismissed_at`,
    [dismissed],
  );
}
