/**
 * The header's navigation, by role: a musician's gigs, applications, bookings, studio and
 * earnings; a client's gigs, musicians and bookings; the rest behind "Menu". One row at every
 * width: below `lg` the role links move into the menu too, and the menu is a <details>
 * disclosure, so it opens without JavaScript and its summary reports expanded or collapsed.
 * The current page is marked with `aria-current`.
 */
import type { ComponentChildren, JSX } from "preact";
import type { Claims } from "../lib/ports/db/mod.ts";
import { CsrfField } from "./Field.tsx";

export interface NavLink {
  href: string;
  label: string;
  /** Stays current on sub-pages (`/studio/songs/…`). */
  section?: boolean;
}

export interface NavRoles {
  musician: boolean;
  client: boolean;
  admin: boolean;
}

/**
 * The roles the user's token hints at (sign-up's metadata, read the way the database read it when
 * it made the profile). A hint for the navigation only: pages check the profile itself.
 */
export function navRoles(claims: Claims): NavRoles {
  const meta = claims.user_metadata ?? {};
  const client = meta.is_client === true;
  return {
    client,
    musician: meta.is_musician !== false || !client,
    admin: claims.app_metadata?.role === "admin",
  };
}

/** The role links shown in the bar (at most five, so the header keeps one row) and the rest. */
export function navLinks(roles: NavRoles): { primary: NavLink[]; more: NavLink[] } {
  const primary: NavLink[] = [];
  const more: NavLink[] = [];
  const gigsForMe = { href: "/matches", label: "Gigs for me" };
  const applications = { href: "/my/applications", label: "Applications", section: true };
  const bookings = { href: "/bookings", label: "Bookings", section: true };
  const studio = { href: "/studio", label: "Studio", section: true };
  const earnings = { href: "/earnings", label: "Earnings" };
  const myGigs = { href: "/my/gigs", label: "My gigs" };
  const findMusicians = { href: "/musicians", label: "Find musicians", section: true };
  if (roles.musician && roles.client) {
    primary.push(gigsForMe, applications, myGigs, findMusicians, bookings);
    more.push(studio, earnings, { href: "/gigs/new", label: "Post a gig" });
  } else if (roles.client) {
    primary.push(myGigs, findMusicians, bookings, { href: "/gigs/new", label: "Post a gig" });
  } else {
    primary.push(gigsForMe, applications, bookings, studio, earnings);
  }
  more.push({ href: "/gigs", label: "Browse gigs", section: true });
  if (!roles.client) more.push({ href: "/musicians", label: "Musicians", section: true });
  more.push({ href: "/favourites", label: "Saved" });
  // Labels and producers (clients) run virtual artists too.
  more.push({ href: "/artists", label: "Artists", section: true });
  if (roles.musician || roles.admin) more.push({ href: "/scout", label: "Scout", section: true });
  more.push({ href: "/dj", label: "DJ", section: true });
  if (roles.admin) {
    more.push({ href: "/admin", label: "Admin" });
    more.push({ href: "/admin/disputes", label: "Disputes" });
    more.push({ href: "/admin/payments", label: "Payment problems" });
  }
  more.push({ href: "/profile", label: "Profile", section: true });
  more.push({ href: "/settings/notifications", label: "Settings", section: true });
  more.push({ href: "/account", label: "Your data and account", section: true });
  return { primary, more };
}

const VISITOR_LINKS: NavLink[] = [
  { href: "/gigs", label: "Gigs", section: true },
  { href: "/musicians", label: "Musicians", section: true },
  { href: "/dj", label: "DJ", section: true },
];

function isCurrent(l: NavLink, pathname: string): boolean {
  return pathname === l.href || (l.section === true && pathname.startsWith(`${l.href}/`));
}

