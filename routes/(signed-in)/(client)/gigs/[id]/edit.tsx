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
import { gigFormErrors, localFields, readGigForm } from "../../../../../lib/web/gig_form.ts";
import { placeOf } from "../../../../../lib/domains/places/mod.ts";
import { zoneNote } from "../../../../../lib/browser/time.ts";
import { flashCookie, seeOther } from "../../../../../lib/web/respond.ts";
import { signedIn } from "../../../../../lib/web/guards.ts";
import { readForm } from "../../../../../lib/web/body.ts";
import { notFound, parseId } from "../../../../../lib/web/params.ts";
import { GigForm } from "../../../../../components/GigForm.tsx";
import { PageTitle } from "../../../../../components/Page.tsx";

interface Data {
  gig: Gig;
  values: Record<string, string>;
  errors?: Record<string, string>;
  choices?: string[];
  zone?: string;
}

const units = (minor: number | null) => (minor == null ? "" : String(minor / 100));

/**
 * The gig as the form shows it: times in the gig's zone (named after its city when that is the
 * city's zone), the city as the gazetteer labels it, money in whole units.
 */
async function formOf(g: Gig): Promise<{ values: Record<string, string>; zone: string }> {
  const place = await placeOf(g);
  const cityZone = place?.timezone === g.timezone;
  const starts = localFields(g.starts_at, g.timezone);
  const applyBy = localFields(g.apply_by, g.timezone);
  const values = {
    title: g.title,
    description: g.description,
    kind: g.kind,
    visibility: g.visibility,
    genres: g.genres.join(", "),
    instruments: g.instruments.join(", "),
    starts_at_date: starts.date,
    starts_at_time: starts.time,
    // "The city's time zone" stays chosen while the gig keeps its city's zone.
    timezone: cityZone ? "" : g.timezone,
    duration_minutes: String(g.duration_minutes),
    apply_by_date: applyBy.date,
    apply_by_time: applyBy.time,
    venue_name: g.venue_name ?? "",
    city: place?.label ?? g.city ?? "",
    country: g.country ?? "",
    remote: g.remote ? "on" : "",
    budget_min: units(g.budget_min_minor),
    budget_max: units(g.budget_max_minor),
    currency: g.currency,
  };
  return { values, zone: zoneNote(g.timezone, cityZone ? place?.city : null, g.starts_at) };
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

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const gig = await ownDraft(ctx);
    if (gig instanceof Response) return gig;
    return page({ gig, ...await formOf(gig) });
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const gig = await ownDraft(ctx);
    if (gig instanceof Response) return gig;
    const form = await readForm(ctx.req);
    const { raw, values, errors: before, choices, zone } = await readGigForm(form, gig);
    const parsed = GigInput.safeParse(raw);
    if (!parsed.success || Object.keys(before).length) {
      const found = parsed.success ? {} : fieldErrors(parsed.error.issues);
      const errors = gigFormErrors({ ...found, ...before });
      return page({ gig, values, errors, choices, zone }, { status: 422 });
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
      const errors = gigFormErrors({ [f.field ?? "_form"]: f.message, _form: f.message });
      return page({ gig, values, errors, zone }, { status: f.status });
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
        choices={data.choices}
        zone={data.zone}
        submitLabel="Save draft"
        publishLabel="Save and publish"
      />
    </>
  );
});
