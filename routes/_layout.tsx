/** Navigation and page frame: responsive, keyboard-friendly, with the live notification badge. */
import { define } from "../utils.ts";
import { CsrfField } from "../components/Field.tsx";
import { FlashToast } from "../components/Page.tsx";
import NotificationBadge from "../islands/NotificationBadge.tsx";
import MessagesBadge from "../islands/MessagesBadge.tsx";

export default define.page(function Layout({ Component, state, url }) {
  const user = state.user;
  // A section's link stays current on its sub-pages (`/studio/songs/…`).
  const link = (href: string, label: string, section = false) => {
    const current = url.pathname === href || (section && url.pathname.startsWith(`${href}/`));
    return (
      <a
        href={href}
        aria-current={current ? "page" : undefined}
        class={`rounded-md px-3 py-2 text-sm font-medium hover:bg-gray-100 hover:text-gray-900 ${
          current ? "bg-indigo-50 text-indigo-800" : "text-gray-700"
        }`}
      >
        {label}
      </a>
    );
  };
  return (
    <>
      <a
        href="#main"
        class="sr-only focus:not-sr-only focus:absolute focus:p-2 focus:bg-white print:hidden"
      >
        Skip to content
      </a>
      <header class="border-b border-gray-200 bg-white print:hidden">
        <nav
          aria-label="Main"
          class="mx-auto flex max-w-5xl flex-wrap items-center gap-1 px-4 py-2"
        >
          <a
            href="/"
            class="mr-auto flex items-center gap-2 py-2 text-lg font-bold text-indigo-700"
          >
            <img src="/favicon.svg" alt="" width={24} height={24} />
            Soundcheck
          </a>
          {link("/gigs", "Gigs")}
          {link("/musicians", "Musicians")}
          {link("/dj", "DJ")}
          {user
            ? (
              <>
                {link("/matches", "For me")}
                {link("/bookings", "Bookings")}
                {user.claims.user_metadata?.is_client === true && link("/my/gigs", "My gigs")}
                {link("/favourites", "Saved")}
                {/* Labels and producers (clients) run virtual artists too. */}
                {link("/artists", "Artists", true)}
                {/* A hint from sign-up's metadata; the pages check the profile's role themselves. */}
                {user.claims.user_metadata?.is_musician === true && (
                  <>
                    {link("/my/applications", "Applications", true)}
                    {link("/studio", "Studio", true)}
                    {link("/earnings", "Earnings")}
                    {link("/scout", "Scout", true)}
                  </>
                )}
                {user.claims.app_metadata?.role === "admin" && (
                  <>
                    {user.claims.user_metadata?.is_musician !== true &&
                      link("/scout", "Scout", true)}
                    {link("/admin/disputes", "Disputes")}
                    {link("/admin/payments", "Payment problems")}
                  </>
                )}
                {/* The badges fetch their own counts: no page has to read them on their behalf. */}
                <MessagesBadge
                  userId={user.id}
                  initialCount={null}
                  current={url.pathname.startsWith("/messages")}
                />
                <NotificationBadge userId={user.id} initialCount={null} />
                {link("/profile", "Profile")}
                <form method="post" action="/signout" class="inline">
                  <CsrfField token={state.csrf} />
                  <button
                    type="submit"
                    class="rounded-md px-3 py-2 text-sm font-medium text-gray-700 hover:bg-gray-100"
                  >
                    Sign out
                  </button>
                </form>
              </>
            )
            : (
              <>
                {link("/signin", "Sign in")}
                <a
                  href="/signup"
                  class="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-700"
                >
                  Sign up
                </a>
              </>
            )}
        </nav>
      </header>
      <main id="main" class="mx-auto max-w-5xl px-4 py-6 sm:py-10">
        <FlashToast flash={state.flash} />
        <Component />
      </main>
      <footer class="mx-auto max-w-5xl px-4 py-8 text-sm text-gray-500 print:hidden">
        Soundcheck — gigs, AI writing and matching for working musicians.
        {state.platform.mode === "embedded" && state.platform.config.APP_ENV === "dev" && (
          <a href="/dev/outbox" class="ml-2 underline">Dev outbox</a>
        )}
      </footer>
    </>
  );
});
