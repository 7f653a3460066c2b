/**
 * The panels of the signed-in home: a musician's gigs, applications, bookings and earnings; a
 * client's gigs with applicants, bookings and suggested musicians. Server-rendered, no islands.
 */
import type { ComponentChildren, JSX } from "preact";
import type { ClientHome, MusicianHome } from "../lib/domains/home/mod.ts";
import type { BookingWithParties } from "../lib/domains/gigs/mod.ts";
import { formatMoney, statusLabel } from "../lib/shared/format.ts";
import { EventTime } from "./When.tsx";
import { GigCard } from "./GigCard.tsx";
import { Avatar } from "./Avatar.tsx";

const link = "text-indigo-700 underline hover:text-indigo-900";

/** A titled panel with a "see all" link in its corner. */
export function Panel({ id, title, more, children }: {
  id: string;
  title: string;
  more?: { href: string; label: string };
  children: ComponentChildren;
}): JSX.Element {
  return (
    <section
      aria-labelledby={`${id}-title`}
      data-testid={`panel-${id}`}
      class="rounded-lg border border-gray-200 bg-white p-4 shadow-sm sm:p-5"
    >
      <div class="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`${id}-title`} class="text-lg font-semibold text-gray-900">{title}</h2>
        {more && <a href={more.href} class={`text-sm ${link}`}>{more.label}</a>}
      </div>
      {children}
    </section>
  );
}

function Empty({ children }: { children: ComponentChildren }): JSX.Element {
  return <p class="text-gray-600">{children}</p>;
}

function when(at: string, tz: string): JSX.Element {
  return <EventTime at={at} tz={tz} sep=" at " />;
}

export function BookingsPanel(
  { bookings, side }: { bookings: BookingWithParties[]; side: "musician" | "client" },
): JSX.Element {
  return (
    <Panel
      id={`bookings-${side}`}
      title={side === "musician" ? "Your next gigs" : "Booked musicians"}
      more={{ href: "/bookings", label: "All bookings" }}
    >
      {bookings.length === 0
        ? (
          <Empty>
            {side === "musician"
              ? "No gigs booked yet. When a client books you, it shows here."
              : "Nobody booked yet. Accept an application to book a musician."}
          </Empty>
        )
        : (
          <ul class="divide-y divide-gray-100">
            {bookings.map((b) => (
              <li key={b.id} class="py-2" data-testid="home-booking">
                <a href={`/bookings/${b.id}`} class={`font-medium ${link}`}>{b.gig_title}</a>
                <p class="text-sm text-gray-700">
                  {when(b.starts_at, b.timezone)} ·{" "}
                  {side === "musician" ? `for ${b.client_name}` : `with ${b.musician_name}`} ·{" "}
                  {formatMoney(b.fee_minor, b.currency)}
                </p>
              </li>
            ))}
          </ul>
        )}
    </Panel>
  );
}

