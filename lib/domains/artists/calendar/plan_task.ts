/**
 * A persona's content plan as an AI task: releases (songs the studio makes with the persona's
 * style, studioPrompt in persona/prompt.ts) and posts (caption, hashtags, a suggested visual,
 * the pillar served) over 1–12 weeks from a start date, following the persona's cadence.
 *
 * The schema depends on the input: the counts are exact (the cadence over the window), every
 * date is one of the window's days and every pillar one of the persona's (both as enums, so
 * strict structured output keeps the model inside them). The offline planner releases on
 * Fridays when it can, spreads posts evenly, rotates the pillars in order, announces a release
 * on its day and teases it the post before, and writes captions in the persona's language (en,
 * es, pt; others fall back to English) and voice.
 *
 * @module
 */
import { z } from "zod";
import { OFFLINE_WRITER_MODEL } from "../../../ports/ai/offline.ts";
import type { AiTask } from "../../../ports/ai/task.ts";
import { pick } from "../../gigs/facts.ts";
import { namesArtist } from "../../studio/artists.ts";
import { article, clip, seedOf } from "../../writing/tasks/writing.ts";
import { caption, captionLang, pillarKind } from "../persona/captions.ts";
import { hashtags, THEMES, TITLE_WORDS, VISUALS } from "../persona/plan_words.ts";
import { languageName } from "../persona/market.ts";
import { Persona } from "../types.ts";

export const ContentPlanInput = z.object({
  persona: Persona,
  start: z.iso.date(),
  weeks: z.number().int().min(1).max(12),
});
export type ContentPlanInput = z.infer<typeof ContentPlanInput>;

const text = (max: number) => z.string().trim().min(1).max(max);
const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const HASHTAG = /^#[\p{L}\p{N}_]+$/u;

function planShape(date: z.ZodType<string>, pillar: z.ZodType<string>) {
  return z.object({
    releases: z.array(
      z.object({
        date,
        title: text(120),
        idea: text(400).describe("What the song is about and how it feels, for the studio"),
      }).strict(),
    ),
    posts: z.array(
      z.object({
        date,
        time: z.string().regex(TIME).describe("HH:MM, local time"),
        caption: text(600),
        hashtags: z.array(z.string().regex(HASHTAG)).min(1).max(8),
        visual: text(300),
        pillar,
      }).strict(),
    ),
  }).strict();
}

export const ContentPlan = planShape(z.iso.date(), text(80));
export type ContentPlan = z.infer<typeof ContentPlan>;

const DAY_MS = 86_400_000;
const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();

/** The window's days, the last day, and how many releases and posts the cadence asks for. */
export function planCounts(input: ContentPlanInput) {
  const weeks = Math.max(1, Math.min(12, Math.round(input.weeks)));
  const days = Array.from({ length: weeks * 7 }, (_, i) => addDays(input.start, i));
  const { releases_per_month, posts_per_week } = input.persona.cadence;
  return {
    days,
    end: days.at(-1)!,
    releases: Math.round((releases_per_month * days.length) / 30.44),
    posts: Math.round(posts_per_week * weeks),
  };
}

const pillarsOf = (p: Persona) => [...new Set(p.content_pillars.map((x) => x.trim()))];

/** The plan for `input`: exact counts, dates in the window, pillars of the persona, no names. */
export function contentPlanSchema(input: ContentPlanInput): z.ZodType<ContentPlan> {
  const c = planCounts(input);
  const shape = planShape(
    z.enum(c.days as [string, ...string[]]),
    z.enum(pillarsOf(input.persona) as [string, ...string[]]),
  );
  return z.object({
    releases: shape.shape.releases.length(c.releases),
    posts: shape.shape.posts.length(c.posts),
  }).strict().superRefine((plan, ctx) => {
    plan.releases.forEach((r, i) => {
      if (namesArtist(`${r.title} ${r.idea}`)) {
        ctx.addIssue({ code: "custom", path: ["releases", i], message: "names a real artist" });
      }
    });
    plan.posts.forEach((p, i) => {
      if (namesArtist(`${p.caption} ${p.visual}`)) {
        ctx.addIssue({ code: "custom", path: ["posts", i], message: "names a real artist" });
      }
    });
  });
}

export const PLAN_SYSTEM =
  "You are Soundcheck's content planner for virtual artists. Plan releases and social posts " +
  "that follow the artist's cadence, pillars and voice. Captions are written in the artist's " +
  "language and voice; song ideas in English, for a music generator. Never name a real " +
  "artist, band or song. Answer with JSON that fits the schema.";

/** The prompt as the live model gets it. */
export function contentPlanPrompt(input: ContentPlanInput): string {
  const p = input.persona;
  const c = planCounts(input);
  return [
    `Plan content for the virtual artist below from ${input.start} to ${c.end} ` +
    `(${c.days.length / 7} weeks).`,
    `Name: ${p.name}`,
    `Genres: ${p.genres.join(", ")}; moods: ${p.moods.join(", ")}`,
    `Audience: ${p.audience}`,
    `Voice: ${p.voice}`,
    `Language of captions and titles: ${languageName(p.language)} (${p.language})`,
    `Content pillars: ${pillarsOf(p).join("; ")}`,
    `Cadence: ${p.cadence.releases_per_month} releases a month, ${p.cadence.posts_per_week} posts a week`,
    "",
    `Releases: exactly ${c.releases}, spread over the window (Fridays when possible); a title ` +
    "and an idea for the song (what it is about and how it feels).",
    `Posts: exactly ${c.posts}, spread evenly, rotating the pillars in the order above; each ` +
    "with a date, a local time (HH:MM), a caption in the artist's voice, 2–5 hashtags (no " +
    "spaces, starting with #), a suggested visual and the pillar it serves. Announce each " +
    "release on its day.",
  ].join("\n");
}

