/**
 * A musician's application to a gig: a subject line and 120–250 words in the first person, saying
 * why they fit and, when it fits the budget, their fee.
 *
 * @module
 */
import { z } from "zod";
import {
  canonical,
  capitalise,
  durationAdjective,
  formatDay,
  formatMoney,
  formatRange,
  genreLabel,
  type GigFacts,
  haversineKm,
  joinList,
  kindLabel,
  type MusicianFacts,
  pick,
} from "../../gigs/facts.ts";
import { OFFLINE_WRITER_MODEL } from "../../../ports/ai/offline.ts";
import {
  article,
  clip,
  describeMusician,
  type DraftTask,
  gigSheet,
  musicianSheet,
  seedOf,
  SYSTEM_BASE,
} from "./writing.ts";

/** Who applies, and to what. */
export interface ProposalInput {
  musician: MusicianFacts;
  gig: GigFacts;
}

export const ProposalDraft = z.object({
  subject: z.string().trim().min(5).max(120),
  message: z.string().trim().min(150).max(2500),
});
export type ProposalDraft = z.infer<typeof ProposalDraft>;

export function proposalPrompt(m: MusicianFacts, g: GigFacts): string {
  return `Write ${m.stage_name}'s application to this gig, in the first person, 120–250 words, ` +
    `plus a subject line. Say why they fit (genres, instruments, skills that match what the gig ` +
    `asks for), confirm the date, and mention the fee only if it fits the budget. Friendly, ` +
    `specific, no clichés.\n\nThe gig:\n${gigSheet(g)}\n\nThe musician:\n${musicianSheet(m)}`;
}

export function offlineProposal(m: MusicianFacts, g: GigFacts): ProposalDraft {
  const rand = seedOf("proposal", m.stage_name, g.title, g.starts_at);
  const day = formatDay(g.starts_at, g.timezone);
  const what = describeMusician(m);
  const wantG = new Set(g.genres.map(canonical));
  const wantI = new Set(g.instruments.map(canonical));
  const sharedG = m.genres.filter((x) => wantG.has(canonical(x))).map(genreLabel);
  const sharedI = m.instruments.filter((x) => wantI.has(canonical(x)));
  const s: string[] = [];
  s.push(pick(rand, ["Hello,", "Hi there,", "Good day,"]));
  s.push(
    `I'm ${m.stage_name}, ${article(what)} ${what}${
      m.city ? ` based in ${m.city}` : ""
    }, and I'd love to play "${g.title}" on ${day}.`,
  );
  if (sharedI.length || sharedG.length) {
    const parts: string[] = [];
    if (sharedI.length) parts.push(`${joinList(sharedI.map((i) => i.toLowerCase()))}`);
    if (sharedG.length) parts.push(`${joinList(sharedG)}`);
    s.push(
      pick(rand, [
        `You're looking for ${
          joinList(parts, "in")
        }, which is exactly what I do week in, week out.`,
        `${
          capitalise(joinList(parts, "in"))
        } is the core of my work, so this gig is a natural fit.`,
      ]),
    );
  } else {
    s.push(
      `My background is in ${
        joinList(m.genres.map(genreLabel)) || "live music"
      }, and I adapt quickly to a new repertoire.`,
    );
  }
  if (m.skills.length) {
    s.push(
      `I can also bring ${
        joinList(m.skills.slice(0, 3).map((x) => x.toLowerCase()))
      } to the evening.`,
    );
  }
  s.push(
    `For a ${durationAdjective(g.duration_minutes)} ${
      kindLabel(g.kind)
    } I'll prepare a set that suits the room${
      g.genres.length ? ` and stays true to the ${joinList(g.genres.map(genreLabel))} brief` : ""
    }.`,
  );
  if (!g.remote && g.lat != null && g.lng != null && m.lat != null && m.lng != null) {
    const km = Math.round(haversineKm(m.lat, m.lng, g.lat, g.lng));
    if (km <= 5) s.push(`I'm local${g.city ? ` to ${g.city}` : ""}, so travel is no issue.`);
    else if (!m.travel_radius_km || km <= m.travel_radius_km) {
      s.push(`${g.city ?? "The venue"} is about ${km} km from me, well within my usual travel.`);
    }
  } else if (g.remote) {
    s.push(`I'm set up to work remotely with a proper recording and streaming setup.`);
  }
  const cur = m.currency && g.currency && m.currency === g.currency ? g.currency : null;
  if (cur && m.fee_min_minor != null) {
    const max = g.budget_max_minor;
    const fits = max == null || m.fee_min_minor <= max;
    if (fits) {
      const quote = max != null && m.fee_max_minor != null
        ? Math.min(m.fee_max_minor, max)
        : m.fee_min_minor;
      s.push(
        `My fee for this would be ${formatMoney(quote, cur)}, within your budget${
          g.budget_min_minor != null || max != null
            ? ` of ${formatRange(g.budget_min_minor, max, cur)}`
            : ""
        }.`,
      );
    } else {
      s.push(`I'm happy to talk through the fee so it works for your budget.`);
    }
  }
  if (m.languages.length > 1) s.push(`I work in ${joinList(m.languages)}.`);
  s.push(
    pick(rand, [
      `I'd be glad to send a draft setlist or jump on a quick call.`,
      `Happy to share recordings or a draft setlist whenever useful.`,
      `Let me know if you'd like references or a sample setlist.`,
    ]),
  );
  s.push(`Thanks for considering me,\n${m.stage_name}`);
  const message = s.slice(0, 1).join("") + "\n\n" + s.slice(1, -1).join(" ") + "\n\n" + s.at(-1);
  return {
    subject: clip(`${m.stage_name} for "${g.title}" on ${day}`, 120),
    message: clip(message, 2500),
  };
}

export const proposalTask: DraftTask<ProposalInput, ProposalDraft> = {
  name: "proposal",
  schemaName: "gig_proposal",
  schema: ProposalDraft,
  system: SYSTEM_BASE,
  prompt: ({ musician, gig }) => proposalPrompt(musician, gig),
  offline: ({ musician, gig }) => offlineProposal(musician, gig),
  offlineModel: OFFLINE_WRITER_MODEL,
  render: (d) => `${d.subject}\n\n${d.message}`,
};
