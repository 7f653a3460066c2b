/** A gig: details for everyone; apply for musicians; applicants, matches and actions for its owner. */
import { z } from "zod";
import { define, type State } from "../../../utils.ts";
import { type FreshContext, page } from "../../../lib/fresh_runtime/mod.ts";
import {
  type ApplicantTrust,
  applicantTrust,
  ApplicationInput,
  apply,
  decideApplication,
  publishGig,
  type Undoable,
  undoableDecisions,
} from "../../../lib/domains/gigs/mod.ts";
import { type GigView, loadGigView } from "../../../lib/domains/gigs/view.ts";
import { dbFailure } from "../../../lib/ports/db/errors.ts";
import { fieldErrors } from "../../../lib/web/forms.ts";
import { toMinor } from "../../../lib/browser/time.ts";
import { flashCookie, seeOther } from "../../../lib/web/respond.ts";
import { ApplyPanel, GigDetails, OwnerPanel } from "../../../components/GigPanels.tsx";
import { signedIn } from "../../../lib/web/guards.ts";
import { readForm } from "../../../lib/web/body.ts";
import { notFound, parseId } from "../../../lib/web/params.ts";
import { type GigMedia, loadGigMedia } from "../../../lib/domains/media/mod.ts";
import { savedAmong } from "../../../lib/domains/favourites/mod.ts";
import { SaveButton } from "../../../components/SaveButton.tsx";
import { socialHead } from "../../../lib/web/head.ts";
import { formatDay, formatRange, formatTime } from "../../../lib/shared/format.ts";
import { capitalise, kindLabel, placeName } from "../../../lib/domains/gigs/facts.ts";
import { ownHidden } from "../../../lib/domains/moderation/mod.ts";
import { HiddenNotice, ReportLink } from "../../../components/ReportLink.tsx";

interface Data {
  view: GigView;
  media: GigMedia;
  /** Whether the signed-in viewer saved this gig. */
  saved?: boolean;
  /** For the owner: applicants' photos, trust facts and undoable declines. */
  extras?: ApplicantTrust;
  /** For an applicant: their withdrawal, while it can be taken back. */
  ownUndo?: Undoable;
  errors?: Record<string, string>;
  values?: Record<string, string>;
  /** For the owner: why moderators hid the gig. */
  hidden?: string;
}

/** The intents that act on one application (its id in the form's `application_id`). */
const ON_APPLICATION = { shortlist: true, decline: true, accept: true, withdraw: true };
/** Irreversible: done only from their confirmation page (/gigs/<id>/confirm). */
const CONFIRMED = new Set(["accept", "decline", "withdraw", "cancel", "close"]);

const Intent = z.enum([
  "publish",
  "close",
  "cancel",
  "apply",
  "shortlist",
  "decline",
  "accept",
  "withdraw",
]);

async function load(ctx: FreshContext<State>, extra: Partial<Data> = {}, status = 200) {
  const id = parseId(ctx.params.id, "Gig");
  const claims = ctx.state.user?.claims ?? { role: "anon" as const };
  const viewer = ctx.state.user?.id ?? null;
  const loaded = await ctx.state.platform.db.asUser(claims, async (tx) => {
    const view = await loadGigView(tx, id, viewer);
    if (!view) return null;
    const saved = viewer ? (await savedAmong(tx, "gig", [view.gig.id])).has(view.gig.id) : false;
    const extras = view.isOwner
      ? await applicantTrust(tx, ctx.state.platform.storage, view.applications)
      : undefined;
    const own = view.ownApplication;
    const ownUndo = own ? (await undoableDecisions(tx, [own.id])).get(own.id) : undefined;
    const media = await loadGigMedia(ctx.state.platform, tx, view, viewer);
    const hidden = view.isOwner ? (await ownHidden(tx, "gig", [id])).get(id) : undefined;
    return { view, saved, media, extras, ownUndo, hidden };
  });
  if (!loaded) throw notFound("Gig");
  ctx.state.head = gigHead(ctx.state, loaded.view);
  return page({ ...loaded, ...extra }, { status });
}

/** The gig's title, description and share card: what, when (its own zone), where, budget. */
function gigHead(state: State, view: GigView) {
  const g = view.gig;
  const when = `${formatDay(g.starts_at, g.timezone)}, ${formatTime(g.starts_at, g.timezone)}`;
  const where = g.remote ? "remote" : placeName(g.city, g.country);
  const budget = formatRange(g.budget_min_minor, g.budget_max_minor, g.currency);
  const facts = [kindLabel(g.kind), when, where, budget && `budget ${budget}`].filter(Boolean);
  return socialHead({
    title: g.title,
    description: `${capitalise(facts.join(" · "))}. Posted by ${view.clientName}. ${g.description}`,
    path: `/gigs/${g.id}`,
    siteUrl: state.siteUrl,
    type: "website",
    noindex: g.status !== "published" || g.visibility !== "public",
  });
}

