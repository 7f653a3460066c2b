/** Post a gig: saved as a draft, or published at once. */
import { define } from "../../../../utils.ts";
import { page } from "../../../../lib/fresh_runtime/mod.ts";
import { createGig, GigInput, publishGig } from "../../../../lib/domains/gigs/mod.ts";
import { getClientProfile } from "../../../../lib/domains/profiles/mod.ts";
import { placeOf } from "../../../../lib/domains/places/mod.ts";
import { dbFailure } from "../../../../lib/ports/db/errors.ts";
import { fieldErrors } from "../../../../lib/web/forms.ts";
import { gigFormErrors, readGigForm } from "../../../../lib/web/gig_form.ts";
import { zoneNote } from "../../../../lib/browser/time.ts";
import { flashCookie, seeOther } from "../../../../lib/web/respond.ts";
import { GigForm } from "../../../../components/GigForm.tsx";
import { PageTitle } from "../../../../components/Page.tsx";
import { signedIn } from "../../../../lib/web/guards.ts";
import { readForm } from "../../../../lib/web/body.ts";

interface Data {
  values: Record<string, string>;
  errors?: Record<string, string>;
  choices?: string[];
  zone?: string;
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    // A venue's gigs are usually at the venue: the form starts in the client profile's city.
    const user = signedIn(ctx.state);
    const client = await ctx.state.platform.db.asUser(
      user.claims,
      (tx) => getClientProfile(tx, user.id),
    );
    const place = client && await placeOf(client);
    if (!place) return page({ values: {} });
    return page({
      values: { city: place.label, country: place.country },
      zone: zoneNote(place.timezone, place.city),
    });
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const form = await readForm(ctx.req);
    const { raw, values, errors: before, choices, zone } = await readGigForm(form);
    const parsed = GigInput.safeParse(raw);
    if (!parsed.success || Object.keys(before).length) {
      const errors = parsed.success ? {} : fieldErrors(parsed.error.issues);
      return page({ values, errors: gigFormErrors({ ...errors, ...before }), choices, zone }, {
        status: 422,
      });
    }
    const publish = form.get("intent") === "publish";
    try {
      // Created and published in one transaction: a refused publish leaves no stray draft.
      const gig = await ctx.state.platform.db.asUser(user.claims, async (tx) => {
        const created = await createGig(tx, parsed.data);
        return publish ? await publishGig(tx, created.id) : created;
      });
      ctx.state.platform.worker.wake();
      const text = publish
        ? "Your gig is published. Matching musicians are being told."
        : "Draft saved. Publish it when ready.";
      return seeOther(`/gigs/${gig.id}`, [
        flashCookie({ kind: "success", text }, ctx.state.secure),
      ]);
    } catch (err) {
      const f = dbFailure(err);
      if (!f) throw err;
      return page({
        values,
        errors: gigFormErrors({ [f.field ?? "_form"]: f.message, _form: f.message }),
        zone,
      }, { status: f.status });
    }
  },
});

export default define.page<typeof handler>(function NewGig({ data, state }) {
  return (
    <>
      <PageTitle sub="Musicians see a published gig at once; matching ones are notified.">
        Post a gig
      </PageTitle>
      <GigForm
        action="/gigs/new"
        csrf={state.csrf}
        values={data.values}
        errors={data.errors}
        choices={data.choices}
        zone={data.zone}
        submitLabel="Save draft"
        publishLabel="Publish gig"
      />
    </>
  );
});
