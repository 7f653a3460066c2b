/** The caller's client (venue, planner, school…) profile. */
import { define, type State } from "../../../../utils.ts";
import { type FreshContext, page } from "../../../../lib/fresh_runtime/mod.ts";
import { type ClientProfile, ClientProfileInput } from "../../../../lib/domains/gigs/mod.ts";
import {
  getClientProfile,
  getOwnZone,
  type OwnZone,
  setOwnZone,
  upsertOwnClientProfile,
  zoneFromForm,
  zoneOfSaved,
} from "../../../../lib/domains/profiles/mod.ts";
import { dbFailure } from "../../../../lib/ports/db/errors.ts";
import { fieldErrors, formValues } from "../../../../lib/web/forms.ts";
import { flashCookie, seeOther } from "../../../../lib/web/respond.ts";
import { Checkbox, CsrfField, Field, FormErrors } from "../../../../components/Field.tsx";
import { Button } from "../../../../components/Button.tsx";
import { PageTitle } from "../../../../components/Page.tsx";
import { signedIn } from "../../../../lib/web/guards.ts";
import { readForm } from "../../../../lib/web/body.ts";
import { ORGANISATION_MAX_CHARS } from "../../../../lib/shared/limits.ts";
import {
  placeFromForm,
  placeOf,
  zoneChoices,
  zoneOfPlace,
} from "../../../../lib/domains/places/mod.ts";
import { PlaceFields } from "../../../../components/PlaceFields.tsx";
import { ZoneSelect } from "../../../../components/ZoneSelect.tsx";
import { viewerZones } from "../../../../lib/web/viewer_zone.ts";

interface Data {
  values: Record<string, string>;
  errors?: Record<string, string>;
  /** Namesakes of the city typed, to pick from. */
  choices?: string[];
  /** The saved city's zone ("From your city") and the zones to pick from. */
  cityZone: string | null;
  zones: readonly string[];
}

/** The stored profile as the form shows it: the city as the gazetteer labels it. */
async function toValues(c: ClientProfile): Promise<Record<string, string>> {
  const place = await placeOf(c);
  return {
    organisation: c.organisation,
    venue_type: c.venue_type ?? "",
    capacity: c.capacity == null ? "" : String(c.capacity),
    city: place?.label ?? c.city ?? "",
    country: c.country ?? "",
    published: c.published ? "on" : "",
  };
}

function stored(
  ctx: FreshContext<State>,
): Promise<readonly [ClientProfile | null, OwnZone]> {
  const user = ctx.state.user!;
  return ctx.state.platform.db.asUser(
    user.claims,
    async (tx) => [await getClientProfile(tx, user.id), await getOwnZone(tx)] as const,
  );
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const [c, zone] = await stored(ctx);
    const timezone = zone.chosen ? zone.timezone ?? "" : "";
    return page({
      values: { ...(c ? await toValues(c) : { published: "on" }), timezone },
      cityZone: c ? await zoneOfPlace(c) : null,
      zones: await zoneChoices(),
    });
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const form = await readForm(ctx.req);
    const values = formValues(form);
    const [previous, ownZone] = await stored(ctx);
    const zones = await zoneChoices();
    // The city is found in the gazetteer; coordinates are never typed.
    const place = await placeFromForm(values, previous ?? undefined);
    const where = place.ok ? place.columns : { city: null, country: null, lat: null, lng: null };
    if (place.ok && place.label) {
      Object.assign(values, { city: place.label, country: where.country });
    }
    const parsed = ClientProfileInput.safeParse({
      ...values,
      capacity: values.capacity?.trim() ? values.capacity : null,
      city: where.city ?? "",
      country: where.country,
      lat: where.lat,
      lng: where.lng,
      published: values.published === "on",
    });
    const storedZone = previous ? await zoneOfPlace(previous) : null;
    const cityZone = place.ok ? await zoneOfSaved(place.columns, storedZone) : storedZone;
    const zone = await zoneFromForm(values.timezone, cityZone, ownZone);
    if (!parsed.success || !place.ok || !zone.ok) {
      const errors = parsed.success ? {} : fieldErrors(parsed.error.issues);
      if (!place.ok) errors.city = place.error;
      else errors.city ??= errors.lat ?? errors.lng;
      if (!zone.ok) errors.timezone = zone.error;
      const choices = place.ok ? undefined : place.choices.map((p) => p.label);
      return page({ values, errors, choices, cityZone, zones }, { status: 422 });
    }
    try {
      await ctx.state.platform.db.asUser(user.claims, async (tx) => {
        await upsertOwnClientProfile(tx, parsed.data);
        await setOwnZone(tx, zone.zone);
      });
    } catch (err) {
      const f = dbFailure(err);
      if (!f) throw err;
      return page({
        values,
        errors: { _form: f.message, [f.field ?? "_form"]: f.message },
        cityZone,
        zones,
      }, { status: f.status });
    }
    viewerZones(ctx.state.platform).forget(user.id);
    return seeOther("/profile/client", [
      flashCookie({ kind: "success", text: "Client profile saved." }, ctx.state.secure),
    ]);
  },
});

export default define.page<typeof handler>(function ClientProfilePage({ data, state }) {
  const v = data.values;
  const e = data.errors ?? {};
  return (
    <>
      <PageTitle sub="Musicians see this on your gigs.">Client profile</PageTitle>
      <form method="post" noValidate class="rounded-lg border border-gray-200 bg-white p-4 sm:p-6">
        <CsrfField token={state.csrf} />
        <FormErrors errors={data.errors} />
        <Field
          name="organisation"
          label="Organisation or venue name"
          value={v.organisation}
          error={e.organisation}
          required
          maxLength={ORGANISATION_MAX_CHARS}
        />
        <div class="grid gap-x-4 sm:grid-cols-2">
          <Field
            name="venue_type"
            label="Type"
            value={v.venue_type}
            error={e.venue_type}
            hint="e.g. jazz club, wedding planner, school"
          />
          <Field
            name="capacity"
            label="Capacity"
            type="number"
            value={v.capacity}
            error={e.capacity}
          />
          <PlaceFields
            values={v}
            errors={e}
            choices={data.choices}
            zoneField="timezone"
            hint="Where you are: your new gigs start here"
          />
          <ZoneSelect
            value={v.timezone ?? ""}
            cityZone={data.cityZone}
            choices={data.zones}
            error={e.timezone}
          />
        </div>
        <Checkbox
          name="published"
          label="Show this profile publicly"
          checked={v.published === "on"}
        />
        <div class="mt-4">
          <Button>Save client profile</Button>
        </div>
      </form>
    </>
  );
});
