/**
 * The auto-apply settings: the template (AI draft, edit, approve), the rules, and the switch.
 * Plain forms, one per action, so the page works without JavaScript.
 */
import type { JSX } from "preact";
import { Button } from "./Button.tsx";
import { Card } from "./Page.tsx";
import { CsrfField, Field, FormErrors } from "./Field.tsx";
import {
  type AutoApplySettings,
  unknownPlaceholders,
  WEEKDAYS,
} from "../lib/domains/scout/auto/mod.ts";

export interface AutoApplyFormProps {
  csrf: string;
  settings: AutoApplySettings | null;
  placeholders: { key: string; means: string }[];
  currency: string;
  /** What was typed, when the page comes back with errors or a fresh draft. */
  values?: Record<string, string>;
  weekdays?: number[];
  errors?: Record<string, string>;
}

const ACTION = "/settings/auto-apply";

function major(minor: number | null | undefined): string {
  return minor == null ? "" : String(minor / 100);
}

export function AutoApplyStatus(
  { settings, csrf }: { settings: AutoApplySettings | null; csrf: string },
) {
  const approved = settings?.template_approved_at != null;
  return (
    <Card>
      <div class="flex flex-wrap items-center gap-3" data-testid="auto-apply-status">
        <p class="flex-1 text-gray-900">
          {settings?.enabled
            ? <strong>Auto-apply is on.</strong>
            : <strong>Auto-apply is off.</strong>}{" "}
          {approved
            ? "Your template is approved."
            : "Approve your template before switching it on."}
        </p>
        <form method="post" action={ACTION}>
          <CsrfField token={csrf} />
          {settings?.enabled
            ? <Button name="intent" value="disable" variant="secondary">Switch off</Button>
            : approved && <Button name="intent" value="enable">Switch on</Button>}
        </form>
      </div>
    </Card>
  );
}

export function AutoApplyForm(p: AutoApplyFormProps): JSX.Element {
  const s = p.settings;
  const v = p.values ?? {};
  const e = p.errors ?? {};
  const template = v.template ?? s?.template ?? "";
  const days = new Set(p.weekdays ?? s?.weekdays ?? WEEKDAYS.map((d) => d.n));
  const saved = s != null && s.template === template;
  const unknown = unknownPlaceholders(template);
  return (
    <>
      <form method="post" action={ACTION} noValidate class="mt-6">
        <CsrfField token={p.csrf} />
        <FormErrors errors={p.errors} />
        <Card>
          <h2 class="mb-2 text-xl font-semibold text-gray-900">Your proposal template</h2>
          <p class="mb-3 text-sm text-gray-700">
            The scout sends this for you, with the placeholders filled in for each gig:
          </p>
          <ul
            class="mb-3 grid gap-1 text-sm text-gray-700 sm:grid-cols-2"
            aria-label="Placeholders"
          >
            {p.placeholders.map((ph) => (
              <li key={ph.key}>
                <code class="rounded bg-gray-100 px-1">{`{${ph.key}}`}</code> — {ph.means}
              </li>
            ))}
          </ul>
          <label for="f-template" class="mb-1 block text-sm font-medium text-gray-800">
            Template
          </label>
          <textarea
            id="f-template"
            name="template"
            rows={12}
            maxLength={5000}
            aria-invalid={e.template ? "true" : undefined}
            aria-describedby={e.template ? "f-template-error" : "f-template-hint"}
            class={`block w-full rounded-md border px-3 py-2 text-base ${
              e.template ? "border-red-600" : "border-gray-300"
            }`}
          >
            {template}
          </textarea>
          <p id="f-template-hint" class="mt-1 text-sm text-gray-600">
            Editing it after approval means approving it again.
          </p>
          {e.template && (
            <p id="f-template-error" class="mt-1 text-sm text-red-700" role="alert">{e.template}</p>
          )}
          {unknown.length > 0 && (
            <p class="mt-1 text-sm text-amber-800">
              Not placeholders, sent as written: {unknown.map((u) => `{${u}}`).join(", ")}
            </p>
          )}
          <div class="mt-3">
            <Button name="intent" value="draft" variant="secondary">Draft it with AI</Button>
          </div>

          <h2 class="mb-2 mt-6 text-xl font-semibold text-gray-900">Rules</h2>
          <Field
            name="min_fee"
            label={`Minimum fee (${p.currency})`}
            inputMode="decimal"
            value={v.min_fee ?? major(s?.min_fee_minor)}
            error={e.min_fee_minor}
            hint="Gigs whose budget tops out below this are skipped. Your quote is this fee, raised to the gig's lowest budget if needed. Blank: any fee."
          />
          <Field
            name="max_distance_km"
            label="Maximum distance (km)"
            inputMode="numeric"
            value={v.max_distance_km ?? (s?.max_distance_km?.toString() ?? "")}
            error={e.max_distance_km}
            hint="From your profile's location. Remote gigs always pass. Blank: any distance."
          />
          <Field
            name="genres"
            label="Genres (any of)"
            value={v.genres ?? (s?.genres.join(", ") ?? "")}
            error={e.genres}
            hint="Comma-separated, e.g. jazz, soul. Blank: any genre."
          />
          <fieldset class="mb-4">
            <legend class="mb-1 text-sm font-medium text-gray-800">Days of the week</legend>
            <div class="flex flex-wrap gap-x-4">
              {WEEKDAYS.map((d) => (
                <label key={d.n} class="flex items-center gap-2 py-1">
                  <input
                    type="checkbox"
                    name="weekdays"
                    value={String(d.n)}
                    checked={days.has(d.n)}
                    class="h-5 w-5"
                  />
                  {d.label}
                </label>
              ))}
            </div>
            {e.weekdays && <p class="mt-1 text-sm text-red-700" role="alert">{e.weekdays}</p>}
          </fieldset>
          <Field
            name="daily_cap"
            label="Applications a day, at most"
            inputMode="numeric"
            min={1}
            max={20}
            value={v.daily_cap ?? String(s?.daily_cap ?? 5)}
            error={e.daily_cap}
            hint="1 to 20, counted per day in UTC. Gigs past the cap are skipped, and listed below."
          />
          <Button name="intent" value="save">Save</Button>
        </Card>
      </form>
      {s && !s.template_approved_at && (
        <form method="post" action={ACTION} class="mt-4">
          <CsrfField token={p.csrf} />
          <input type="hidden" name="template" value={s.template} />
          <Card>
            <p class="mb-3 text-gray-900">
              {saved
                ? "Read the saved template above. Approving it lets the scout send it, filled in, to gigs that meet your rules."
                : "Save your changes first, then approve the saved template."}
            </p>
            {saved && <Button name="intent" value="approve">Approve this template</Button>}
          </Card>
        </form>
      )}
      {s && s.template_approved_at && !saved && (
        <p class="mt-2 text-sm text-amber-800">
          Saving this edited template will switch auto-apply off until you approve it.
        </p>
      )}
    </>
  );
}
