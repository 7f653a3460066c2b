/** The caller's musician profile: what clients and matching read. */
import { define, type State } from "../../../../utils.ts";
import { type FreshContext, page } from "../../../../lib/fresh_runtime/mod.ts";
import { type MusicianProfile, MusicianProfileInput } from "../../../../lib/domains/gigs/mod.ts";
import {
  getMusicianProfile,
  getOwnZone,
  setOwnZone,
  upsertOwnMusicianProfile,
  zoneFromForm,
  zoneOfSaved,
} from "../../../../lib/domains/profiles/mod.ts";
import { dbFailure } from "../../../../lib/ports/db/errors.ts";
import { fieldErrors, formValues } from "../../../../lib/web/forms.ts";
import { toMinor } from "../../../../lib/browser/time.ts";
import { flashCookie, seeOther } from "../../../../lib/web/respond.ts";
import {
  Checkbox,
  CsrfField,
  CURRENCIES,
  Field,
  FormErrors,
  SelectField,
} from "../../../../components/Field.tsx";
import { Button } from "../../../../components/Button.tsx";
import { PageTitle } from "../../../../components/Page.tsx";
import AiDraft from "../../../../islands/AiDraft.tsx";
import { signedIn } from "../../../../lib/web/guards.ts";
import { readForm } from "../../../../lib/web/body.ts";
import { BIO_MAX_CHARS, STAGE_NAME_MAX_CHARS } from "../../../../lib/shared/limits.ts";
import {
  placeFromForm,
  placeOf,
  zoneChoices,
  zoneOfPlace,
} from "../../../../lib/domains/places/mod.ts";
import { ZoneSelect } from "../../../../components/ZoneSelect.tsx";
import { viewerZones } from "../../../../lib/web/viewer_zone.ts";
import { GENRE_SUGGESTIONS, INSTRUMENT_SUGGESTIONS } from "../../../../lib/shared/vocabulary.ts";
import { PlaceFields } from "../../../../components/PlaceFields.tsx";
import TagInput from "../../../../islands/TagInput.tsx";
import DateList from "../../../../islands/DateList.tsx";

interface Data {
  exists: boolean;
  values: Record<string, string>;
  errors?: Record<string, string>;
  /** Namesakes of the city typed, to pick from. */
  choices?: string[];
  /** The saved city's zone ("From your city") and the zones to pick from. */
  cityZone: string | null;
  zones: readonly string[];
}

const major = (minor: number | null) => (minor == null ? "" : String(minor / 100));

/** The stored profile as the form shows it: the city as the gazetteer labels it. */
async function toValues(m: MusicianProfile): Promise<Record<string, string>> {
  const place = await placeOf(m);
  return {
    stage_name: m.stage_name,
    bio: m.bio,
    instruments: m.instruments.join(", "),
    genres: m.genres.join(", "),
    skills: m.skills.join(", "),
    languages: m.languages.join(", "),
    city: place?.label ?? m.city ?? "",
    country: m.country ?? "",
    travel_radius_km: String(m.travel_radius_km),
    fee_min: major(m.fee_min_minor),
    fee_max: major(m.fee_max_minor),
    currency: m.currency,
    blocked_dates: m.blocked_dates.join(", "),
    published: m.published ? "on" : "",
  };
}

async function load(ctx: FreshContext<State>) {
  const user = ctx.state.user!;
  const [m, zone] = await ctx.state.platform.db.asUser(
    user.claims,
    async (tx) => [await getMusicianProfile(tx, user.id), await getOwnZone(tx)] as const,
  );
  const tz = { timezone: zone.chosen ? zone.timezone ?? "" : "" };
  const cityZone = m ? await zoneOfPlace(m) : null;
  return m
    ? { exists: true, stored: m, zone, cityZone, values: { ...await toValues(m), ...tz } }
    : {
      exists: false,
      stored: null,
      zone,
      cityZone,
      values: { published: "on", travel_radius_km: "50", currency: "EUR", ...tz },
    };
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const { exists, values, cityZone } = await load(ctx);
    return page({ exists, values, cityZone, zones: await zoneChoices() });
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const form = await readForm(ctx.req);
    const values = formValues(form);
    const { exists, stored, zone: ownZone, cityZone: storedZone } = await load(ctx);
    const zones = await zoneChoices();
    // The city is found in the gazetteer; coordinates are never typed.
    const place = await placeFromForm(values, stored ?? undefined);
    const where = place.ok ? place.columns : { city: null, country: null, lat: null, lng: null };
    if (place.ok && place.label) {
      Object.assign(values, { city: place.label, country: where.country });
    }
    const parsed = MusicianProfileInput.safeParse({
      ...values,
      city: where.city ?? "",
      country: where.country,
      lat: where.lat,
      lng: where.lng,
      fee_min_minor: toMinor(form.get("fee_min")) ?? null,
      fee_max_minor: toMinor(form.get("fee_max")) ?? null,
      blocked_dates: values.blocked_dates === undefined
        ? stored?.blocked_dates ?? []
        : values.blocked_dates.split(",").map((d) => d.trim()).filter(Boolean),
      // Not on this form: kept as they are.
      links: stored?.links ?? [],
      published: values.published === "on",
    });
    const rename = (e: Record<string, string>): Record<string, string> => ({
      ...e,
      city: e.city ?? e.lat ?? e.lng ?? "",
      blocked_dates: Object.entries(e).find(([k]) => k.startsWith("blocked_dates"))?.[1] ?? "",
      fee_min: e.fee_min_minor ?? "",
      fee_max: e.fee_max_minor ?? "",
    });
    const cityZone = place.ok ? await zoneOfSaved(place.columns, storedZone) : storedZone;
    const zone = await zoneFromForm(values.timezone, cityZone, ownZone);
    if (!parsed.success || !place.ok || !zone.ok) {
      const errors = parsed.success ? {} : rename(fieldErrors(parsed.error.issues));
      if (!place.ok) errors.city = place.error;
      if (!zone.ok) errors.timezone = zone.error;
      const choices = place.ok ? undefined : place.choices.map((p) => p.label);
      return page({ exists, values, errors, choices, cityZone, zones }, { status: 422 });
    }
    try {
      await ctx.state.platform.db.asUser(user.claims, async (tx) => {
        await upsertOwnMusicianProfile(tx, parsed.data);
        await setOwnZone(tx, zone.zone);
      });
    } catch (err) {
      const f = dbFailure(err);
      if (!f) throw err;
      return page({
        exists,
        values,
        errors: rename({ _form: f.message, [f.field ?? "_form"]: f.message }),
        cityZone,
        zones,
      }, { status: f.status });
    }
    viewerZones(ctx.state.platform).forget(user.id);
    ctx.state.platform.worker.wake();
    return seeOther("/profile/musician", [
      flashCookie({ kind: "success", text: "Musician profile saved." }, ctx.state.secure),
    ]);
  },
});

