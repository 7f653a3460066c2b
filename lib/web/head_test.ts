/** Page heads: the route's fallback title and description, and share cards. */
import { assert, assertEquals } from "../../tests/_helpers/assert.ts";
import { absoluteUrl, headFor, SITE_DESCRIPTION, socialHead } from "./head.ts";

Deno.test("head - a page's own title wins; else the route's; never just the site name", () => {
  assertEquals(headFor({ title: "Friday jazz" }, "/gigs/1").title, "Friday jazz · Soundcheck");
  assertEquals(headFor(undefined, "/my/applications").title, "My applications · Soundcheck");
  assertEquals(headFor(undefined, "/gigs/abc/applications").title, "Applicants · Soundcheck");
  assertEquals(headFor(undefined, "/studio/songs/1/master").title, "Master · Soundcheck");
  assertEquals(headFor({ title: "Soundcheck: home" }, "/").title, "Soundcheck: home");
  assertEquals(headFor(undefined, "/nowhere/at/all").title, "Soundcheck");
});

Deno.test("head - every page has a description, the page's own when it gave one", () => {
  const desc = (h: ReturnType<typeof headFor>) =>
    h.meta.find((m) => "name" in m && m.name === "description")?.content;
  assertEquals(desc(headFor(undefined, "/")), SITE_DESCRIPTION);
  assertEquals(desc(headFor({ title: "x", description: "Mine" }, "/gigs")), "Mine");
  const social = headFor(
    socialHead({ title: "T", description: "D", path: "/x", siteUrl: "https://a.example" }),
    "/x",
  );
  assertEquals(social.meta.filter((m) => "name" in m && m.name === "description").length, 1);
});

Deno.test("head - share cards: absolute og:url and og:image, twitter card by picture", () => {
  const h = socialHead({
    title: "Ella Brooks",
    description: "Piano  trio.\nLisbon",
    path: "/musicians/7",
    siteUrl: "https://soundcheck.example",
    type: "profile",
    image: "/storage/avatars/7.jpg",
    imageAlt: "Photo of Ella Brooks",
  });
  const get = (k: string) =>
    h.meta?.find((m) => ("name" in m ? m.name : m.property) === k)?.content;
  assertEquals(get("og:url"), "https://soundcheck.example/musicians/7");
  assertEquals(get("og:image"), "https://soundcheck.example/storage/avatars/7.jpg");
  assertEquals(get("og:type"), "profile");
  assertEquals(get("og:title"), "Ella Brooks");
  assertEquals(get("og:description"), "Piano trio. Lisbon");
  assertEquals(get("twitter:card"), "summary_large_image");
  assertEquals(get("twitter:image"), "https://soundcheck.example/storage/avatars/7.jpg");
  const bare = socialHead({ title: "T", description: "D", path: "/", siteUrl: "http://h:1" });
  assert(!bare.meta?.some((m) => "property" in m && m.property === "og:image"));
  assertEquals(
    bare.meta?.find((m) => "name" in m && m.name === "twitter:card")?.content,
    "summary",
  );
  assertEquals(
    absoluteUrl("http://h:1/base", "https://cdn.example/a.png"),
    "https://cdn.example/a.png",
  );
});
