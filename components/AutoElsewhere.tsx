/** "Elsewhere": external gigs the scout found that fit the musician, on the matches page. */
import type { JSX } from "preact";
import type { ExternalMatch } from "../lib/domains/scout/auto/mod.ts";
import { EventTime } from "./When.tsx";

export function AutoElsewhere({ items }: { items: ExternalMatch[] }): JSX.Element {
  return (
    <section aria-labelledby="elsewhere-title" class="mt-8">
      <h2 id="elsewhere-title" class="mb-1 text-xl font-semibold text-gray-900">Elsewhere</h2>
      <p class="mb-3 text-sm text-gray-600">
        Gigs listed on other sites that fit your genres and area. Applying happens on their site.
      </p>
      {items.length === 0
        ? <p class="text-gray-600">Nothing from other sites fits you right now.</p>
        : (
          <ul class="grid gap-3" aria-label="External gigs" data-testid="elsewhere">
            {items.map((g) => (
              <li key={g.id} class="rounded-lg border border-gray-200 bg-white p-4">
                <p class="flex flex-wrap items-center gap-2">
                  <a
                    class="font-semibold text-indigo-700 underline"
                    href={`/gigs/external/${g.id}`}
                  >
                    {g.title}
                  </a>
                  <span class="rounded bg-gray-100 px-2 py-0.5 text-xs font-semibold text-gray-800">
                    External
                  </span>
                </p>
                <p class="text-sm text-gray-700">
                  <EventTime at={g.starts_at} tz={g.timezone} />
                  {g.venue_name || g.city
                    ? ` · ${[g.venue_name, g.city].filter(Boolean).join(", ")}`
                    : ""}
                </p>
                <p class="text-sm text-gray-600">{g.reason}</p>
              </li>
            ))}
          </ul>
        )}
    </section>
  );
}
