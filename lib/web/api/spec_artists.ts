/** Virtual artists' API operations for the OpenAPI document. */
import { z } from "zod";
import type { Operation } from "./openapi.ts";
import {
  ArtistBody,
  ArtistListBody,
  CalendarBody,
  CalendarInput,
  ChartsInput,
  CreateArtistInput,
  Dashboard,
  DashboardQuery,
  DecisionInput,
  DrawingBody,
  EditPersonaInput,
  ImportBody,
  ImportResult,
  MemberInput,
  MembersBody,
  MetricsInput,
  PlanBody,
  PlanListBody,
  RestoreInput,
  TrackInput,
  VersionsBody,
} from "../../domains/artists/api.ts";
import { SongBody } from "../../domains/studio/types.ts";
import { ChartRow } from "../../domains/artists/types.ts";
import { Momentum } from "../../domains/artists/trends/momentum.ts";
import { CompetitorSummary } from "../../domains/artists/trends/summary_task.ts";

const tag = "artists";
const A = "/api/artists/{id}";

export const artistOperations: Operation[] = [
  {
    method: "get",
    path: "/api/artists",
    summary: "The virtual artists you own or were invited to read, newest first",
    tag,
    auth: true,
    response: ArtistListBody,
  },
  {
    method: "post",
    path: "/api/artists",
    summary: "A virtual artist from a brief (genre, market, audience, tone; optional name and " +
      "notes): the AI (or the offline writer) writes the persona and its art is drawn. 422 " +
      "naming the field and the reason when the guardrails refuse (a real artist's name or a " +
      "close match, hateful or stereotyped traits). Counts against the daily AI allowance.",
    tag,
    auth: true,
    body: CreateArtistInput,
    response: ArtistBody,
    status: 201,
    errors: [415, 422],
  },
  {
    method: "get",
    path: A,
    summary: "One artist: the current persona, its version and art",
    tag,
    auth: true,
    response: ArtistBody,
    errors: [404],
  },
  {
    method: "get",
    path: `${A}/drawing`,
    summary: "The image provider drawing the art (live AI only; offline the drawn SVG is the " +
      "art): the latest job, `queued` → `done`; follow the topic `artist_art:{id}`. null when " +
      "none was asked for.",
    tag,
    auth: true,
    response: DrawingBody,
    errors: [404],
  },
  {
    method: "delete",
    path: A,
    summary: "Deletes the artist with its versions, calendar, figures and plans (owner only)",
    tag,
    auth: true,
    response: z.null(),
    status: 204,
    errors: [403, 404],
  },
  {
    method: "put",
    path: `${A}/persona`,
    summary: "Saves an edited persona as a new version (guardrails first: 422); 409 when " +
      "`version` is no longer the current one; 400 when nothing changed",
    tag,
    auth: true,
    body: EditPersonaInput,
    response: ArtistBody,
    errors: [403, 404, 409, 415, 422],
  },
  {
    method: "get",
    path: `${A}/versions`,
    summary: "Every version, newest first: its cause (created, edited, plan, rollback), who, " +
      "and a readable diff against the version before",
    tag,
    auth: true,
    response: VersionsBody,
    errors: [404],
  },
  {
    method: "post",
    path: `${A}/restore`,
    summary: "Rolls back: the persona of `version` becomes a new version",
    tag,
    auth: true,
    body: RestoreInput,
    response: ArtistBody,
    errors: [403, 404, 409, 415, 422],
  },
  {
    method: "get",
    path: `${A}/members`,
    summary: "The people invited to read the artist",
    tag,
    auth: true,
    response: MembersBody,
    errors: [404],
  },
  {
    method: "post",
    path: `${A}/members`,
    summary: "Invites a Soundcheck user by e-mail to read the artist (404 `email` when nobody " +
      "has that address)",
    tag,
    auth: true,
    body: MemberInput,
    response: MembersBody,
    status: 201,
    errors: [403, 404, 415],
  },
  {
    method: "delete",
    path: `${A}/members/{user}`,
    summary: "Removes a member (the owner), or leaves (the member)",
    tag,
    auth: true,
    response: z.null(),
    status: 204,
    errors: [404],
  },
  {
    method: "get",
    path: `${A}/calendar`,
    summary: "The content calendar: releases and posts by date",
    tag,
    auth: true,
    response: CalendarBody,
    errors: [404],
  },
  {
    method: "post",
    path: `${A}/calendar`,
    summary: "Plans `weeks` weeks from `start` by the persona's cadence: releases (song ideas) " +
      "and posts (caption, hashtags, suggested visual). Releases already made into songs stay.",
    tag,
    auth: true,
    body: CalendarInput,
    response: CalendarBody,
    status: 201,
    errors: [403, 404, 415],
  },
  {
    method: "get",
    path: `${A}/calendar/ics`,
    summary: "The calendar as an iCalendar file (text/calendar)",
    tag,
    auth: true,
    response: z.string(),
    errors: [404],
  },
  {
    method: "post",
    path: `${A}/calendar/{entry}/song`,
    summary: "Makes a release into a studio song (202) whose prompt carries the persona's " +
      "style; follow it as any song. 409 when it has one; the studio's quota applies.",
    tag,
    auth: true,
    response: SongBody,
    status: 202,
    errors: [403, 404, 409],
  },
  {
    method: "post",
    path: `${A}/metrics`,
    summary: "Imports performance rows (date, track, country, streams, listeners, saves, " +
      "skips, followers), all or nothing, idempotent by (track, date, country)",
    tag,
    auth: true,
    body: MetricsInput,
    response: ImportResult,
    errors: [403, 404, 415, 422],
  },
  {
    method: "post",
    path: `${A}/charts`,
    summary: "Imports weekly chart rows (country, week, rank, track, artist, genre, streams), " +
      "idempotent by (country, week, rank)",
    tag,
    auth: true,
    body: ChartsInput,
    response: ImportResult,
    errors: [403, 404, 415, 422],
  },
  {
    method: "get",
    path: `${A}/imports`,
    summary: "The latest CSV imports with their counts and bad lines",
    tag,
    auth: true,
    response: z.object({ imports: z.array(ImportBody.shape.import) }),
    errors: [404],
  },
  {
    method: "post",
    path: `${A}/imports`,
    summary: "Imports a CSV (multipart/form-data: `file`, `kind` metrics or charts). Up to " +
      "256 KB now (201, done); larger files by a job (202, queued: follow …/imports/{import} " +
      "or the topic `artist_import:{id}`). 422 lists every bad line in `issues`; nothing is " +
      "imported then.",
    tag,
    auth: true,
    response: ImportBody,
    status: 201,
    errors: [403, 404, 413, 415, 422],
  },
  {
    method: "get",
    path: `${A}/imports/{import}`,
    summary: "One import: status, counts, bad lines",
    tag,
    auth: true,
    response: ImportBody,
    errors: [404],
  },
  {
    method: "post",
    path: `${A}/tracks`,
    summary: "A track released outside Soundcheck with what you know of its sound, for the " +
      "analysis (the same title updates it)",
    tag,
    auth: true,
    body: TrackInput,
    response: z.object({ id: z.uuid() }),
    status: 201,
    errors: [403, 404, 415],
  },
  {
    method: "get",
    path: `${A}/dashboard`,
    query: DashboardQuery,
    summary: "Totals and weekly streams, save rate, skip rate and followers; by country and by " +
      "track (filter by `track` or `country`)",
    tag,
    auth: true,
    response: Dashboard,
    errors: [404],
  },
  {
    method: "get",
    path: `${A}/trends`,
    summary: "Genre momentum by country (rank-weighted chart share against 4 weeks before) and " +
      "a competitor summary of the artist's market citing the chart rows used",
    tag,
    auth: true,
    response: z.object({
      market: z.string(),
      weeks: z.number().int(),
      countries: z.array(z.object({ country: z.string(), momentum: z.array(Momentum) })),
      summary: CompetitorSummary.nullable(),
      summary_source: z.enum(["live", "offline"]).nullable(),
      cited: z.array(ChartRow).describe("The chart rows the summary cites"),
    }),
    errors: [404],
  },
  {
    method: "get",
    path: `${A}/plans`,
    summary: "The latest evolution plans",
    tag,
    auth: true,
    response: PlanListBody,
    errors: [404],
  },
  {
    method: "post",
    path: `${A}/plans`,
    summary: "Queues an evolution plan (202): analysing → planning → `ready`, follow " +
      "…/plans/{plan} or the topic `artist_plan:{id}`. A plan under way is answered instead; " +
      "409 before any figures are imported.",
    tag,
    auth: true,
    response: PlanBody,
    status: 202,
    errors: [403, 404, 409],
  },
  {
    method: "get",
    path: `${A}/plans/{plan}`,
    summary: "One plan: the analysis (every relation tested, with effect sizes, intervals and " +
      "sample sizes) and its proposals, each citing its evidence and confidence",
    tag,
    auth: true,
    response: PlanBody,
    errors: [404],
  },
  {
    method: "post",
    path: `${A}/plans/{plan}/items/{item}`,
    summary: "Approves (a new persona version with the change: future songs follow it) or " +
      "rejects one proposal; 409 once decided",
    tag,
    auth: true,
    body: DecisionInput,
    response: PlanBody,
    errors: [403, 404, 409, 415],
  },
];
