/**
 * The artists API's request and response shapes (zod): routes parse with these and the OpenAPI
 * document (lib/web/api/spec_artists.ts) is built from them.
 *
 * @module
 */
import { z } from "zod";
import {
  Brief,
  ChartRow,
  Country,
  DiffLine,
  Evidence,
  MetricRow,
  Persona,
  PLAN_KINDS,
  RowError,
  TrackFeatures,
  VERSION_CAUSES,
} from "./types.ts";

/** Rows one JSON request may carry; larger imports go as a CSV file (queued). */
export const MAX_JSON_ROWS = 5000;

export const CreateArtistInput = z.object({ brief: Brief }).strict();
export const EditPersonaInput = z.object({
  persona: Persona,
  version: z.number().int().min(1).describe("The version you edited (409 if it moved on)"),
}).strict();
export const RestoreInput = z.object({
  version: z.number().int().min(1).describe("The version to bring back as a new one"),
}).strict();
export const MemberInput = z.object({
  email: z.email("An e-mail address such as ana@example.com").max(320),
}).strict();
export const CalendarInput = z.object({
  start: z.iso.date("Use a date such as 2027-01-04"),
  weeks: z.coerce.number().int().min(1).max(12).default(4),
}).strict();
export const MetricsInput = z.object({ rows: z.array(MetricRow).min(1).max(MAX_JSON_ROWS) })
  .strict();
export const ChartsInput = z.object({ rows: z.array(ChartRow).min(1).max(MAX_JSON_ROWS) }).strict();
export const TrackInput = z.object({
  title: z.string().trim().min(1).max(200),
  features: TrackFeatures.partial().optional()
    .describe("What you know of how it sounds (a track made in the studio is measured)"),
  released_on: z.iso.date().optional(),
}).strict();
export const DecisionInput = z.object({ decision: z.enum(["approved", "rejected"]) }).strict();
export const DashboardQuery = z.object({
  track: z.uuid().optional().describe("One track's figures"),
  country: Country.optional().describe("One country's figures"),
}).strict();

export const Artist = z.object({
  id: z.uuid(),
  name: z.string(),
  version: z.number().int(),
  persona: Persona,
  brief: Brief,
  owner: z.boolean().describe("false: you were invited to read it"),
  avatar_url: z.string().describe("The avatar (the drawn one until the provider's is stored)"),
  cover_url: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Artist = z.infer<typeof Artist>;
export const ArtistBody = z.object({ artist: Artist });
export const ArtistListBody = z.object({ artists: z.array(Artist.omit({ brief: true })) });

export const Version = z.object({
  version: z.number().int(),
  cause: z.enum(VERSION_CAUSES),
  note: z.string().nullable(),
  diff: z.array(DiffLine),
  author: z.string().nullable().describe("Who made or approved it"),
  created_at: z.string(),
});
export type Version = z.infer<typeof Version>;
export const VersionsBody = z.object({ versions: z.array(Version) });

export const Member = z.object({ user_id: z.uuid(), name: z.string(), added_at: z.string() });
export const MembersBody = z.object({ members: z.array(Member) });

export const CalendarEntry = z.object({
  id: z.uuid(),
  kind: z.enum(["release", "post"]),
  starts_at: z.string(),
  all_day: z.boolean(),
  title: z.string(),
  idea: z.string().nullable(),
  caption: z.string().nullable(),
  hashtags: z.array(z.string()),
  visual: z.string().nullable(),
  pillar: z.string().nullable(),
  song_id: z.uuid().nullable(),
});
export type CalendarEntry = z.infer<typeof CalendarEntry>;
export const CalendarBody = z.object({ entries: z.array(CalendarEntry) });

export const Import = z.object({
  id: z.uuid(),
  kind: z.enum(["metrics", "charts"]),
  filename: z.string(),
  status: z.enum(["queued", "running", "done", "failed"]),
  progress: z.record(z.string(), z.unknown()),
  error: z.string().nullable(),
  total: z.number().int().nullable(),
  inserted: z.number().int().nullable(),
  updated: z.number().int().nullable(),
  unchanged: z.number().int().nullable(),
  errors: z.array(RowError),
  created_at: z.string(),
});
export type Import = z.infer<typeof Import>;
export const ImportBody = z.object({ import: Import });
export const ImportResult = z.object({
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const Point = z.object({ week: z.string(), value: z.number().nullable() });
export const Dashboard = z.object({
  totals: z.object({
    streams: z.number(),
    listeners: z.number(),
    saves: z.number(),
    skips: z.number(),
    followers: z.number(),
    save_rate: z.number().nullable(),
    skip_rate: z.number().nullable(),
  }),
  weekly: z.object({
    streams: z.array(Point),
    save_rate: z.array(Point),
    skip_rate: z.array(Point),
    followers: z.array(Point),
  }),
  countries: z.array(z.object({
    country: z.string(),
    streams: z.number(),
    save_rate: z.number().nullable(),
    skip_rate: z.number().nullable(),
  })),
  tracks: z.array(z.object({
    id: z.uuid(),
    title: z.string(),
    streams: z.number(),
    save_rate: z.number().nullable(),
    skip_rate: z.number().nullable(),
    song_id: z.uuid().nullable(),
  })),
});
export type Dashboard = z.infer<typeof Dashboard>;

export const Drawing = z.object({
  id: z.uuid(),
  version: z.number().int().describe("The persona version drawn"),
  status: z.enum(["queued", "running", "done", "failed"]),
  stage: z.string().nullable(),
  progress: z.record(z.string(), z.unknown())
    .describe("`fallback` says why the drawn art stayed (the provider failed)"),
  error: z.string().nullable(),
});
export type Drawing = z.infer<typeof Drawing>;
export const DrawingBody = z.object({ drawing: Drawing.nullable() });

export const PlanItemView = z.object({
  id: z.uuid(),
  kind: z.enum(PLAN_KINDS),
  title: z.string(),
  change: Persona.partial(),
  evidence: z.array(Evidence),
  confidence: z.enum(["low", "medium", "high"]),
  decision: z.enum(["pending", "approved", "rejected"]),
  decided_at: z.string().nullable(),
  version: z.number().int().nullable(),
});
export type PlanItemView = z.infer<typeof PlanItemView>;
export const Plan = z.object({
  id: z.uuid(),
  status: z.enum(["queued", "running", "ready", "failed"]),
  stage: z.string().nullable(),
  progress: z.record(z.string(), z.unknown()),
  error: z.string().nullable(),
  trigger: z.enum(["person", "weekly"]),
  based_on_version: z.number().int(),
  analysis: z.record(z.string(), z.unknown()).nullable()
    .describe("Tracks compared, every relation tested with its numbers, and notes"),
  items: z.array(PlanItemView),
  created_at: z.string(),
});
export type Plan = z.infer<typeof Plan>;
export const PlanBody = z.object({ plan: Plan });
export const PlanListBody = z.object({
  plans: z.array(Plan.omit({ analysis: true, items: true })),
});