export function MusicianPanels({ home }: { home: MusicianHome }): JSX.Element {
  const { counts, active } = home.applications;
  const chips = (["submitted", "shortlisted", "accepted", "declined"] as const)
    .filter((s) => counts[s] > 0);
  return (
    <>
      <Panel id="gigs-for-me" title="Gigs for you" more={{ href: "/matches", label: "See all" }}>
        {!home.hasProfile
          ? (
            <Empty>
              Tell us what you play and where, and gigs that fit show up here.{" "}
              <a href="/profile/musician" class={link}>Create your musician profile</a>
            </Empty>
          )
          : home.gigs.length === 0
          ? (
            <Empty>
              No open gig fits you right now; you get a notification when one does.{" "}
              <a href="/gigs" class={link}>Browse all gigs</a>
            </Empty>
          )
          : (
            <ul class="grid gap-3">
              {home.gigs.map((m) => (
                <GigCard key={m.gig.id} gig={m.gig} reason={m.reason} fit={m.fit} />
              ))}
            </ul>
          )}
      </Panel>
      <Panel
        id="applications"
        title="Your applications"
        more={{ href: "/my/applications", label: "All applications" }}
      >
        {chips.length === 0 ? <Empty>You have not applied for a gig yet.</Empty> : (
          <>
            <ul class="mb-3 flex flex-wrap gap-2" aria-label="Applications by status">
              {chips.map((s) => (
                <li key={s}>
                  <a
                    href={`/my/applications?status=${s}`}
                    class="inline-flex min-h-[44px] items-center rounded-full border border-gray-300 px-3 text-sm text-gray-800 hover:bg-gray-50"
                  >
                    {statusLabel("application", s)}: {counts[s]}
                  </a>
                </li>
              ))}
            </ul>
            <ul class="divide-y divide-gray-100">
              {active.map((a) => (
                <li key={a.id} class="py-2" data-testid="home-application">
                  <a href={`/my/applications/${a.id}`} class={`font-medium ${link}`}>
                    {a.title}
                  </a>
                  <p class="text-sm text-gray-700">
                    {statusLabel("application", a.status)} · {when(a.starts_at, a.timezone)}
                  </p>
                </li>
              ))}
            </ul>
          </>
        )}
      </Panel>
      <BookingsPanel bookings={home.bookings} side="musician" />
      <Panel id="earnings" title="Earnings" more={{ href: "/earnings", label: "Details" }}>
        {home.earnings.length === 0
          ? <Empty>Nothing paid yet. Fees are held safely once a client pays.</Empty>
          : (
            <dl class="grid grid-cols-3 gap-2 text-center">
              {home.earnings.map((t) => (
                [
                  ["Held", t.held],
                  ["On its way", t.releasing],
                  ["Paid out", t.paid],
                ].map(([label, minor]) => (
                  <div key={`${t.currency}-${label}`} class="rounded-md bg-gray-50 p-2">
                    <dt class="text-xs text-gray-600">{label}</dt>
                    <dd class="font-semibold text-gray-900">
                      {formatMoney(Number(minor), t.currency)}
                    </dd>
                  </div>
                ))
              ))}
            </dl>
          )}
      </Panel>
    </>
  );
}

export function ClientPanels(
  { home, avatarUrl }: { home: ClientHome; avatarUrl: (path: string | null) => string | null },
): JSX.Element {
  const { groups, counts } = home.gigs;
  const live = [...groups.open, ...groups.filled].slice(0, 5);
  return (
    <>
      <Panel id="my-gigs" title="Your gigs" more={{ href: "/my/gigs", label: "All your gigs" }}>
        {live.length === 0
          ? (
            <Empty>
              {counts.drafts > 0
                ? `You have ${counts.drafts} draft${counts.drafts === 1 ? "" : "s"} to finish. `
                : "No open gigs. "}
              <a href="/gigs/new" class={link}>Post a gig</a>
            </Empty>
          )
          : (
            <ul class="divide-y divide-gray-100">
              {live.map((g) => (
                <li key={g.id} class="py-2" data-testid="home-gig">
                  <a href={`/gigs/${g.id}`} class={`font-medium ${link}`}>{g.title}</a>
                  <p class="text-sm text-gray-700">
                    {statusLabel("gig", g.status)} · {when(g.starts_at, g.timezone)}
                  </p>
                  {g.group === "open" && (
                    <a
                      href={`/gigs/${g.id}/applications`}
                      class={`inline-flex min-h-[44px] items-center text-sm ${link}`}
                    >
                      {g.submitted} new, {g.shortlisted} shortlisted: review applicants
                    </a>
                  )}
                </li>
              ))}
            </ul>
          )}
      </Panel>
      <BookingsPanel bookings={home.bookings} side="client" />
      {home.suggestions && (
        <Panel
          id="suggested"
          title={`Musicians for “${home.suggestions.gig.title}”`}
          more={{ href: `/gigs/${home.suggestions.gig.id}`, label: "Open the gig" }}
        >
          {home.suggestions.musicians.length === 0
            ? (
              <Empty>
                Nobody new fits this gig yet. <a href="/musicians" class={link}>Find musicians</a>
              </Empty>
            )
            : (
              <ul class="divide-y divide-gray-100">
                {home.suggestions.musicians.map((m) => (
                  <li key={m.id} class="flex items-start gap-3 py-2">
                    <Avatar name={m.stage_name} url={avatarUrl(m.avatar_path)} />
                    <div>
                      <a href={`/musicians/${m.id}`} class={`font-medium ${link}`}>
                        {m.stage_name}
                      </a>
                      <p class="text-sm text-gray-700">
                        Fit {m.fit} of 100 · {m.reason}
                      </p>
                    </div>
                  </li>
                ))}
              </ul>
            )}
        </Panel>
      )}
    </>
  );
}