/** `n` distinct days of the window, evenly spread; Fridays when there are enough of them. */
function releaseDays(days: string[], n: number): string[] {
  if (!n) return [];
  const fridays = days.filter((d) => weekday(d) === 5);
  const from = fridays.length >= n ? fridays : days;
  return Array.from({ length: n }, (_, i) => from[Math.floor(((i + 0.5) * from.length) / n)]);
}

/** "Friday", "viernes", "sexta-feira". */
const dayName = (iso: string, lang: string) =>
  new Intl.DateTimeFormat(lang, { weekday: "long", timeZone: "UTC" })
    .format(new Date(`${iso}T00:00:00Z`));

/** "Pink and violet" → "pink and violet" inside a phrase. */
const midSentence = (s: string) => {
  const t = s.trim();
  return /^\p{Lu}\p{Ll}/u.test(t) ? t[0].toLowerCase() + t.slice(1) : t;
};

const POST_TIMES = [["18:30"], ["12:30", "19:00"], ["09:00", "13:00", "19:30"]];

function releaseTitle(rand: () => number, lang: "en" | "es" | "pt", used: Set<string>): string {
  const [first, second, join] = TITLE_WORDS[lang];
  let title = pick(rand, first) + join + pick(rand, second);
  for (let i = 0; i < 50 && used.has(title); i++) {
    title = pick(rand, first) + join + pick(rand, second);
  }
  if (used.has(title)) title += ` ${used.size + 1}`;
  used.add(title);
  return title;
}

/** The plan without a model: deterministic, valid against `contentPlanSchema(input)`. */
export function offlineContentPlan(input: ContentPlanInput): ContentPlan {
  const p = input.persona;
  const c = planCounts(input);
  const rand = seedOf("plan", p.name, p.genres, p.cadence, input.start, c.days.length);
  const lang = captionLang(p.language);
  const genre = p.genres[0];
  const used = new Set<string>();

  const themeAt = Math.floor(rand() * THEMES.length);
  const releases = releaseDays(c.days, c.releases).map((date, i) => {
    const title = releaseTitle(rand, lang, used);
    const theme = THEMES[(themeAt + i) % THEMES.length];
    const feel = `${p.moods[i % p.moods.length]} ${genre}`;
    const idea = `"${title}": ${article(feel)} ${feel} song about ${theme}, for ${p.audience}.`;
    return { date, title, idea: clip(idea, 400) };
  });

  // Posts: evenly spread, several a day when the cadence asks for more than seven a week; a
  // release day without a post takes the next one (or the last before it).
  const postDays = Array.from(
    { length: c.posts },
    (_, j) => c.days[Math.floor((j * c.days.length) / Math.max(1, c.posts))],
  );
  const releaseDates = new Set(releases.map((r) => r.date));
  for (const r of releases) {
    if (postDays.includes(r.date)) continue;
    const free = (d: string) => !releaseDates.has(d);
    const after = postDays.findIndex((d) => d > r.date && free(d));
    const before = postDays.findLastIndex(free);
    const i = after >= 0 ? after : before;
    if (i < 0) continue;
    postDays[i] = r.date;
    postDays.sort();
  }
  const perDay = new Map<string, number>();
  for (const d of postDays) perDay.set(d, (perDay.get(d) ?? 0) + 1);

  const seen = new Map<string, number>();
  const told = new Map<string, number>();
  const offset = Math.floor(rand() * 3);
  const pillars = pillarsOf(p);
  const look = midSentence(p.visual_identity.split(/[;.]/)[0]);
  const posts = postDays.map((date, j) => {
    const slot = seen.get(date) ?? 0;
    seen.set(date, slot + 1);
    const pillar = pillars[j % pillars.length];
    const kind = pillarKind(pillar);
    // Each kind's captions in turn, so two pillars of one kind do not repeat each other.
    const turn = told.get(kind) ?? 0;
    told.set(kind, turn + 1);
    const out = releases.find((r) => r.date === date);
    // The day's first post announces its release; the post just before a release teases it.
    const announce = out && postDays.indexOf(date) === j;
    const next = announce
      ? undefined
      : releases.find((r) => r.date > date && postDays[j + 1] === r.date);
    const release = announce
      ? { title: out.title, day: null }
      : next
      ? { title: next.title, day: dayName(next.date, lang) }
      : undefined;
    const text = caption(lang, kind, offset + turn, {
      genre,
      voice: p.voice,
      release,
      ask: j % 3 === 1,
    });
    return {
      date,
      time: POST_TIMES[Math.min(3, perDay.get(date)!) - 1][Math.min(slot, 2)],
      caption: clip(text, 600),
      hashtags: hashtags(lang, kind, p.name, genre, !!announce),
      visual: clip(
        announce
          ? `the cover art of “${out.title}”; ${look}`
          : `${pick(rand, VISUALS[kind])}; ${look}`,
        300,
      ),
      pillar,
    };
  });
  return { releases, posts };
}

export const contentPlanTask: AiTask<ContentPlanInput, ContentPlan> = {
  name: "artist_content_plan",
  schemaName: "artist_content_plan",
  schema: contentPlanSchema,
  system: PLAN_SYSTEM,
  prompt: contentPlanPrompt,
  offline: offlineContentPlan,
  offlineModel: OFFLINE_WRITER_MODEL,
};
