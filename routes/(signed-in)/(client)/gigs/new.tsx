/** Post a gig: saved as a draft, or published at once. */
import { define } from "../../../../utils.ts";
import { page } from "../../../../lib/fresh_runtime/mod.ts";
import { createGig, GigInput, publishGig } from "../../../../lib/domains/gigs/mod.ts";
import { dbFailure } from "../../../../lib/ports/db/errors.ts";
import { fieldErrors } from "../../../../lib/web/forms.ts";
import { toMinor, zonedToUtc } from "../../../../lib/browser/time.ts";
import { flashCookie, seeOther } from "../../../../lib/web/respond.ts";
import { GigForm, gigFormToInput } from "../../../../components/GigForm.tsx";
import { PageTitle } from "../../../../components/Page.tsx";
import { signedIn } from "../../../../lib/web/guards.ts";
import { readForm } from "../../../../lib/web/body.ts";

interface Data {
  values: Record<string, string>;
  errors?: Record<string, string>;
}

export const handler = define.handlers<Data>({
  GET() {
    return page({ values: {} });
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const form = await readForm(ctx.req);
    const { raw, values } = gigFormToInput(form, { zonedToUtc, toMinor });
    const parsed = GigInput.safeParse(raw);
    if (!parsed.success) {
      return page({ values, errors: withFormNames(fieldErrors(parsed.error.issues)) }, {
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
        errors: withFormNames({ [f.field ?? "_form"]: f.message, _form: f.message }),
      }, { status: f.status });
    }
  },
});

/** Money fields are typed in whole units on the form, under other names. */
function withFormNames(errors: Record<string, string>): Record<string, string> {
  return {
    ...errors,
    budget_min: errors.budget_min_minor ?? "",
    budget_max: errors.budget_max_minor ?? "",
  };
}

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
        submitLabel="Save draft"
        publishLabel="Publish gig"
      />
    </>
  );
});