export default define.page<typeof handler>(function MusicianProfilePage({ data, state }) {
  const v = data.values;
  const e = data.errors ?? {};
  return (
    <>
      <PageTitle sub="Clients see this when you apply; matching uses it to find your gigs.">
        Musician profile
      </PageTitle>
      {data.exists && (
        <p class="mb-4">
          <a class="text-indigo-700 underline" href="/profile/media" data-testid="portfolio-link">
            Your portfolio: photos, audio and video
          </a>
        </p>
      )}
      <form method="post" noValidate class="rounded-lg border border-gray-200 bg-white p-4 sm:p-6">
        <CsrfField token={state.csrf} />
        <FormErrors errors={data.errors} />
        <Field
          name="stage_name"
          label="Stage name"
          value={v.stage_name}
          error={e.stage_name}
          required
          maxLength={STAGE_NAME_MAX_CHARS}
        />
        <div class="mb-4">
          <label for="bio" class="mb-1 block text-sm font-medium text-gray-800">Bio</label>
          {data.exists
            ? <AiDraft task="bio" target="bio" csrf={state.csrf} label="Write my bio with AI" />
            : (
              <p class="mb-1 text-sm text-gray-600">
                Save your profile once, then let AI draft your bio from it.
              </p>
            )}
          <textarea
            id="bio"
            name="bio"
            rows={6}
            maxLength={BIO_MAX_CHARS}
            class="block w-full rounded-md border border-gray-300 px-3 py-2"
          >
            {v.bio}
          </textarea>
          {e.bio && <p class="text-sm text-red-700" role="alert">{e.bio}</p>}
        </div>
        <div class="grid gap-x-4 sm:grid-cols-2">
          <TagInput
            name="instruments"
            label="Instruments"
            value={v.instruments ?? ""}
            error={e.instruments}
            hint="Comma-separated, e.g. guitar, vocals"
            suggestions={INSTRUMENT_SUGGESTIONS}
          />
          <TagInput
            name="genres"
            label="Genres"
            value={v.genres ?? ""}
            error={e.genres}
            hint="Comma-separated, e.g. jazz, soul, funk"
            suggestions={GENRE_SUGGESTIONS}
          />
          <Field
            name="skills"
            label="Skills"
            value={v.skills}
            error={e.skills}
            hint="e.g. sight reading, arranging"
          />
          <Field name="languages" label="Languages" value={v.languages} error={e.languages} />
          <PlaceFields
            values={v}
            errors={e}
            choices={data.choices}
            zoneField="timezone"
            hint="Where you are based: gigs are matched by distance from it"
          />
          <ZoneSelect
            value={v.timezone ?? ""}
            cityZone={data.cityZone}
            choices={data.zones}
            error={e.timezone}
          />
          <Field
            name="travel_radius_km"
            label="Travel radius (km)"
            type="number"
            value={v.travel_radius_km}
            error={e.travel_radius_km}
          />
          <Field
            name="fee_min"
            label="Fee from"
            value={v.fee_min}
            error={e.fee_min}
            hint="Whole units, e.g. 250"
          />
          <Field name="fee_max" label="Fee up to" value={v.fee_max} error={e.fee_max} />
          <SelectField
            name="currency"
            id="currency"
            label="Currency"
            options={CURRENCIES}
            value={v.currency || "EUR"}
          />
        </div>
        <DateList
          name="blocked_dates"
          label="Dates you can't play"
          value={v.blocked_dates ?? ""}
          error={e.blocked_dates}
          hint="Dates separated by commas, e.g. 2026-12-24, 2026-12-31"
        />
        <Checkbox
          name="published"
          label="Show my profile publicly"
          checked={v.published === "on"}
        />
        <div class="mt-4">
          <Button>Save musician profile</Button>
        </div>
      </form>
    </>
  );
});
