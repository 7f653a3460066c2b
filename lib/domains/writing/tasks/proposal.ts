/**
 * A musician's application to a gig: a subject line and 120–250 words in the first person ("we"
 * for a group), saying why they fit and, when it fits the budget, their fee; the gig named as a
 * person would ("your Friday jazz night at Casa Azul"), in the draft's language (phrases/).
 *
 * @module
 */
import { z } from "zod";
import type { GigFacts, MusicianFacts } from "../../gigs/facts.ts";
import { OFFLINE_WRITER_MODEL } from "../../../ports/ai/offline.ts";
import type { WriteLang } from "../language.ts";
import { tidy } from "../grammar.ts";
import { gigRef } from "../gig_ref.ts";
import { actOf } from "../voice.ts";
import { PHRASEBOOKS, proposalFacts, seedFor } from "../phrases/mod.ts";
import {
  clip,
  type DraftTask,
  gigSheet,
  languageLine,
  musicianSheet,
  SYSTEM_BASE,
  voiceLine,
} from "./writing.ts";

/** Who applies, to what, in which language. */
export interface ProposalInput {
  musician: MusicianFacts;
  gig: GigFacts;
  language: WriteLang;
}

export const ProposalDraft = z.object({
  subject: z.string().trim().min(5).max(120),
  message: z.string().trim().min(150).max(2500),
});
export type ProposalDraft = z.infer<typeof ProposalDraft>;

/** The live schema: the language pinned, the voice and the gig's naming in the field's words. */
export function proposalSchema(
  input: ProposalInput,
): z.ZodType<ProposalDraft & { language: WriteLang }> {
  const group = actOf(input.musician).group;
  return ProposalDraft.extend({
    message: ProposalDraft.shape.message.describe(
      `120–250 words in ${input.language}, first person ${
        group ? "plural (we)" : "singular (I)"
      }; ` +
        `names the gig as people say it, never its listing title in quotes`,
    ),
    language: z.enum([input.language]).describe("The language the draft is written in"),
  });
}

export function proposalPrompt({ musician: m, gig: g, language }: ProposalInput): string {
  const example = gigRef(g, language).nom;
  return `Write ${m.stage_name}'s application to this gig, 120–250 words, plus a subject line. ` +
    `Say why they fit (genres, instruments, skills that match what the gig asks for), confirm the ` +
    `date, and mention the fee only if it fits the budget. Friendly, specific, no clichés, in ` +
    `sentences rather than a list. Refer to the gig the way a person would (for example ` +
    `"${example}"), not by quoting its title.\n${languageLine(language)}\n${
      voiceLine(m, "first")
    }\n\nThe gig:\n${gigSheet(g)}\n\nThe musician:\n${musicianSheet(m)}`;
}

export function offlineProposal(
  { musician: m, gig: g, language }: ProposalInput,
): ProposalDraft & { language: WriteLang } {
  const rand = seedFor("proposal", language, m.stage_name, g.title, g.starts_at);
  const t = PHRASEBOOKS[language].proposal(proposalFacts(m, g, language), rand);
  const message = [t.greeting, tidy(t.intro), tidy(t.details), t.signoff].join("\n\n");
  return { subject: clip(t.subject, 120), message: clip(message, 2500), language };
}

export const proposalTask: DraftTask<ProposalInput, ProposalDraft & { language: WriteLang }> = {
  name: "proposal",
  schemaName: "gig_proposal",
  schema: proposalSchema,
  system: SYSTEM_BASE,
  prompt: proposalPrompt,
  offline: offlineProposal,
  offlineModel: OFFLINE_WRITER_MODEL,
  render: (d) => `${d.subject}\n\n${d.message}`,
};
