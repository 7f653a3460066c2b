/**
 * /gigs/<id>/edit: the owner edits a draft (save, or save and publish). A published gig keeps its
 * terms, so only drafts come here; anyone else's gig is a 404.
 */
import { define, type State } from "../../../../../utils.ts";
import { type FreshContext, page } from "../../../../../lib/fresh_runtime/mod.ts";
import {
  getGig,
  type Gig,
  GigInput,
  publishGig,
  updateGig,
} from "../../../../../lib/domains/gigs/mod.ts";
import { dbFailure } from "../../../../../lib/ports/db/errors.ts";
import { fieldErrors } from "../../../../../lib/web/forms.ts";
import { toMinor, utcToLocalInput, zonedToUtc } from "../../../../../lib/browser/time.ts";
import { flashCookie, seeOther } from "../../../../../lib/web/respond.ts";
import { signedIn } from "../../../../../lib/web/guards.ts";
import { readForm } from "../../../../../lib/web/body.ts";
import { notFound, parseId } from "../../../../../lib/web/params.ts";
import { GigForm, gigFormToInput } from "../../../../../components/GigForm.tsx";
import { PageTitle } from "../../../../../components/Page.tsx";

interface Data {
  gig: Gig;
  values: Record<string, string>;
  errors?: Record<string, string>;
}

const units = (minor: number | null) => (minor == null ? "" : String(minor / 100));

/** The gig as the form shows it: times in the gig's zone, money in whole units. */
function valuesOf(g: Gig): Record<string, string> {
  return {
    title: g.title,
    description: g.description,
    kind: g.kind,
    visibility: g.visibility,
    genres: g.genres.join(", "),
    instruments: g.instruments.join(", "),
    starts_at: utcToLocalInput(g.starts_at, g.timezone),
    timezone: g.timezone,
    duration_minutes: String(g.duration_minutes),
    apply_by: g.apply_by ? utcToLocalInput(g.apply_by, g.timezone) : "",
    venue_name: g.venue_name ?? "",
    city: g.city ?? "",
    country: g.country ?? "",
    remote: g.remote ? "on" : "",
    budget_min: units(g.budget_min_minor),
    budget_max: units(g.budget_max_minor),
    currency: g.currency,
  };
}

/** The caller's own draft, or a 404 (someone else's gig, unknown) or back to a published one. */
async function ownDraft(ctx: FreshContext<State>): Promise<Gig | Response> {
  const user = signedIn(ctx.state);
  const id = parseId(ctx.params.id, "Gig");
  const gig = await ctx.state.platform.db.asUser(user.claims, (tx) => getGig(tx, id));
  if (!gig || gig.client_id !== user.id) throw notFound("Gig");
  if (gig.status !== "draft") {
    return seeOther(`/gigs/${gig.id}`, [flashCookie({
      kind: "info",
      text: "Only drafts can be edited: a published gig keeps the terms musicians applied to.",
    }, ctx.state.secure)]);
  }
  return gig;
}

/** Money fields are typed in whole units on the form, under other names. */
function withFormNames(errors: Record<string, string>): Record<string, string> {
  return {
    ...errors,
    budget_min: errors.budget_min_minor ?? "",
    budget_max: errors.budget_max_minor ?? "",
  };
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const gig = await ownDraft(ctx);
    if (gig instanceof Response) return gig;
    return page({ gig, values: valuesOf(gig) });
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const gig = await ownDraft(ctx);
    if (gig instanceof Response) return gig;
    const form = await readForm(ctx.req);
    const { raw, values } = gigFormToInput(form, { zonedToUtc, toMinor });
    const parsed = GigInput.safeParse(raw);
    if (!parsed.success) {
      const errors = withFormNames(fieldErrors(parsed.error.issues));
      return page({ gig, values, errors }, { status: 422 });
    }
    const publish = form.get("intent") === "publish";
    try {
      // Saved and published in one transaction: a refused publish keeps the draft as it was.
      await ctx.state.platform.db.asUser(user.claims, async (tx) => {
        await updateGig(tx, gig.id, parsed.data);
        if (publish) await publishGig(tx, gig.id);
      });
    } catch (err) {
      const f = dbFailure(err);
      if (!f) throw err;
      const errors = withFormNames({ [f.field ?? "_form"]: f.message, _form: f.message });
      return page({ gig, values, errors }, { status: f.status });
    }
    if (publish) ctx.state.platform.worker.wake();
    const text = publish
      ? "Your gig is published. Matching musicians are being told."
      : "Draft saved. Publish it when ready.";
    return seeOther(`/gigs/${gig.id}`, [flashCookie({ kind: "success", text }, ctx.state.secure)]);
  },
});

export default define.page<typeof handler>(function EditGig({ data, state }) {
  return (
    <>
      <nav aria-label="Breadcrumb" class="mb-2 text-sm">
        <a class="text-indigo-700 underline" href="/my/gigs">My gigs</a>
      </nav>
      <PageTitle sub="A draft is yours alone until you publish it.">
        Edit draft: {data.gig.title}
      </PageTitle>
      <GigForm
        action={`/gigs/${data.gig.id}/edit`}
        csrf={state.csrf}
        values={data.values}
        errors={data.errors}
        submitLabel="Save draft"
        publishLabel="Save and publish"
      />
    </>
  );
});
