/**
 * AI writing: a musician's bio, a setlist for a gig, a proposal for a gig, and a venue's
 * announcement and social post. Each is an AI task in `tasks/` run by the shared policy
 * (run_task.ts); this module picks the task, checks that the facts it needs are there and
 * renders the draft as text. Offline, each task's composer writes real, fact-based text
 * deterministically (same facts → same draft).
 *
 * The user edits a draft before anything is saved: nothing here writes to the database.
 *
 * @module
 */
import type { GigFacts, MusicianFacts } from "../gigs/facts.ts";
import type { AiPort } from "../../ports/ai/port.ts";
import { type RunOptions, runTask } from "../../ports/ai/run_task.ts";
import { type AnnouncementDraft, announcementTask } from "./tasks/announcement.ts";
import { type BioDraft, bioTask } from "./tasks/bio.ts";
import { type ProposalDraft, proposalTask } from "./tasks/proposal.ts";
import { type SetlistDraft, setlistTask } from "./tasks/setlist.ts";
import { type SocialPostDraft, socialPostTask } from "./tasks/social_post.ts";
import type { DraftTask } from "./tasks/writing.ts";
import { chooseLanguage, type LanguageChoice, type WriteLang } from "./language.ts";

export type { GigFacts, MusicianFacts } from "../gigs/facts.ts";
export { AnnouncementDraft } from "./tasks/announcement.ts";
export { BioDraft } from "./tasks/bio.ts";
export { ProposalDraft } from "./tasks/proposal.ts";
export { setlistSchema, SetlistSong, setlistTolerance } from "./tasks/setlist.ts";
export type { SetlistDraft } from "./tasks/setlist.ts";
export { chooseLanguage, WRITE_LANGS } from "./language.ts";
export type { LanguageReason, WriteLang } from "./language.ts";
export { SocialPostDraft } from "./tasks/social_post.ts";

export const WRITE_TASKS = ["bio", "setlist", "proposal", "announcement", "social_post"] as const;
export type WriteTask = typeof WRITE_TASKS[number];

/** Which facts each task needs. */
export const TASK_NEEDS: Record<WriteTask, { musician: boolean; gig: boolean }> = {
  bio: { musician: true, gig: false },
  setlist: { musician: false, gig: true },
  proposal: { musician: true, gig: true },
  announcement: { musician: false, gig: true },
  social_post: { musician: false, gig: true },
};

/** Each task's structured draft; all but the setlist say which language they are in. */
export interface DraftByTask {
  bio: BioDraft & { language: WriteLang };
  setlist: SetlistDraft;
  proposal: ProposalDraft & { language: WriteLang };
  announcement: AnnouncementDraft & { language: WriteLang };
  social_post: SocialPostDraft & { language: WriteLang };
}

export interface WriteInput {
  musician?: MusicianFacts | null;
  gig?: GigFacts | null;
  /** The language the user asked for; otherwise chosen by `draftLanguage`. */
  language?: WriteLang | null;
  /** The browser's Accept-Language, used when the user's own text does not tell. */
  acceptLanguage?: string | null;
}

/**
 * The draft's language: the one asked for, else the language of what the user wrote (their bio
 * for a bio or a proposal, their gig's description for a venue's drafts), else the browser's,
 * else (for a proposal) the gig's own, else English.
 */
export function draftLanguage(task: WriteTask, input: WriteInput): LanguageChoice {
  const m = input.musician ?? null;
  const g = input.gig ?? null;
  const musicianSide = task === "bio" || task === "proposal";
  return chooseLanguage({
    requested: input.language,
    ownTexts: musicianSide ? [m?.bio] : [g?.description, g?.title],
    acceptLanguage: input.acceptLanguage,
    otherTexts: task === "proposal" ? [g?.description] : [],
  });
}

export interface WriteResult<T = unknown> {
  task: WriteTask;
  /** The structured draft, valid against the task's schema. */
  draft: T;
  /** The draft as plain text, for a textarea. */
  text: string;
  source: "live" | "offline";
  model: string;
  /** The language the draft is in, and why that one. */
  language: WriteLang;
  languageReason: LanguageChoice["reason"];
  tokens: number;
  /** Live calls made (0 offline-only, 1, or 2 after a retry). */
  attempts: number;
  /** Why the offline writer was used, when a live model was configured. */
  fallback?: string;
}

/**
 * Writes the draft for `task` from `input`; throws if a fact the task needs is missing. Usage is
 * recorded through `opts.recordUsage` when a live model answered.
 */
export async function write(
  ai: AiPort,
  task: WriteTask,
  input: WriteInput,
  opts: RunOptions = {},
): Promise<WriteResult<DraftByTask[WriteTask]>> {
  const need = TASK_NEEDS[task];
  const musician = input.musician ?? null;
  const gig = input.gig ?? null;
  if (need.musician && !musician) throw new Error(`${task} needs a musician profile`);
  if (need.gig && !gig) throw new Error(`${task} needs a gig`);
  const lang = draftLanguage(task, input);
  const language = lang.language;
  // The checks above make the assertions below hold.
  switch (task) {
    case "bio":
      return await draft(ai, task, bioTask, { musician: musician!, language }, lang, opts);
    case "setlist":
      return await draft(ai, task, setlistTask, { gig: gig!, musician, language }, lang, opts);
    case "proposal":
      return await draft(
        ai,
        task,
        proposalTask,
        { musician: musician!, gig: gig!, language },
        lang,
        opts,
      );
    case "announcement":
      return await draft(ai, task, announcementTask, { gig: gig!, language }, lang, opts);
    case "social_post":
      return await draft(ai, task, socialPostTask, { gig: gig!, language }, lang, opts);
  }
}

async function draft<Input, Output>(
  ai: AiPort,
  name: WriteTask,
  task: DraftTask<Input, Output>,
  input: Input,
  lang: LanguageChoice,
  opts: RunOptions,
): Promise<WriteResult<Output>> {
  const run = await runTask(ai, task, input, opts);
  return {
    task: name,
    draft: run.value,
    text: task.render(run.value),
    source: run.source,
    model: run.model,
    language: lang.language,
    languageReason: lang.reason,
    tokens: run.tokens,
    attempts: run.attempts,
    ...(run.fallback === undefined ? {} : { fallback: run.fallback }),
  };
}
