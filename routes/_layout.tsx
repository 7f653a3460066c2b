/** Navigation and page frame: responsive, keyboard-friendly, with the live notification badge. */
import { define } from "../utils.ts";
import { SiteNav } from "../components/SiteNav.tsx";
import { FlashToast } from "../components/Page.tsx";
import NotificationBadge from "../islands/NotificationBadge.tsx";
import MessagesBadge from "../islands/MessagesBadge.tsx";

export default define.page(function Layout({ Component, state, url }) {
  const user = state.user;
  return (
    <>
      <a
        href="#main"
        class="sr-only focus:not-sr-only focus:absolute focus:p-2 focus:bg-white print:hidden"
      >
        Skip to content
      </a>
      <header class="border-b border-gray-200 bg-white print:hidden">
        {/* Role-aware links and the menu (components/SiteNav.tsx); one row at every width. */}
        <SiteNav
          claims={user?.claims ?? null}
          pathname={url.pathname}
          csrf={state.csrf}
          badges={user && (
            <>
              {/* The badges fetch their own counts: no page has to read them on their behalf. */}
              <MessagesBadge
                userId={user.id}
                initialCount={null}
                current={url.pathname.startsWith("/messages")}
              />
              <NotificationBadge userId={user.id} initialCount={null} />
            </>
          )}
        />
      </header>
      <main id="main" class="mx-auto max-w-5xl px-4 py-6 sm:py-10">
        <FlashToast flash={state.flash} csrf={state.user ? state.csrf : null} />
        <Component />
      </main>
      <footer class="mx-auto max-w-5xl px-4 py-8 text-sm text-gray-600 print:hidden">
        Soundcheck — gigs, AI writing and matching for working musicians.
        {state.platform.mode === "embedded" && state.platform.config.APP_ENV === "dev" && (
          <a href="/dev/outbox" class="ml-2 underline">Dev outbox</a>
        )}
      </footer>
    </>
  );
});
