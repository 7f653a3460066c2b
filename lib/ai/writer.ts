/**
 * AI writing tasks: a musician's bio, a setlist for a gig, a proposal for a gig, and a venue's
 * announcement and social post. Each task has a zod output schema, a prompt builder and an offline
 * composer. `write` tries the live model, retries ONCE when the answer is invalid (telling the
 * model what was wrong), and otherwise falls back to the offline composer, which writes real,
 * fact-based text deterministically (same facts → same draft).
 *
 * The user edits a draft before anything is saved: nothing here writes to the database.
 *
 * @module
 */
import { z } from "zod";
import type { Logger } from "../log.ts";
import { AiOutputError, type AiPort } from "./port.ts";
import { OFFLINE_WRITER_MODEL } from "./offline.ts";
import {
  canonical,
  capitalise,
  durationAdjective,
  formatDay,
  formatDuration,
  formatMoney,
  formatRange,
  formatTime,
  genreLabel,
  type GigFacts,
  haversineKm,
  joinList,
  kindLabel,
  type MusicianFacts,
  pick,
  placeName,
  roleNoun,
  seededRandom,
} from "./facts.ts";
import { CATALOGUE, catalogueKey, type CatalogueSong, RELATED } from "./songs.ts";

export type { GigFacts, MusicianFacts } from "./facts.ts";

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

// ---------------------------------------------------------------------------------------------
// Output schemas (strict structured output: every property required, nothing extra)

export const BioDraft = z.object({
  headline: z.string().trim().min(8).max(120),
  bio: z.string().trim().min(120).max(1500),
});
export type BioDraft = z.infer<typeof BioDraft>;

export const SetlistSong = z.object({
  title: z.string().trim().min(1).max(120),
  artist: z.string().trim().min(1).max(120),
  minutes: z.number().int().min(1).max(30),
  energy: z.number().int().min(1).max(10),
});
export type SetlistSong = z.infer<typeof SetlistSong>;

const SetlistShape = z.object({
  title: z.string().trim().min(3).max(120),
  songs: z.array(SetlistSong).min(1).max(160),
  notes: z.string().trim().max(800),
});
export type SetlistDraft = z.infer<typeof SetlistShape>;

/** How far a setlist's total may be from the gig's length: 8 %, at least 6 minutes. */
export function setlistTolerance(durationMinutes: number): number {
  return Math.max(6, Math.round(durationMinutes * 0.08));
}

/** The setlist schema for a gig of `durationMinutes`: the songs must add up to about that. */
export function setlistSchema(durationMinutes: number): z.ZodType<SetlistDraft> {
  const tol = setlistTolerance(durationMinutes);
  return SetlistShape.superRefine((s, ctx) => {
    const total = s.songs.reduce((n, x) => n + x.minutes, 0);
    if (Math.abs(total - durationMinutes) > tol) {
      ctx.addIssue({
        code: "custom",
        path: ["songs"],
        message: `the songs add up to ${total} minutes; the gig lasts ${durationMinutes} (±${tol})`,
      });
    }
    const titles = new Set(s.songs.map((x) => x.title.toLowerCase()));
    if (titles.size !== s.songs.length) {
      ctx.addIssue({ code: "custom", path: ["songs"], message: "a song is listed twice" });
    }
  });
}

export const ProposalDraft = z.object({
  subject: z.string().trim().min(5).max(120),
  message: z.string().trim().min(150).max(2500),
});
export type ProposalDraft = z.infer<typeof ProposalDraft>;

export const AnnouncementDraft = z.object({
  headline: z.string().trim().min(5).max(120),
  body: z.string().trim().min(100).max(2000),
  call_to_action: z.string().trim().min(3).max(160),
});
export type AnnouncementDraft = z.infer<typeof AnnouncementDraft>;

