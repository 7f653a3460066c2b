/**
 * The musician's profile bio: a headline and 80–200 words in the third person, from the profile's
 * facts (and the facts of the current bio, if any), in the draft's language and about the group
 * as a whole when the act is a band (phrases/).
 *
 * @module
 */
import { z } from "zod";
import type { MusicianFacts } from "../../gigs/facts.ts";
import { OFFLINE_WRITER_MODEL } from "../../../ports/ai/offline.ts";
import type { WriteLang } from "../language.ts";
import { tidy } from "../grammar.ts";
import { PHRASEBOOKS, seedFor, whoFacts } from "../phrases/mod.ts";
import {
  clip,
  type DraftTask,
  languageLine,
  musicianSheet,
  SYSTEM_BASE,
  voiceLine,
} from "./writing.ts";

/** Whose bio, in which language. */
export interface BioInput {
  musician: MusicianFacts;
  language: WriteLang;
}

export const BioDraft = z.object({
  headline: z.string().trim().min(8).max(120),
  bio: z.string().trim().min(120).max(1500),
});
export type BioDraft = z.infer<typeof BioDraft>;

/** The live schema: the same draft, its language pinned and the voice in the field's words. */
export function bioSchema(input: BioInput): z.ZodType<BioDraft & { language: WriteLang }> {
  const group = whoFacts(input.musician, input.language).act.group;
  return BioDraft.extend({
    bio: BioDraft.shape.bio.describe(
      `80–200 words in ${input.language}, third person${
        group ? ", about the group as a whole (never as one musician)" : ""
      }`,
    ),
    language: z.enum([input.language]).describe("The language the draft is written in"),
  });
}

export function bioPrompt({ musician: m, language }: BioInput): string {
  return `Write a profile bio for this act, 80–200 words, plus a short headline (under 100 ` +
    `characters). Say what they play, the styles, where they are based and what they are good ` +
    `for (from their skills), in flowing sentences rather than a list. Keep facts from their ` +
    `current bio if it has any.\n${languageLine(language)}\n${voiceLine(m, "third")}\n\n` +
    musicianSheet(m);
}

export function offlineBio(
  { musician: m, language }: BioInput,
): BioDraft & { language: WriteLang } {
  const rand = seedFor("bio", language, m.stage_name, m.instruments, m.genres, m.skills, m.city);
  const { headline, sentences } = PHRASEBOOKS[language].bio(whoFacts(m, language), rand);
  let bio = tidy(sentences);
  if (bio.length < 120) bio += " " + PADDING[language];
  return { headline: clip(headline, 110), bio: clip(bio, 1500), language };
}

// A bio too short for the schema (a profile with hardly any facts) ends with an invitation.
const PADDING: Record<WriteLang, string> = {
  en:
    "Get in touch through Soundcheck to check availability and talk through what your event needs.",
  es:
    "Escribe a través de Soundcheck para consultar la disponibilidad y hablar de lo que necesita tu evento.",
  fr: "Passez par Soundcheck pour vérifier les disponibilités et parler de votre événement.",
  de: "Über Soundcheck lassen sich Verfügbarkeit und alle Details zu Ihrer Veranstaltung klären.",
  pt:
    "Entre em contacto pelo Soundcheck para confirmar a disponibilidade e falar sobre o seu evento.",
};

export const bioTask: DraftTask<BioInput, BioDraft & { language: WriteLang }> = {
  name: "bio",
  schemaName: "musician_bio",
  schema: bioSchema,
  system: SYSTEM_BASE,
  prompt: bioPrompt,
  offline: offlineBio,
  offlineModel: OFFLINE_WRITER_MODEL,
  render: (d) => `${d.headline}\n\n${d.bio}`,
};
