/**
 * `/`: for visitors, the landing page (what Soundcheck is, and a way in); for a signed-in user,
 * their home: the onboarding checklist until it is done or hidden, then the panels of their
 * roles (a musician's gigs, applications, bookings and earnings; a client's gigs with applicants,
 * bookings and suggested musicians; both for someone who is both). No JavaScript.
 */
import { define } from "../utils.ts";
import { page } from "../lib/fresh_runtime/mod.ts";
import { SITE_DESCRIPTION, socialHead } from "../lib/web/head.ts";
import { LinkButton } from "../components/Button.tsx";
import { PageTitle } from "../components/Page.tsx";
import { HomeChecklist } from "../components/HomeChecklist.tsx";
import { ClientPanels, MusicianPanels } from "../components/HomePanels.tsx";
import { CsrfField } from "../components/Field.tsx";
import { type HomeData, loadHome } from "../lib/domains/home/mod.ts";
import { livePayoutProviders, paymentDeps } from "../lib/domains/payments/mod.ts";

interface Data {
  home: HomeData | null;
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = ctx.state.user;
    if (!user) {
      ctx.state.head = socialHead({
        title: "Soundcheck: book musicians, find gigs",
        description: SITE_DESCRIPTION,
        path: "/",
        siteUrl: ctx.state.siteUrl,
      });
      return page({ home: null });
    }
    const { platform } = ctx.state;
    const payoutProviders = livePayoutProviders(paymentDeps(platform));
    const home = await platform.db.asUser(
      user.claims,
      (tx) => loadHome(tx, user.id, { payoutProviders }),
    );
    if (home) ctx.state.head = { title: "Home" };
    return page({ home });
  },
});

const features = [
  [
    "Gigs",
    "Post shows, sessions and teaching jobs; musicians apply with proposals; book, pay and review.",
  ],
  [
    "AI writing",
    "Bios, setlists, proposals and gig announcements drafted from your profile and the gig.",
  ],
  ["Matching", "“Gigs for me” and “musicians for this gig”, ranked by meaning and by hard facts."],
  [
    "Escrow",
    "Money is held until the gig is played, then released. Stripe, Razorpay or simulated.",
  ],
  ["Live chat", "A conversation per application and booking, with notifications that arrive live."],
  ["AI DJ", "Type a mood in any language and get a playlist in your Spotify account."],
] as const;

export default define.page<typeof handler>(function Index({ data, state }) {
  return data?.home
    ? <Home home={data.home} csrf={state.csrf} avatar={avatarUrl(state)} />
    : <Landing signedIn={Boolean(state.user)} />;
});

function avatarUrl(state: { platform: { storage: { publicUrl(b: string, p: string): string } } }) {
  return (path: string | null) => path ? state.platform.storage.publicUrl("avatars", path) : null;
}

function Home({ home, csrf, avatar }: {
  home: HomeData;
  csrf: string;
  avatar: (path: string | null) => string | null;
}) {
  const { facts } = home;
  const both = home.musician && home.client;
  return (
    <>
      <PageTitle
        sub={both
          ? "Your gigs as a musician and as a client, in one place."
          : home.client
          ? "Your gigs, the musicians who applied and who you booked."
          : "Gigs that fit you, your applications and your bookings."}
      >
        Hello, {facts.display_name}
      </PageTitle>
      {home.showChecklist && <HomeChecklist steps={home.steps} csrf={csrf} />}
      {!home.showChecklist && facts.dismissed && home.steps.some((s) => !s.done) && (
        <form method="post" action="/onboarding" class="-mt-4 mb-4">
          <CsrfField token={csrf} />
          <input type="hidden" name="dismissed" value="false" />
          <button type="submit" class="min-h-[44px] text-sm text-indigo-700 underline">
            Show the set-up list again
          </button>
        </form>
      )}
      {both
        ? (
          <div class="grid gap-6 lg:grid-cols-2">
            <div class="space-y-6">
              <h2 class="text-xl font-bold text-gray-900">As a musician</h2>
              <MusicianPanels home={home.musician!} />
            </div>
            <div class="space-y-6">
              <h2 class="text-xl font-bold text-gray-900">As a client</h2>
              <ClientPanels home={home.client!} avatarUrl={avatar} />
            </div>
          </div>
        )
        : (
          <div class="grid gap-6 md:grid-cols-2">
            {home.musician && <MusicianPanels home={home.musician} />}
            {home.client && <ClientPanels home={home.client} avatarUrl={avatar} />}
          </div>
        )}
    </>
  );
}

function Landing({ signedIn }: { signedIn: boolean }) {
  return (
    <>
      <section class="py-8 sm:py-16 text-center">
        <h1 class="text-4xl sm:text-5xl font-extrabold tracking-tight text-gray-900">
          Where working musicians get booked
        </h1>
        <p class="mx-auto mt-4 max-w-2xl text-lg text-gray-600">
          Soundcheck connects musicians with the venues and clients who hire them, and lets AI do
          the writing, the matching and the playlists.
        </p>
        <div class="mt-8 flex justify-center gap-3">
          {signedIn ? <LinkButton href="/profile">Go to your profile</LinkButton> : (
            <>
              <LinkButton href="/signup">Create a free account</LinkButton>
              <a
                href="/signin"
                class="rounded-md border border-gray-300 bg-white px-4 py-2 font-medium text-gray-900 hover:bg-gray-50"
              >
                Sign in
              </a>
            </>
          )}
        </div>
      </section>
      <section aria-label="Features" class="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {features.map(([title, text]) => (
          <div key={title} class="rounded-lg border border-gray-200 bg-white p-5">
            <h2 class="text-lg font-semibold text-gray-900">{title}</h2>
            <p class="mt-1 text-gray-600">{text}</p>
          </div>
        ))}
      </section>
    </>
  );
}
