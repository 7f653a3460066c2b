/**
 * Moderation on content pages: the "Report" link for people other than the owner, and the notice
 * the owner sees on what moderators hid.
 */
import type { JSX } from "preact";
import { reportHref, type TargetType } from "../lib/domains/moderation/mod.ts";

export function ReportLink(
  { type, id, back, label = "Report" }: {
    type: TargetType;
    id: string | number;
    /** The page to return to once the report is sent. */
    back: string;
    label?: string;
  },
): JSX.Element {
  return (
    <a
      href={reportHref(type, id, back)}
      class="text-sm text-gray-600 underline hover:text-red-700"
      data-testid="report-link"
      rel="nofollow"
    >
      {label}
    </a>
  );
}

export function HiddenNotice({ reason }: { reason: string }): JSX.Element {
  return (
    <p
      role="status"
      class="mb-4 rounded-md border border-red-300 bg-red-50 p-3 text-red-900"
      data-testid="hidden-notice"
    >
      Hidden by moderators: {reason}. Only you and our admins can see it.
    </p>
  );
}
