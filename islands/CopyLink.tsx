/**
 * A link to hand on: a labelled read-only field (select it and copy, without JavaScript) and,
 * once hydrated, a "Copy link" button that says when it worked.
 */
import { useEffect, useState } from "preact/hooks";

export interface CopyLinkProps {
  /** The field's id (its label points at it). */
  id: string;
  label: string;
  url: string;
  testId?: string;
}

export default function CopyLink({ id, label, url, testId }: CopyLinkProps) {
  const [ready, setReady] = useState(false);
  const [said, setSaid] = useState("");
  useEffect(() => setReady(Boolean(navigator.clipboard)), []);
  const copy = () =>
    navigator.clipboard.writeText(url).then(
      () => setSaid("Link copied."),
      () => setSaid("Could not copy: select the link and copy it."),
    );
  return (
    <div>
      <label for={id} class="mb-1 block text-sm font-medium text-gray-800">{label}</label>
      <div class="flex flex-wrap gap-2">
        <input
          id={id}
          readOnly
          value={url}
          data-testid={testId}
          onFocus={(e) => e.currentTarget.select()}
          class="block min-w-0 flex-1 rounded-md border border-gray-300 bg-gray-50 px-3 py-2 text-sm"
        />
        {ready && (
          <button
            type="button"
            onClick={copy}
            class="inline-flex items-center rounded-md border border-gray-300 bg-white px-3 py-2 text-sm font-medium text-gray-900 hover:bg-gray-50 focus:outline-none focus:ring-2 focus:ring-indigo-500"
          >
            Copy link
          </button>
        )}
      </div>
      <p class="mt-1 text-sm text-gray-700" aria-live="polite">{said}</p>
    </div>
  );
}