function Item({ l, pathname, block = false }: {
  l: NavLink;
  pathname: string;
  block?: boolean;
}): JSX.Element {
  const current = isCurrent(l, pathname);
  return (
    <a
      href={l.href}
      aria-current={current ? "page" : undefined}
      class={`${
        block ? "flex w-full" : "inline-flex"
      } min-h-[44px] items-center whitespace-nowrap rounded-md px-3 text-sm font-medium hover:bg-gray-100 hover:text-gray-900 ${
        current ? "bg-indigo-50 text-indigo-800" : "text-gray-700"
      }`}
    >
      {l.label}
    </a>
  );
}

function Menu({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <details class="relative" data-testid="nav-menu">
      <summary
        class="flex min-h-[44px] min-w-[44px] cursor-pointer list-none items-center justify-center gap-1 rounded-md px-2 text-sm font-medium text-gray-700 hover:bg-gray-100"
        aria-label={label}
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          width="20"
          height="20"
          fill="none"
          stroke="currentColor"
          stroke-width="2"
          stroke-linecap="round"
        >
          <path d="M4 6h16M4 12h16M4 18h16" />
        </svg>
        <span class="hidden sm:inline">{label}</span>
      </summary>
      <div class="absolute right-0 z-40 mt-1 w-64 max-w-[90vw] rounded-md border border-gray-200 bg-white p-2 shadow-lg">
        {children}
      </div>
    </details>
  );
}

export interface SiteNavProps {
  claims: Claims | null;
  pathname: string;
  csrf: string;
  /** The live badges (islands), kept in the bar at every width. */
  badges?: ComponentChildren;
}

export function SiteNav({ claims, pathname, csrf, badges }: SiteNavProps): JSX.Element {
  const logo = (
    <a
      href="/"
      aria-current={pathname === "/" ? "page" : undefined}
      class="mr-auto flex min-h-[44px] shrink-0 items-center gap-2 pr-3 text-lg font-bold text-indigo-700"
    >
      <img src="/favicon.svg" alt="" width={24} height={24} />
      Soundcheck
    </a>
  );
  if (!claims) {
    return (
      <nav aria-label="Main" class="mx-auto flex max-w-5xl items-center gap-1 px-4 py-1">
        {logo}
        <div class="hidden items-center gap-1 sm:flex">
          {VISITOR_LINKS.map((l) => <Item key={l.href} l={l} pathname={pathname} />)}
        </div>
        <Item l={{ href: "/signin", label: "Sign in" }} pathname={pathname} />
        <a
          href="/signup"
          class="inline-flex min-h-[44px] items-center whitespace-nowrap rounded-md bg-indigo-600 px-3 text-sm font-medium text-white hover:bg-indigo-700"
        >
          Sign up
        </a>
        <div class="sm:hidden">
          <Menu label="Menu">
            {VISITOR_LINKS.map((l) => <Item key={l.href} l={l} pathname={pathname} block />)}
          </Menu>
        </div>
      </nav>
    );
  }
  const { primary, more } = navLinks(navRoles(claims));
  return (
    <nav aria-label="Main" class="mx-auto flex max-w-5xl items-center gap-1 px-4 py-1">
      {logo}
      <div class="hidden items-center gap-1 lg:flex">
        {primary.map((l) => <Item key={l.href} l={l} pathname={pathname} />)}
      </div>
      {badges && <div class="flex shrink-0 items-center whitespace-nowrap">{badges}</div>}
      <Menu label="Menu">
        <div class="border-b border-gray-100 pb-1 mb-1 lg:hidden">
          {primary.map((l) => <Item key={l.href} l={l} pathname={pathname} block />)}
        </div>
        {more.map((l) => <Item key={l.href} l={l} pathname={pathname} block />)}
        <form method="post" action="/signout" class="mt-1 border-t border-gray-100 pt-1">
          <CsrfField token={csrf} />
          <button
            type="submit"
            class="flex min-h-[44px] w-full items-center rounded-md px-3 text-left text-sm font-medium text-gray-700 hover:bg-gray-100"
          >
            Sign out
          </button>
        </form>
      </Menu>
    </nav>
  );
}
