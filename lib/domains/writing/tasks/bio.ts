/**
 * The musician's profile bio: a headline and 80–200 words in the third person, from the profile's
 * facts (and the facts of the current bio, if any).
 *
 * @module
 */
import { z } from "zod";
import {
  capitalise,
  genreLabel,
  joinList,
  type MusicianFacts,
  pick,
  placeName,
} from "../../gigs/facts.ts";
import { OFFLINE_WRITER_MODEL } from "../../../ports/ai/offline.ts";
import {
  article,
  clip,
  describeMusician,
  type DraftTask,
  firstSentences,
  musicianSheet,
  seedOf,
  SYSTEM_BASE,
} from "./writing.ts";

export const BioDraft = z.object({
  headline: z.string().trim().min(8).max(120),
  bio: z.string().trim().min(120).max(1500),
});
export type BioDraft = z.infer<typeof BioDraft>;

export function bioPrompt(m: MusicianFacts): string {
  return `Write a profile bio for this musician, in the third person, 80–200 words, plus a short ` +
    `headline (under 100 characters). Mention what they play, the styles, where they are based and ` +
    `what they are good for (from their skills). Keep facts from their current bio if it has any.\n\n` +
    musicianSheet(m);
}

function where(m: MusicianFacts): string {
  return placeName(m.city, m.country);
}

export function offlineBio(m: MusicianFacts): BioDraft {
  const rand = seedOf("bio", m.stage_name, m.instruments, m.genres, m.skills, m.city);
  const what = describeMusician(m);
  const place = where(m);
  const headline = clip(
    pick(rand, [
      `${capitalise(what)}${m.city ? ` in ${m.city}` : ""}`,
      `${capitalise(what)}${place ? ` · ${place}` : ""}`,
      `${m.stage_name}: ${what}${m.city ? `, ${m.city}` : ""}`,
    ]),
    110,
  );
  const s: string[] = [];
  s.push(
    pick(rand, [
      `${m.stage_name} is ${article(what)} ${what}${place ? ` based in ${place}` : ""}.`,
      `Based in ${place || "their home city"}, ${m.stage_name} is ${article(what)} ${what}.`,
      `${m.stage_name} works as ${article(what)} ${what}${place ? ` out of ${place}` : ""}.`,
    ]),
  );
  const moreGenres = m.genres.slice(2).map(genreLabel);
  if (m.instruments.length > 2 || moreGenres.length) {
    const extra: string[] = [];
    if (m.instruments.length > 2) {
      extra.push(`also plays ${joinList(m.instruments.slice(2).map((i) => i.toLowerCase()))}`);
    }
    if (moreGenres.length) extra.push(`is at home in ${joinList(moreGenres)}`);
    s.push(
      `${pick(rand, ["Beyond that,", "Along the way,", "On top of that,"])} ${
        m.stage_name.split(" ")[0]
      } ${joinList(extra)}.`,
    );
  }
  const own = firstSentences(m.bio, 2);
  if (own) s.push(own);
  if (m.skills.length) {
    const skills = joinList(m.skills.slice(0, 4).map((x) => x.toLowerCase()));
    s.push(
      pick(rand, [
        `Bandleaders and clients call on them for ${skills}.`,
        `Their strengths include ${skills}.`,
        `Expect solid ${skills}, every time.`,
      ]),
    );
  }
  const genre = m.genres[0] ? genreLabel(m.genres[0]) : "live";
  s.push(
    pick(rand, [
      `Whether it is a ${genre} club night, a private party or a studio session, ${m.stage_name} turns up prepared and plays for the room.`,
      `From intimate ${genre} sets to full-band shows, the focus is always on the music and the audience.`,
      `Reliable, well-rehearsed and easy to work with, ${m.stage_name} fits into a band or leads one.`,
    ]),
  );
  if (m.languages.length) {
    s.push(`Works in ${joinList(m.languages)}.`);
  }
  if (m.travel_radius_km) {
    s.push(
      `Available for gigs within ${m.travel_radius_km} km${m.city ? ` of ${m.city}` : ""}${
        m.travel_radius_km >= 500 ? " and further for the right project" : ""
      }.`,
    );
  }
  let bio = s.join(" ");
  if (bio.length < 120) {
    bio +=
      ` Get in touch through Soundcheck to check availability and talk through what your event needs.`;
  }
  return { headline, bio: clip(bio, 1500) };
}

export const bioTask: DraftTask<MusicianFacts, BioDraft> = {
  name: "bio",
  schemaName: "musician_bio",
  schema: BioDraft,
  system: SYSTEM_BASE,
  prompt: bioPrompt,
  offline: offlineBio,
  offlineModel: OFFLINE_WRITER_MODEL,
  render: (d) => `${d.headline}\n\n${d.bio}`,
};
