/**
 * What the gig page shows its viewer, read in one transaction as that viewer: the gig; for its
 * owner the applicants ranked by match and suggested musicians; for a musician their application.
 */
import type { Tx } from "../../ports/db/mod.ts";
import { getGig } from "./gigs.ts";
import { listApplicationsForGig, listOwnApplications } from "./applications.ts";
import type { ApplicationForGig, Gig, OwnApplication } from "./schemas.ts";
import { fitsForApplicants, type Match, musiciansForGig } from "../matching/queries.ts";

export interface RankedApplication extends ApplicationForGig {
  match: { score: number; fit: number; strong: boolean; feasible: boolean; reason: string } | null;
}

export interface SuggestedMusician extends Match {
  stage_name: string;
  city: string | null;
}

export interface GigView {
  gig: Gig;
  clientName: string;
  isOwner: boolean;
  applications: RankedApplication[];
  suggestions: SuggestedMusician[];
  ownApplication: OwnApplication | null;
  canApply: boolean;
  hasMusicianProfile: boolean;
}

const ACTIVE = new Set(["submitted", "shortlisted", "accepted"]);

export async function loadGigView(
  tx: Tx,
  gigId: string,
  viewerId: string | null,
): Promise<GigView | null> {
  const gig = await getGig(tx, gigId);
  if (!gig) return null;
  const [client] = await tx.query<{ name: string }>(
    `select coalesce(c.organisation, p.display_name) as name from public.profiles p
       left join public.client_profiles c on c.id = p.id where p.id = $1::uuid`,
    [gig.client_id],
  );
  const view: GigView = {
    gig,
    clientName: client?.name ?? "A client",
    isOwner: viewerId === gig.client_id,
    applications: [],
    suggestions: [],
    ownApplication: null,
    canApply: false,
    hasMusicianProfile: false,
  };
  if (!viewerId) return view;
  if (view.isOwner) {
    const apps = await listApplicationsForGig(tx, gigId);
    const matches = gig.status === "draft"
      ? []
      : await musiciansForGig(tx, gigId, 50).catch(() => []);
    const byId = gig.status === "draft" ? new Map() : await fitsForApplicants(
      tx,
      gigId,
      apps.map((a) => a.musician_id),
    ).catch(() => new Map<string, Match>());
    view.applications = apps
      .map((a) => {
        const m = byId.get(a.musician_id);
        return {
          ...a,
          match: m
            ? {
              score: m.score,
              fit: m.fit,
              strong: m.strong,
              feasible: m.feasible !== false,
              reason: m.reason,
            }
            : null,
        };
      })
      .sort((a, b) => (b.match?.score ?? -1) - (a.match?.score ?? -1));
    const applied = new Set(apps.map((a) => a.musician_id));
    const top = matches.filter((m) => !applied.has(m.id)).slice(0, 8);
    if (top.length) {
      const names = await tx.query<{ id: string; stage_name: string; city: string | null }>(
        "select id, stage_name, city from public.musician_profiles where id = any($1::uuid[])",
        [top.map((m) => m.id)],
      );
      const byName = new Map(names.map((n) => [n.id, n]));
      view.suggestions = top.flatMap((m) => {
        const n = byName.get(m.id);
        return n ? [{ ...m, stage_name: n.stage_name, city: n.city }] : [];
      });
    }
    return view;
  }
  const mine = await listOwnApplications(tx, { gigId });
  view.ownApplication = mine.find((a) => ACTIVE.has(a.status)) ?? mine[0] ?? null;
  const [mp] = await tx.query("select 1 from public.musician_profiles where id = $1::uuid", [
    viewerId,
  ]);
  view.hasMusicianProfile = Boolean(mp);
  view.canApply = gig.status === "published" &&
    !view.ownApplication?.status.match(/submitted|shortlisted|accepted/) &&
    (!gig.apply_by || new Date(gig.apply_by) > new Date());
  return view;
}
