/** The auto-shortlist rules of a client: one form, the switch included (works without JavaScript). */
import type { JSX } from "preact";
import { Button } from "./Button.tsx";
import { Card } from "./Page.tsx";
import { Checkbox, CsrfField, Field, FormErrors } from "./Field.tsx";
import type { AutoShortlistSettings } from "../lib/domains/scout/auto/mod.ts";

export interface AutoShortlistFormProps {
  csrf: string;
  settings: AutoShortlistSettings | null;
  values?: Record<string, string>;
  errors?: Record<string, string>;
}

export function AutoShortlistForm(p: AutoShortlistFormProps): JSX.Element {
  const s = p.settings;
  const v = p.values;
  const e = p.errors ?? {};
  // Echoed checkboxes: present means ticked; on first view, the saved value.
  const ticked = (name: "enabled" | "within_budget", saved: boolean) =>
    v ? v[name] === "on" : saved;
  return (
    <form method="post" action="/settings/auto-shortlist" noValidate>
      <CsrfField token={p.csrf} />
      <FormErrors errors={p.errors} />
      <Card>
        <p class="mb-4 text-gray-900" data-testid="auto-shortlist-status">
          <strong>{s?.enabled ? "Auto-shortlist is on." : "Auto-shortlist is off."}</strong>{" "}
          Applicants who meet every rule below are shortlisted as their application arrives, and
          told so.
        </p>
        <Checkbox
          name="enabled"
          label="Shortlist for me automatically"
          checked={ticked("enabled", s?.enabled ?? false)}
        />
        <Checkbox
          name="within_budget"
          label="Only quotes within the gig's budget"
          checked={ticked("within_budget", s?.within_budget ?? true)}
        />
        <Field
          name="max_distance_km"
          label="Maximum distance (km)"
          inputMode="numeric"
          value={v?.max_distance_km ?? (s?.max_distance_km?.toString() ?? "")}
          error={e.max_distance_km}
          hint="From the musician's location to the gig's. Remote gigs always pass. Blank: any."
        />
        <Field
          name="genres"
          label="Genres (any of)"
          value={v?.genres ?? (s?.genres.join(", ") ?? "")}
          error={e.genres}
          hint="Comma-separated, e.g. jazz, soul. Blank: any genre."
        />
        <Field
          name="instruments"
          label="Instruments (any of)"
          value={v?.instruments ?? (s?.instruments.join(", ") ?? "")}
          error={e.instruments}
          hint="Comma-separated, e.g. piano, double bass. Blank: any instrument."
        />
        <Field
          name="min_rating"
          label="Minimum rating (1–5)"
          inputMode="decimal"
          value={v?.min_rating ?? (s?.min_rating?.toString() ?? "")}
          error={e.min_rating}
          hint="Musicians without reviews do not pass a minimum. Blank: anyone."
        />
        <Field
          name="daily_cap"
          label="Shortlisted a day, at most"
          inputMode="numeric"
          min={1}
          max={20}
          value={v?.daily_cap ?? String(s?.daily_cap ?? 5)}
          error={e.daily_cap}
          hint="1 to 20, counted per day in UTC."
        />
        <Button>Save</Button>
      </Card>
    </form>
  );
}
