/**
 * Disputes on the booking page: the form that opens one (a reason and evidence files), the frozen
 * banner with the dispute's evidence and a form to add more while it is open, and the evidence
 * list admins see too. Plain multipart forms posting to the booking page: no JavaScript needed.
 */
import type { JSX } from "preact";
import type { EvidenceItem, PaymentView } from "../lib/domains/payments/mod.ts";
import type { BookingWithParties } from "../lib/domains/gigs/mod.ts";
import {
  EVIDENCE_ACCEPT,
  EVIDENCE_FILES_PER_REQUEST,
  EVIDENCE_MAX_BYTES,
  EVIDENCE_MAX_FILES,
} from "../lib/domains/payments/evidence.ts";
import { megabytes } from "../lib/shared/limits.ts";
import { CsrfField } from "./Field.tsx";
import { Button } from "./Button.tsx";
import { when } from "./PaymentTimeline.tsx";
import { useZone } from "./When.tsx";

const FILE_HINT = `Images or PDFs, up to ${EVIDENCE_FILES_PER_REQUEST} at once, ` +
  `${megabytes(EVIDENCE_MAX_BYTES)} each.`;

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? megabytes(bytes) : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The dispute's files, each a link served only to the parties and admins. */
export function EvidenceList({ items, names }: {
  items: EvidenceItem[];
  /** Who each side is: "Maya (musician)". */
  names: { client: string; musician: string };
}): JSX.Element {
  if (items.length === 0) return <p class="text-sm text-gray-600">No evidence attached.</p>;
  return (
    <ul class="space-y-1 text-sm" data-testid="evidence-list">
      {items.map((e) => (
        <li key={e.id} class="break-words">
          <a
            class="text-indigo-700 underline"
            href={`/api/bookings/${e.booking_id}/evidence/${e.id}`}
          >
            {e.name}
          </a>{" "}
          <span class="text-gray-600">
            ({size(e.size_bytes)}, from{" "}
            {e.uploaded_as === "client" ? names.client : names.musician})
          </span>
        </li>
      ))}
    </ul>
  );
}

function FileInput({ id, error, hint }: { id: string; error?: string; hint: string }) {
  const described = [`${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ");
  return (
    <div>
      <label for={id} class="mb-1 block text-sm font-medium">Evidence (optional)</label>
      <input
        id={id}
        type="file"
        name="evidence"
        multiple
        accept={EVIDENCE_ACCEPT}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={described}
        class="block w-full text-sm"
      />
      {error && <p id={`${id}-error`} class="text-sm text-red-700" role="alert">{error}</p>}
      <p id={`${id}-hint`} class="text-sm text-gray-600">{hint}</p>
    </div>
  );
}

/** Either party, while the money is held: a reason, and files if they have any. */
export function DisputeForm({ csrf, errors, other }: {
  csrf: string;
  errors: Record<string, string>;
  other: string;
}): JSX.Element {
  const error = errors.dispute_reason;
  const open = Boolean(error || errors.evidence);
  const described = ["dispute-hint", error && "dispute-error"].filter(Boolean).join(" ");
  return (
    <details open={open} class="rounded-md border border-gray-200 p-3">
      <summary class="cursor-pointer font-medium">Something went wrong? Open a dispute</summary>
      <form
        method="post"
        encType="multipart/form-data"
        noValidate
        class="mt-3 space-y-2"
        data-testid="dispute-form"
      >
        <CsrfField token={csrf} />
        <div>
          <label for="dispute_reason" class="mb-1 block text-sm font-medium">
            What went wrong?
          </label>
          <textarea
            id="dispute_reason"
            name="dispute_reason"
            rows={3}
            maxLength={2000}
            required
            aria-invalid={error ? "true" : undefined}
            aria-describedby={described}
            class="mb-1 block w-full rounded-md border border-gray-300 px-3 py-2"
          />
          {error && <p id="dispute-error" class="text-sm text-red-700" role="alert">{error}</p>}
        </div>
        <FileInput
          id="dispute_evidence"
          error={errors.evidence}
          hint={`Photos, screenshots, a contract: ${FILE_HINT}`}
        />
        <p id="dispute-hint" class="text-sm text-gray-600">
          The money stays frozen until Soundcheck decides. {other} sees your reason and files.
        </p>
        <Button name="intent" value="dispute" variant="danger">Open dispute</Button>
      </form>
    </details>
  );
}

/** The money is frozen: who disputed, why, the files, and (for the parties) a form to add more. */
export function DisputedBanner({ view, b, me, csrf, errors }: {
  view: PaymentView;
  b: BookingWithParties;
  me: string;
  csrf: string;
  errors: Record<string, string>;
}): JSX.Element {
  const d = view.dispute;
  const zone = useZone(b.timezone);
  const evidence = view.evidence ?? [];
  const who = !d
    ? "A dispute"
    : d.opened_by === me
    ? "You opened a dispute"
    : `${d.opened_by === b.client_id ? b.client_name : b.musician_name} opened a dispute`;
  const names = { client: b.client_name, musician: b.musician_name };
  return (
    <div
      class="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900"
      data-testid="dispute-banner"
    >
      <div role="status">
        <p class="font-semibold">
          The money is frozen. {who}
          {d && ` on ${when(d.created_at, zone)}`}.
        </p>
        {d && <p class="break-words text-sm">“{d.reason}”</p>}
        <p class="text-sm">Soundcheck looks at both sides, decides, and tells you both.</p>
      </div>
      <h3 class="text-sm font-semibold">Evidence</h3>
      <EvidenceList items={evidence} names={names} />
      {d?.state === "open" && evidence.length < EVIDENCE_MAX_FILES && (
        <form
          method="post"
          encType="multipart/form-data"
          noValidate
          class="space-y-2"
          data-testid="evidence-form"
        >
          <CsrfField token={csrf} />
          <FileInput id="more_evidence" error={errors.evidence} hint={FILE_HINT} />
          <Button name="intent" value="evidence" variant="secondary">Add evidence</Button>
        </form>
      )}
    </div>
  );
}