export const handler = define.handlers<Data>({
  GET: (ctx) => load(ctx),
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const gigId = parseId(ctx.params.id, "Gig");
    const form = await readForm(ctx.req);
    const intent = Intent.safeParse(form.get("intent"));
    if (!intent.success) return await load(ctx, { errors: { _form: "Unknown action" } }, 400);
    // Actions on an application name it; a malformed id names none: 404, as an unknown one.
    const appId = intent.data in ON_APPLICATION
      ? parseId(String(form.get("application_id") ?? ""), "Application", "application_id")
      : "";
    if (CONFIRMED.has(intent.data)) {
      // Never in one click: the confirmation page says what happens, and only it acts.
      const q = new URLSearchParams({ intent: intent.data, back: "gig" });
      if (appId) q.set("application_id", appId);
      return seeOther(`/gigs/${gigId}/confirm?${q}`);
    }
    const values = {
      proposal: String(form.get("proposal") ?? ""),
      fee: String(form.get("fee") ?? ""),
      media_ids: form.getAll("media_ids").map(String).join(","),
    };
    const { db } = ctx.state.platform;
    const secure = ctx.state.secure;
    const done = (text: string, to = `/gigs/${gigId}`) =>
      seeOther(to, [flashCookie({ kind: "success", text }, secure)]);
    try {
      switch (intent.data) {
        case "publish":
          await db.asUser(user.claims, (tx) => publishGig(tx, gigId));
          ctx.state.platform.worker.wake();
          return done("Your gig is published. Matching musicians are being told.");
        case "apply": {
          const parsed = ApplicationInput.safeParse({
            proposal: values.proposal,
            quoted_fee_minor: toMinor(values.fee) ?? "",
            media_ids: form.getAll("media_ids").map(String),
          });
          if (!parsed.success) {
            const errors = fieldErrors(parsed.error.issues);
            return await load(ctx, {
              errors: { ...errors, fee: errors.quoted_fee_minor ?? "" },
              values,
            }, 422);
          }
          await db.asUser(user.claims, (tx) => apply(tx, gigId, parsed.data));
          return done("Application sent. You will hear back here and by notification.");
        }
        case "shortlist": {
          const d = await db.asUser(user.claims, (tx) => decideApplication(tx, "shortlist", appId));
          return done(d.text, d.to);
        }
        default:
          throw new Error(`unreachable: ${intent.data}`);
      }
    } catch (err) {
      const f = dbFailure(err);
      if (!f) throw err;
      const field = f.field === "quoted_fee_minor" ? "fee" : f.field ?? "_form";
      return await load(
        ctx,
        { errors: { _form: f.message, [field]: f.message }, values },
        f.status,
      );
    }
  },
});

export default define.page<typeof handler>(function GigPage({ data, state, url }) {
  const { view } = data;
  return (
    <div class="grid gap-6 lg:grid-cols-3">
      <div class="lg:col-span-2">
        {!view.isOwner && view.gig.status !== "draft" && (
          <div class="mb-3">
            <SaveButton
              kind="gig"
              id={view.gig.id}
              label={view.gig.title}
              saved={Boolean(data.saved)}
              back={url.pathname}
              csrf={state.user ? state.csrf : null}
            />
          </div>
        )}
        {data.hidden && <HiddenNotice reason={data.hidden} />}
        <GigDetails view={view} />
        {!view.isOwner && (
          <p class="mt-2 text-right">
            <ReportLink type="gig" id={view.gig.id} back={url.pathname} label="Report this gig" />
          </p>
        )}
      </div>
      <aside class="space-y-6">
        {data.errors?._form && (
          <div
            role="alert"
            class="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800"
          >
            {data.errors._form}
          </div>
        )}
        {view.isOwner
          ? <OwnerPanel view={view} csrf={state.csrf} media={data.media} extras={data.extras} />
          : (
            <ApplyPanel
              view={view}
              csrf={state.csrf}
              signedIn={Boolean(state.user)}
              errors={data.errors}
              values={data.values}
              media={data.media}
              ownUndo={data.ownUndo}
            />
          )}
      </aside>
    </div>
  );
});
