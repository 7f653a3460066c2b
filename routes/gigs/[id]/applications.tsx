/**
 * /gigs/<id>/applications: the gig owner's applicant list (best match first, with photos and
 * trust facts) with shortlist, and decline and accept & book through their confirmation page;
 * where the client's "New application" and "Application withdrawn" notifications lead. Anyone else gets the same 404 as for an unknown gig; signed out, sign in.
 */
import { z } from "zod";
import { define, type State } from "../../../utils.ts";
import { type FreshContext, page } from "../../../lib/fresh_runtime/mod.ts";
import {
  type ApplicantTrust,
  applicantTrust,
  decideApplication,
} from "../../../lib/domains/gigs/mod.ts";
import { type GigView, loadGigView } from "../../../lib/domains/gigs/view.ts";
import { statusLabel } from "../../../lib/shared/format.ts";
import { eventTimeText } from "../../../lib/shared/zones.ts";
import { dbFailure } from "../../../lib/ports/db/errors.ts";
import { signedIn } from "../../../lib/web/guards.ts";
import { readForm } from "../../../lib/web/body.ts";
import { notFound, parseId } from "../../../lib/web/params.ts";
import { flashCookie, seeOther } from "../../../lib/web/respond.ts";
import { type GigMedia, loadGigMedia } from "../../../lib/domains/media/mod.ts";
import { ApplicantList } from "../../../components/GigPanels.tsx";
import { PageTitle } from "../../../components/Page.tsx";

interface Data {
  view: GigView;
  /** The applicants' photos and audio (portfolio and attached to the application). */
  media: GigMedia;
  /** Photos, trust facts and undoable declines of the applicants. */
  extras: ApplicantTrust;
  error?: string;
}

const Intent = z.enum(["shortlist", "decline", "accept"]);

async function load(ctx: FreshContext<State>, error?: string, status = 200) {
  const user = signedIn(ctx.state);
  const id = parseId(ctx.params.id, "Gig");
  const loaded = await ctx.state.platform.db.asUser(user.claims, async (tx) => {
    const view = await loadGigView(tx, id, user.id);
    if (!view?.isOwner) return null;
    const extras = await applicantTrust(tx, ctx.state.platform.storage, view.applications);
    return { view, extras, media: await loadGigMedia(ctx.state.platform, tx, view, user.id) };
  });
  // Not "forbidden": a stranger must not learn that the gig exists or has applicants.
  if (!loaded) throw notFound("Gig");
  ctx.state.head = { title: `Applicants · ${loaded.view.gig.title}` };
  return page({ ...loaded, error }, { status });
}

export const handler = define.handlers<Data>({
  GET: (ctx) => load(ctx),
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const gigId = parseId(ctx.params.id, "Gig");
    const form = await readForm(ctx.req);
    const intent = Intent.safeParse(form.get("intent"));
    if (!intent.success) return await load(ctx, "Unknown action", 400);
    const appId = parseId(
      String(form.get("application_id") ?? ""),
      "Application",
      "application_id",
    );
    if (intent.data !== "shortlist") {
      // Accept and decline happen only from their confirmation page, which says what follows.
      const q = new URLSearchParams({
        intent: intent.data,
        application_id: appId,
        back: "applicants",
      });
      return seeOther(`/gigs/${gigId}/confirm?${q}`);
    }
    const { db } = ctx.state.platform;
    const back = `/gigs/${gigId}/applications`;
    const done = (text: string, to = back) =>
      seeOther(to, [flashCookie({ kind: "success", text }, ctx.state.secure)]);
    try {
      const d = await db.asUser(user.claims, (tx) => decideApplication(tx, "shortlist", appId));
      return done(d.text, d.to);
    } catch (err) {
      const f = dbFailure(err);
      if (!f) throw err;
      return await load(ctx, f.message, f.status);
    }
  },
});

export default define.page<typeof handler>(function ApplicationsPage({ data, state }) {
  const { gig } = data.view;
  const by = (s: string) => data.view.applications.filter((a) => a.status === s).length;
  return (
    <>
      <nav aria-label="Breadcrumb" class="mb-2 text-sm">
        <a class="text-indigo-700 underline" href="/my/gigs">My gigs</a>
        <span aria-hidden="true" class="mx-1">/</span>
        <a class="text-indigo-700 underline" href={`/gigs/${gig.id}`}>{gig.title}</a>
      </nav>
      <PageTitle
        sub={`${eventTimeText(gig.starts_at, gig.timezone, state.viewerZone)} · ${
          by("submitted")
        } new, ${by("shortlisted")} shortlisted, ${by("accepted")} booked`}
      >
        Applicants: {gig.title}
      </PageTitle>
      {gig.status !== "published" && (
        <p class="mb-4 rounded-md bg-gray-100 p-3 text-gray-800" data-testid="gig-status">
          {gig.status === "draft"
            ? "This gig is a draft: publish it to receive applications."
            : `This gig is ${
              statusLabel("gig", gig.status).toLowerCase()
            }: applications can no longer be shortlisted or accepted.`}
        </p>
      )}
      {data.error && (
        <p role="alert" class="mb-4 rounded-md border border-red-300 bg-red-50 p-3 text-red-800">
          {data.error}
        </p>
      )}
      <ApplicantList
        view={data.view}
        csrf={state.csrf}
        media={data.media}
        extras={data.extras}
        back="applicants"
      />
    </>
  );
});
