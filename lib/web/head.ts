/**
 * Each page's <title>, description and share cards. Pages set `ctx.state.head` (with `socialHead`
 * on public pages, so a shared link shows a card); `headFor` fills in what a page left out from
 * the route, so no page is titled just "Soundcheck".
 *
 * @module
 */
import type { PageHead } from "../../utils.ts";

export const SITE_NAME = "Soundcheck";
export const SITE_DESCRIPTION =
  "Book musicians for shows, sessions and lessons, or find your next gig: profiles, " +
  "applications, bookings and payments held safely until the gig is played.";

type Meta = NonNullable<PageHead["meta"]>[number];

/** A route's fallback title and description, by path. First match wins. */
const ROUTES: [RegExp, string, string?][] = [
  [/^\/$/, "Book musicians, find gigs", SITE_DESCRIPTION],
  [/^\/signin$/, "Sign in", "Sign in to Soundcheck."],
  [/^\/signup$/, "Create your account", "Join Soundcheck as a musician or as a client."],
  [/^\/reset-password/, "Reset your password"],
  [/^\/gigs$/, "Find gigs", "Shows, sessions and teaching jobs posted by venues and clients."],
  [/^\/gigs\/new$/, "Post a gig"],
  [/^\/gigs\/[^/]+\/edit$/, "Edit gig"],
  [/^\/gigs\/[^/]+\/applications$/, "Applicants"],
  [/^\/gigs\/external\//, "External gig"],
  [/^\/gigs\//, "Gig"],
  [
    /^\/musicians$/,
    "Find musicians",
    "Find a musician by instrument, genre, place, fee and rating.",
  ],
  [/^\/musicians\//, "Musician"],
  [/^\/matches$/, "Gigs for me"],
  [/^\/my\/applications$/, "My applications"],
  [/^\/my\/applications\//, "Your application"],
  [/^\/my\/gigs$/, "My gigs"],
  [/^\/bookings$/, "Bookings"],
  [/^\/bookings\/[^/]+\/receipt$/, "Receipt"],
  [/^\/bookings\//, "Booking"],
  [/^\/messages$/, "Messages"],
  [/^\/messages\//, "Conversation"],
  [/^\/notifications$/, "Notifications"],
  [/^\/favourites$/, "Saved"],
  [/^\/earnings$/, "Earnings"],
  [/^\/profile\/musician$/, "Musician profile"],
  [/^\/profile\/media$/, "Photos, audio and video"],
  [/^\/profile\/client$/, "Client profile"],
  [/^\/profile$/, "Your profile"],
  [/^\/settings\/notifications$/, "Notification settings"],
  [/^\/settings\/plan$/, "Your plan"],
  [/^\/settings\/auto-apply$/, "Auto-apply"],
  [/^\/settings\/auto-shortlist$/, "Auto-shortlist"],
  [
    /^\/studio$/,
    "Song studio",
    "Describe a song in a sentence: get a plan to edit, then the song.",
  ],
  [/^\/studio\/library$/, "Song library"],
  [/^\/studio\/upload$/, "Upload a song"],
  [/^\/studio\/songs\/[^/]+\/master$/, "Master"],
  [/^\/studio\/songs\/[^/]+\/meter$/, "Loudness"],
  [/^\/studio\/songs\//, "Song"],
  [/^\/dj$/, "AI DJ", "Type a mood in any language; get a playlist with a reason for every track."],
  [/^\/dj\/history$/, "DJ history"],
  [/^\/dj\/runs\//, "Playlist"],
  [/^\/dj\/share\//, "Shared playlist"],
  [/^\/artists$/, "Virtual artists"],
  [/^\/artists\//, "Virtual artist"],
  [/^\/scout$/, "Gig scout"],
  [/^\/scout\//, "Gig scout source"],
  [/^\/admin$/, "Admin console"],
  [/^\/admin\/queues$/, "Queues"],
  [/^\/admin\/queues\//, "Dead letters"],
  [/^\/admin\/outbox$/, "Failed e-mails and SMS"],
  [/^\/admin\/audit$/, "Audit log"],
  [/^\/admin\/users$/, "Users"],
  [/^\/admin\/users\//, "User (admin)"],
  [/^\/account\/suspended$/, "Account suspended"],
  [/^\/account$/, "Your account", "Download your data, or delete your account."],
  [/^\/account\/restore$/, "Restore your account"],
  [/^\/admin\/reports$/, "Reports to review"],
  [/^\/report$/, "Report"],
  [/^\/reports$/, "Your reports"],
  [/^\/admin\/disputes$/, "Disputes"],
  [/^\/admin\/payments$/, "Payments to check"],
  [/^\/admin\/bookings\//, "Booking (admin)"],
  [/^\/pay\//, "Payment"],
  [/^\/s\//, "Shared song"],
  [/^\/dev\/outbox$/, "Dev outbox"],
];

function hasMeta(meta: Meta[], key: string): boolean {
  return meta.some((m) => ("name" in m ? m.name : m.property) === key);
}

/**
 * The head the shell renders: the page's own, else the route's, and a description always. The
 * title gets the site name appended unless it already names it.
 */
export function headFor(
  head: PageHead | undefined,
  path: string,
): { title: string; meta: Meta[] } {
  const route = ROUTES.find(([re]) => re.test(path));
  const title = head?.title ?? route?.[1];
  const meta = [...(head?.meta ?? [])];
  if (!hasMeta(meta, "description")) {
    meta.unshift({
      name: "description",
      content: head?.description ?? route?.[2] ?? SITE_DESCRIPTION,
    });
  }
  return {
    title: !title ? SITE_NAME : title.includes(SITE_NAME) ? title : `${title} · ${SITE_NAME}`,
    meta,
  };
}

/** An absolute URL on this site for `path` ("/gigs/1" → "https://soundcheck.example/gigs/1"). */
export function absoluteUrl(siteUrl: string, path: string): string {
  return new URL(path, siteUrl.endsWith("/") ? siteUrl : `${siteUrl}/`).toString();
}

export interface SocialCard {
  title: string;
  description: string;
  /** The page's path on this site, or an absolute URL. */
  path: string;
  /** The configured public origin (`ctx.state.siteUrl`). */
  siteUrl: string;
  /** Open Graph type: "website", "profile", "music.song", "music.playlist", "article"… */
  type?: string;
  /** A picture for the card (avatar, cover art), absolute or on this site. */
  image?: string | null;
  imageAlt?: string;
  /** Keep the page out of search engines (private share links). */
  noindex?: boolean;
  /** More tags (music:duration…). */
  extra?: Meta[];
}

/** Title, description, Open Graph and Twitter card tags for a page people share. */
export function socialHead(c: SocialCard): PageHead {
  const url = absoluteUrl(c.siteUrl, c.path);
  const image = c.image ? absoluteUrl(c.siteUrl, c.image) : null;
  const description = c.description.replace(/\s+/g, " ").trim().slice(0, 300);
  const meta: Meta[] = [
    { name: "description", content: description },
    { property: "og:site_name", content: SITE_NAME },
    { property: "og:type", content: c.type ?? "website" },
    { property: "og:title", content: c.title },
    { property: "og:description", content: description },
    { property: "og:url", content: url },
    { name: "twitter:card", content: image ? "summary_large_image" : "summary" },
    { name: "twitter:title", content: c.title },
    { name: "twitter:description", content: description },
  ];
  if (image) {
    meta.push({ property: "og:image", content: image });
    if (c.imageAlt) meta.push({ property: "og:image:alt", content: c.imageAlt });
    meta.push({ name: "twitter:image", content: image });
  }
  if (c.noindex) meta.push({ name: "robots", content: "noindex" });
  return { title: c.title, description, meta: [...meta, ...(c.extra ?? [])] };
}