export const SocialPostDraft = z.object({
  text: z.string().trim().min(20).max(280),
  hashtags: z.array(z.string().regex(/^#[A-Za-z0-9_]{2,30}$/)).min(1).max(6),
});
export type SocialPostDraft = z.infer<typeof SocialPostDraft>;

export interface DraftByTask {
  bio: BioDraft;
  setlist: SetlistDraft;
  proposal: ProposalDraft;
  announcement: AnnouncementDraft;
  social_post: SocialPostDraft;
}

export interface WriteInput {
  musician?: MusicianFacts | null;
  gig?: GigFacts | null;
}

export interface WriteResult<T = unknown> {
  task: WriteTask;
  /** The structured draft, valid against the task's schema. */
  draft: T;
  /** The draft as plain text, for a textarea. */
  text: string;
  source: "live" | "offline";
  model: string;
  tokens: number;
  /** Live calls made (0 offline-only, 1, or 2 after a retry). */
  attempts: number;
  /** Why the offline writer was used, when a live model was configured. */
  fallback?: string;
}

export type WriteLog = Logger;

// ---------------------------------------------------------------------------------------------
// The live → retry → offline loop

interface TaskSpec<T> {
  task: WriteTask;
  schema: z.ZodType<T>;
  schemaName: string;
  system: string;
  prompt: string;
  offline: () => T;
  render: (value: T) => string;
}

const SYSTEM_BASE =
  "You are Soundcheck's writing assistant for working musicians and the venues that hire them. " +
  "Write in clear, warm, professional English. Use only the facts you are given: never invent " +
  "awards, names, venues, prices, dates or past bookings. Answer with JSON that fits the schema.";

async function run<T>(ai: AiPort, spec: TaskSpec<T>, log?: WriteLog): Promise<WriteResult<T>> {
  let attempts = 0;
  let fallback: string | undefined;
  let prompt = spec.prompt;
  while (attempts < 2) {
    attempts++;
    try {
      const g = await ai.generate({
        task: spec.task,
        system: spec.system,
        prompt,
        schema: spec.schema,
        schemaName: spec.schemaName,
      });
      return {
        task: spec.task,
        draft: g.value,
        text: spec.render(g.value),
        source: "live",
        model: g.model,
        tokens: g.tokens,
        attempts,
      };
    } catch (err) {
      fallback = err instanceof Error ? err.message : String(err);
      if (!(err instanceof AiOutputError)) {
        // Not configured or unreachable: a retry would not help.
        if (ai.mode === "offline") attempts--;
        break;
      }
      log?.({
        level: "warn",
        msg: "ai output invalid",
        task: spec.task,
        attempt: attempts,
        error: fallback,
      });
      prompt = `${spec.prompt}\n\nYour previous answer was rejected: ${fallback}. ` +
        "Answer again with JSON that fits the schema exactly.";
    }
  }
  if (ai.mode === "live") {
    log?.({
      level: "warn",
      msg: "ai writer fell back to offline",
      task: spec.task,
      error: fallback,
    });
  }
  // The offline composer is held to the same schema as the model.
  const value = spec.schema.parse(spec.offline());
  return {
    task: spec.task,
    draft: value,
    text: spec.render(value),
    source: "offline",
    model: OFFLINE_WRITER_MODEL,
    tokens: 0,
    attempts,
    ...(ai.mode === "live" ? { fallback } : {}),
  };
}

/** Writes the draft for `task` from `input`; throws if a fact the task needs is missing. */
export async function write(
  ai: AiPort,
  task: WriteTask,
  input: WriteInput,
  log?: WriteLog,
): Promise<WriteResult<DraftByTask[WriteTask]>> {
  const need = TASK_NEEDS[task];
  if (need.musician && !input.musician) throw new Error(`${task} needs a musician profile`);
  if (need.gig && !input.gig) throw new Error(`${task} needs a gig`);
  switch (task) {
    case "bio":
      return await writeBio(ai, input.musician!, log);
    case "setlist":
      return await writeSetlist(ai, input.gig!, input.musician ?? null, log);
    case "proposal":
      return await writeProposal(ai, input.musician!, input.gig!, log);
    case "announcement":
      return await writeAnnouncement(ai, input.gig!, log);
    case "social_post":
      return await writeSocialPost(ai, input.gig!, log);
  }
}

// ---------------------------------------------------------------------------------------------
// Fact sheets for prompts

function musicianSheet(m: MusicianFacts): string {
  const lines = [
    `Stage name: ${m.stage_name}`,
    `Instruments: ${m.instruments.join(", ") || "(none listed)"}`,
    `Genres: ${m.genres.join(", ") || "(none listed)"}`,
    `Skills: ${m.skills.join(", ") || "(none listed)"}`,
    `Languages: ${m.languages.join(", ") || "(none listed)"}`,
    `Based in: ${placeName(m.city, m.country) || "(not given)"}`,
  ];
  if (m.travel_radius_km) lines.push(`Travels up to: ${m.travel_radius_km} km`);
  const fee = formatRange(m.fee_min_minor, m.fee_max_minor, m.currency);
  if (fee) lines.push(`Usual fee: ${fee}`);
  if (m.bio?.trim()) lines.push(`Current bio: ${m.bio.trim().slice(0, 1200)}`);
  return lines.join("\n");
}

function gigSheet(g: GigFacts): string {
  const lines = [
    `Title: ${g.title}`,
    `Kind: ${kindLabel(g.kind)}`,
    `Genres: ${g.genres.join(", ") || "(any)"}`,
    `Instruments wanted: ${g.instruments.join(", ") || "(any)"}`,
    `Starts: ${formatDay(g.starts_at, g.timezone)} at ${formatTime(g.starts_at, g.timezone)} (${
      g.timezone ?? "UTC"
    })`,
    `Length: ${g.duration_minutes} minutes`,
    `Place: ${g.remote ? "remote" : placeOf(g) || "(not given)"}`,
  ];
  const budget = formatRange(g.budget_min_minor, g.budget_max_minor, g.currency);
  if (budget) lines.push(`Budget: ${budget}`);
  if (g.client_name) lines.push(`Posted by: ${g.client_name}`);
  if (g.description?.trim()) lines.push(`Description: ${g.description.trim().slice(0, 1500)}`);
  return lines.join("\n");
}

function placeOf(g: GigFacts): string {
  return [g.venue_name, placeName(g.city, g.country)].filter(Boolean).join(", ");
}

// ---------------------------------------------------------------------------------------------
// Shared wording

/** "jazz and soul guitarist and singer". */
function describeMusician(m: MusicianFacts, maxGenres = 2): string {
  const genres = m.genres.slice(0, maxGenres).map(genreLabel);
  const roles = m.instruments.slice(0, 2).map(roleNoun);
  const who = roles.length ? joinList(roles) : "musician";
  return genres.length ? `${joinList(genres)} ${who}` : who;
}

function article(phrase: string): string {
  return /^[aeiou]/i.test(phrase) && !/^(uk|eu|one)/i.test(phrase) ? "an" : "a";
}

function firstSentences(text: string | null, max: number, maxChars = 320): string {
  if (!text) return "";
  const sentences = text.replace(/\s+/g, " ").trim().match(/[^.!?]+[.!?]+|[^.!?]+$/g) ?? [];
  let out = "";
  for (const s of sentences.slice(0, max)) {
    if ((out + s).length > maxChars) break;
    out += s;
  }
  return out.trim();
}

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return cut.slice(0, Math.max(cut.lastIndexOf(" "), max - 20)).trimEnd() + "…";
}

function where(m: MusicianFacts): string {
  return placeName(m.city, m.country);
}

function seedOf(...parts: unknown[]): () => number {
  return seededRandom(JSON.stringify(parts));
}

// ---------------------------------------------------------------------------------------------
// bio

export function bioPrompt(m: MusicianFacts): string {
  return `Write a profile bio for this musician, in the third person, 80–200 words, plus a short ` +
    `headline (under 100 characters). Mention what they play, the styles, where they are based and ` +
    `what they are good for (from their skills). Keep facts from their current bio if it has any.\n\n` +
    musicianSheet(m);
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

export async function writeBio(
  ai: AiPort,
  m: MusicianFacts,
  log?: WriteLog,
): Promise<WriteResult<BioDraft>> {
  return await run(ai, {
    task: "bio",
    schema: BioDraft,
    schemaName: "musician_bio",
    system: SYSTEM_BASE,
    prompt: bioPrompt(m),
    offline: () => offlineBio(m),
    render: (d) => `${d.headline}\n\n${d.bio}`,
  }, log);
}

// ---------------------------------------------------------------------------------------------
// setlist

const MELLOW =
  /\b(dinner|background|ceremony|lounge|cocktail|brunch|drinks reception|acoustic|quiet)\b/i;
const PARTY = /\b(party|dance|club|festival|wedding reception|celebration|late night)\b/i;

/** Target energy at position p (0 → 1) of the gig: build, peak at ~70 %, ease off to close. */
export function energyTarget(p: number, mood: "mellow" | "normal" | "party"): number {
  const [lo, peak, end] = mood === "mellow" ? [2, 6, 3] : mood === "party" ? [5, 10, 8] : [4, 9, 6];
  const e = p < 0.7 ? lo + (peak - lo) * (p / 0.7) : peak - (peak - end) * ((p - 0.7) / 0.3);
  return Math.max(1, Math.min(10, e));
}

function setlistMood(g: GigFacts): "mellow" | "normal" | "party" {
  const text = `${g.title} ${g.description ?? ""}`;
  if (MELLOW.test(text)) return "mellow";
  if (PARTY.test(text)) return "party";
  return "normal";
}

function genreKeys(genres: string[]): string[] {
  const keys: string[] = [];
  for (const g of genres) {
    const k = catalogueKey(canonical(g));
    if (k && !keys.includes(k)) keys.push(k);
  }
  return keys;
}

export function setlistPrompt(g: GigFacts, m: MusicianFacts | null): string {
  const tol = setlistTolerance(g.duration_minutes);
  return `Plan a setlist for this gig: real, well-known songs that fit its genres, with an energy ` +
    `curve (start moderate, build to a peak about two thirds in, ease off for the close). Give each ` +
    `song its typical live length in whole minutes and an energy from 1 (ballad) to 10 ` +
    `(floor-filler). The minutes must add up to ${g.duration_minutes} (±${tol}); no song twice. ` +
    `Explain the shape of the set in "notes".\n\n${gigSheet(g)}` +
    (m ? `\n\nThe act:\n${musicianSheet(m)}` : "");
}

export function offlineSetlist(g: GigFacts, m: MusicianFacts | null): SetlistDraft {
  const rand = seedOf("setlist", g.title, g.genres, g.duration_minutes, m?.stage_name ?? "");
  const mood = setlistMood(g);
  let keys = genreKeys(g.genres);
  if (keys.length === 0 && m) keys = genreKeys(m.genres);
  if (keys.length === 0) keys = ["pop"];
  // The gig's genres first, then related ones, then everything: long gigs never run dry.
  const order = [...keys];
  for (const k of keys) for (const r of RELATED[k] ?? []) if (!order.includes(r)) order.push(r);
  for (const k of Object.keys(CATALOGUE)) if (!order.includes(k)) order.push(k);

  const seen = new Set<string>();
  const tiers: CatalogueSong[][] = order.map((k) => {
    const songs = CATALOGUE[k].filter((s) => {
      const key = s.title.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    // A stable shuffle per gig, so two gigs of one genre get different sets.
    return songs.map((s) => ({ s, r: rand() })).sort((a, b) => a.r - b.r).map((x) => x.s);
  });

  const duration = g.duration_minutes;
  const tol = setlistTolerance(duration);
  const chosen: SetlistSong[] = [];
  const used = new Set<string>();
  let total = 0;
  let jam = 0;
  while (total < duration - Math.min(2, tol)) {
    const left = duration - total;
    const target = energyTarget(total / duration, mood);
    let best: CatalogueSong | null = null;
    let bestCost = Infinity;
    // Prefer the closest tiers: a related genre only when the gig's own songs are far off target.
    for (let depth = 0; depth < tiers.length; depth++) {
      for (const s of tiers[depth]) {
        if (used.has(s.title) || s.minutes > left + tol || used.size >= 120) continue;
        const cost = Math.abs(s.energy - target) + depth * 1.5;
        if (cost < bestCost) {
          bestCost = cost;
          best = s;
        }
      }
    }
    let song: SetlistSong;
    if (best) {
      used.add(best.title);
      song = { title: best.title, artist: best.artist, minutes: best.minutes, energy: best.energy };
    } else {
      // The catalogue is spent (a very long gig): an open jam fills the gap, as bands do.
      const groove = pick(rand, ["blues in F", "modal vamp in D", "funk groove in E"]);
      song = {
        title: `Open jam ${++jam} (${groove})`,
        artist: m?.stage_name ?? "The band",
        minutes: Math.max(1, Math.min(30, left)),
        energy: Math.round(target),
      };
    }
    chosen.push(song);
    total += song.minutes;
  }
  const peak = chosen.reduce((a, b) => (b.energy > a.energy ? b : a), chosen[0]);
  const labels = keys.map(genreLabel);
  const sets = duration > 100 ? Math.ceil(duration / 60) : 1;
  const notes = [
    `${chosen.length} songs, ${total} minutes of ${joinList(labels)}${
      mood === "mellow"
        ? ", kept relaxed for the setting"
        : mood === "party"
        ? ", built for dancing"
        : ""
    }.`,
    `Opens with "${chosen[0].title}" at energy ${
      chosen[0].energy
    }, peaks with "${peak.title}" (${peak.energy}) about two thirds in, and closes with "${
      chosen.at(-1)!.title
    }".`,
    sets > 1
      ? `Split it into ${sets} sets at natural dips in energy if the evening has breaks.`
      : `Plays as one continuous set.`,
  ].join(" ");
  return {
    title: clip(`Setlist: ${g.title}`, 120),
    songs: chosen,
    notes: clip(notes, 800),
  };
}

export async function writeSetlist(
  ai: AiPort,
  g: GigFacts,
  m: MusicianFacts | null,
  log?: WriteLog,
): Promise<WriteResult<SetlistDraft>> {
  return await run(ai, {
    task: "setlist",
    schema: setlistSchema(g.duration_minutes),
    schemaName: "setlist",
    system: SYSTEM_BASE,
    prompt: setlistPrompt(g, m),
    offline: () => offlineSetlist(g, m),
    render: (d) =>
      [
        d.title,
        ...d.songs.map((s, i) =>
          `${i + 1}. ${s.title} — ${s.artist} (${s.minutes} min, energy ${s.energy})`
        ),
        "",
        d.notes,
      ].join("\n"),
  }, log);
}

// ---------------------------------------------------------------------------------------------
// proposal

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

export async function writeProposal(
  ai: AiPort,
  m: MusicianFacts,
  g: GigFacts,
  log?: WriteLog,
): Promise<WriteResult<ProposalDraft>> {
  return await run(ai, {
    task: "proposal",
    schema: ProposalDraft,
    schemaName: "gig_proposal",
    system: SYSTEM_BASE,
    prompt: proposalPrompt(m, g),
    offline: () => offlineProposal(m, g),
    render: (d) => `${d.subject}\n\n${d.message}`,
  }, log);
}

// ---------------------------------------------------------------------------------------------
// announcement (for venues)

export function announcementPrompt(g: GigFacts): string {
  return `Write a public announcement of this event for the venue's website and newsletter: a ` +
    `headline, a body of 80–200 words for the audience (not for musicians: no budget), and a short ` +
    `call to action.\n\n${gigSheet(g)}`;
}

export function offlineAnnouncement(g: GigFacts): AnnouncementDraft {
  const rand = seedOf("announcement", g.title, g.starts_at, g.venue_name);
  const day = formatDay(g.starts_at, g.timezone);
  const time = formatTime(g.starts_at, g.timezone);
  const venue = g.venue_name ?? (g.remote ? "online" : g.city ?? "our venue");
  const genres = joinList(g.genres.map(genreLabel));
  const host = g.venue_name ?? g.client_name ?? "We";
  const s: string[] = [];
  s.push(
    pick(rand, [
      `${host} ${host === "We" ? "are" : "is"} proud to present ${g.title}: ${
        genres ? `an evening of ${genres}` : `a ${kindLabel(g.kind)}`
      } on ${day}, starting at ${time}.`,
      `Mark ${day} in your diary: ${g.title} ${
        g.remote ? "streams live" : `comes to ${venue}`
      } from ${time}${
        genres ? `, with ${genres} all ${g.duration_minutes >= 120 ? "evening" : "set"} long` : ""
      }.`,
      `On ${day} at ${time}, ${g.title} ${g.remote ? "goes live online" : `takes over ${venue}`}${
        genres ? ` for ${formatDuration(g.duration_minutes)} of ${genres}` : ""
      }.`,
    ]),
  );
  const desc = firstSentences(g.description, 2, 400);
  if (desc) s.push(desc);
  if (g.instruments.length) {
    s.push(
      `Expect live ${joinList(g.instruments.map((i) => i.toLowerCase()))} ${
        pick(rand, ["up close", "in a room made for it", "with plenty of room to move"])
      }.`,
    );
  }
  s.push(
    g.remote
      ? `The show runs for ${
        formatDuration(g.duration_minutes)
      }, streamed so you can join from anywhere.`
      : `The music runs for ${formatDuration(g.duration_minutes)}${
        g.city ? ` in ${placeName(g.city, g.country)}` : ""
      }. Doors open a little before the start.`,
  );
  let body = s.join(" ");
  if (body.length < 100) body += " Bring your friends and make a night of it.";
  return {
    headline: clip(
      pick(rand, [`${g.title} — ${day}`, `${g.title} at ${venue}, ${day}`, `Live: ${g.title}`]),
      120,
    ),
    body: clip(body, 2000),
    call_to_action: pick(rand, [
      `Save the date and tell a friend: ${day}, ${time}.`,
      `Join us on ${day} from ${time}.`,
      `Book your spot now for ${day}.`,
    ]),
  };
}

export async function writeAnnouncement(
  ai: AiPort,
  g: GigFacts,
  log?: WriteLog,
): Promise<WriteResult<AnnouncementDraft>> {
  return await run(ai, {
    task: "announcement",
    schema: AnnouncementDraft,
    schemaName: "gig_announcement",
    system: SYSTEM_BASE,
    prompt: announcementPrompt(g),
    offline: () => offlineAnnouncement(g),
    render: (d) => `${d.headline}\n\n${d.body}\n\n${d.call_to_action}`,
  }, log);
}

// ---------------------------------------------------------------------------------------------
// social post (for venues)

export function socialPostPrompt(g: GigFacts): string {
  return `Write a social media post announcing this event: at most 240 characters of text (no ` +
    `hashtags in the text), plus 2–5 hashtags (each "#" followed by letters, digits or "_"). No ` +
    `budget.\n\n${gigSheet(g)}`;
}

function hashtag(word: string): string | null {
  const t = word.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^A-Za-z0-9]+/g, "");
  return t.length >= 2 ? `#${t.slice(0, 30)}` : null;
}

export function offlineSocialPost(g: GigFacts): SocialPostDraft {
  const rand = seedOf("social", g.title, g.starts_at);
  const day = formatDay(g.starts_at, g.timezone);
  const time = formatTime(g.starts_at, g.timezone);
  const genres = joinList(g.genres.slice(0, 2).map(genreLabel));
  const place = g.venue_name ?? g.city ?? "the venue";
  const at = g.remote
    ? "live online"
    : g.title.toLowerCase().includes(place.toLowerCase())
    ? (g.city && g.city !== place ? `in ${g.city}` : "")
    : `at ${place}`;
  const text = clip(
    pick(rand, [
      `${g.title}${at ? ` ${at}` : ""}, ${day} from ${time}.${
        genres ? ` ${capitalise(genres)} all night.` : ""
      } Don't miss it!`,
      `This ${day.split(" ")[0]}: ${g.title}${at ? ` ${at}` : ""}, ${time}.${
        genres ? ` Come for the ${genres}, stay for the vibe.` : ""
      }`,
      `Save the date: ${day}, ${time}. ${g.title}${at ? ` ${at}` : ""}.${
        genres ? ` Live ${genres}.` : ""
      }`,
    ]),
    240,
  );
  const tags: string[] = [];
  for (const w of [...g.genres.map(genreLabel), g.city ?? "", "live music"]) {
    const h = hashtag(w);
    if (h && !tags.includes(h)) tags.push(h);
  }
  return { text, hashtags: tags.slice(0, 5) };
}

export async function writeSocialPost(
  ai: AiPort,
  g: GigFacts,
  log?: WriteLog,
): Promise<WriteResult<SocialPostDraft>> {
  return await run(ai, {
    task: "social_post",
    schema: SocialPostDraft,
    schemaName: "social_post",
    system: SYSTEM_BASE,
    prompt: socialPostPrompt(g),
    offline: () => offlineSocialPost(g),
    render: (d) => `${d.text}\n\n${d.hashtags.join(" ")}`,
  }, log);
}
