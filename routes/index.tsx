/** The landing page: what Soundcheck is, and a way in. No JavaScript. */
import { define } from "../utils.ts";
import { LinkButton } from "../components/Button.tsx";

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

export default define.page(function Landing({ state }) {
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
          {state.user ? <LinkButton href="/profile">Go to your profile</LinkButton> : (
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
});
