/**
 * What a person's data export holds, table by table (lib/domains/account/export.ts runs it), and
 * the tables with a user column it leaves out, each with its reason. Every table with a user
 * reference must be in one list or the other: tests/integration/account_data_test.ts reads the
 * schema and fails on a table in neither.
 *
 * A section's `where` selects the person's rows of `t` (its table), `$1` being their id. `user`
 * sections are read as the person, under RLS; `service` ones (private schema, auth, columns the
 * person may not select, money tables) as the service role, filtered by the same id and nothing
 * wider. `omit` drops columns that are secrets or other people's.
 *
 * @module
 */

export interface Section {
  /** schema.table */
  table: string;
  via: "user" | "service";
  where: string;
  omit?: string[];
  /** Extra columns (SQL over `t`) added to each row. */
  extra?: Record<string, string>;
}

const MINE_BOOKING =
  "t.booking_id in (select b.id from public.bookings b where b.client_id = $1 or b.musician_id = $1)";
const MY_ARTIST = "t.artist_id in (select a.id from public.artists a where a.owner_id = $1)";

export const SECTIONS: Section[] = [
  // the account and profiles
  {
    table: "auth.users",
    via: "service",
    where: "t.id = $1",
    // Only what the person told us or what happened: never hashes, tokens or server flags.
    omit: [
      "encrypted_password",
      "confirmation_token",
      "recovery_token",
      "email_change_token_new",
      "instance_id",
      "aud",
      "role",
      "is_super_admin",
    ],
  },
  { table: "public.profiles", via: "user", where: "t.id = $1" },
  { table: "public.musician_profiles", via: "user", where: "t.id = $1" },
  { table: "public.client_profiles", via: "user", where: "t.id = $1" },
  { table: "public.musician_track_records", via: "user", where: "t.musician_id = $1" },
  { table: "public.home_preferences", via: "user", where: "t.user_id = $1" },
  { table: "public.media", via: "user", where: "t.owner_id = $1" },
  { table: "public.favourite_gigs", via: "user", where: "t.user_id = $1" },
  { table: "public.favourite_musicians", via: "user", where: "t.user_id = $1" },
  { table: "public.account_exports", via: "user", where: "t.user_id = $1" },
  { table: "private.account_deletions", via: "service", where: "t.user_id = $1" },
  // notifications
  { table: "public.notifications", via: "user", where: "t.user_id = $1" },
  { table: "public.notification_preferences", via: "user", where: "t.user_id = $1" },
  { table: "public.notification_settings", via: "user", where: "t.user_id = $1" },
  { table: "public.outbox", via: "service", where: "t.user_id = $1" },
  { table: "private.message_digest_marks", via: "service", where: "t.user_id = $1" },
  // gigs, applications, bookings
  { table: "public.gigs", via: "user", where: "t.client_id = $1", omit: ["search_tsv"] },
  { table: "public.applications", via: "user", where: "t.musician_id = $1" },
  { table: "public.gig_invites", via: "user", where: "t.musician_id = $1" },
  { table: "public.decision_undos", via: "user", where: "t.actor_id = $1" },
  { table: "public.bookings", via: "user", where: "t.client_id = $1 or t.musician_id = $1" },
  {
    table: "public.reviews",
    via: "user",
    where: "t.author_id = $1 or t.subject_id = $1",
  },
  { table: "public.auto_apply_settings", via: "user", where: "t.musician_id = $1" },
  { table: "public.auto_shortlist_settings", via: "user", where: "t.client_id = $1" },
  { table: "public.scout_audit", via: "user", where: "t.user_id = $1" },
  { table: "public.scout_sources", via: "service", where: "t.owner_id = $1" },
  // chat: the person's own messages; of the others only who they are (extra.other_party)
  {
    table: "public.conversations",
    via: "user",
    where: "t.client_id = $1 or t.musician_id = $1",
    extra: {
      other_party: `(select p.display_name from public.profiles p
        where p.id = case when t.client_id = $1 then t.musician_id else t.client_id end)`,
    },
  },
  { table: "public.conversation_participants", via: "user", where: "t.user_id = $1" },
  { table: "public.messages", via: "user", where: "t.sender_id = $1" },
  // money
  { table: "public.payments", via: "user", where: MINE_BOOKING },
  { table: "public.ledger_transactions", via: "service", where: MINE_BOOKING },
  { table: "public.ledger_entries", via: "service", where: MINE_BOOKING },
  { table: "public.disputes", via: "user", where: MINE_BOOKING },
  { table: "public.dispute_evidence", via: "user", where: "t.uploaded_by = $1" },
  { table: "public.payout_accounts", via: "user", where: "t.musician_id = $1" },
  { table: "public.subscriptions", via: "user", where: "t.user_id = $1" },
  // AI DJ and Spotify (the encrypted tokens are secrets)
  { table: "public.dj_runs", via: "user", where: "t.user_id = $1" },
  { table: "public.dj_exports", via: "user", where: "t.user_id = $1" },
  {
    table: "public.spotify_connections",
    via: "service",
    where: "t.user_id = $1",
    omit: ["access_token_enc", "refresh_token_enc"],
  },
  { table: "public.tracks", via: "user", where: "t.owner_id = $1" },
  { table: "public.ai_usage", via: "user", where: "t.user_id = $1" },
  // song studio
  { table: "public.songs", via: "user", where: "t.owner_id = $1", omit: ["share_token"] },
  { table: "public.song_masters", via: "user", where: "t.owner_id = $1" },
  { table: "public.song_meters", via: "user", where: "t.owner_id = $1" },
  { table: "private.song_usage", via: "service", where: "t.user_id = $1" },
  { table: "private.master_usage", via: "service", where: "t.user_id = $1" },
  // virtual artists
  { table: "public.artists", via: "user", where: "t.owner_id = $1" },
  { table: "public.artist_members", via: "user", where: "t.user_id = $1 or t.added_by = $1" },
  {
    table: "public.artist_versions",
    via: "user",
    where: `t.author_id = $1 or ${MY_ARTIST}`,
  },
  { table: "public.artist_plans", via: "user", where: "t.owner_id = $1" },
  { table: "public.artist_plan_items", via: "user", where: `t.decided_by = $1 or ${MY_ARTIST}` },
  { table: "public.artist_drawings", via: "user", where: "t.owner_id = $1" },
  { table: "public.artist_imports", via: "user", where: "t.owner_id = $1" },
  { table: "public.artist_calendar", via: "user", where: MY_ARTIST },
  { table: "public.artist_tracks", via: "user", where: MY_ARTIST },
  // matching: what Soundcheck worked out about the person
  {
    table: "private.match_signals",
    via: "service",
    where: "t.client_id = $1 or t.musician_id = $1",
  },
  {
    table: "private.match_affinity",
    via: "service",
    where: "t.client_id = $1 or t.musician_id = $1",
  },
  { table: "private.match_reputation", via: "service", where: "t.subject_id = $1" },
  { table: "private.match_notices", via: "service", where: "t.musician_id = $1" },
  {
    table: "private.musician_match",
    via: "service",
    where: "t.musician_id = $1",
    omit: ["match_vector", "busy"],
  },
  { table: "private.scout_digests", via: "service", where: "t.musician_id = $1" },
  { table: "private.scout_digest_items", via: "service", where: "t.musician_id = $1" },
  // moderation: the reports they made (the admin who decided stays out)
  { table: "public.reports", via: "service", where: "t.reporter_id = $1", omit: ["resolved_by"] },
  // files: the list (the files themselves are under files/ in the zip)
  {
    table: "storage.objects",
    via: "service",
    where: "t.owner_id = $1::text or t.owner = $1::uuid",
  },
];

/** Tables with a user column that the export leaves out, and why. */
export const NOT_EXPORTED: Record<string, string> = {
  "public.musician_embeddings": "a vector computed from the profile, which is exported",
  "storage.buckets": "buckets are the platform's, not a person's",
  "auth.refresh_tokens": "session tokens are secrets (auth.users' sign-in times are exported)",
  "public.admin_audit_log": "the admins' append-only record of their own actions",
  "private.user_suspensions":
    "moderators' notes; the account page says until when a suspension runs",
  "private.admin_user_index": "the admins' search copy of auth.users' e-mail and the display name",
};

/** The archive path of a section's rows. */
export const sectionFile = (s: Section): string => `data/${s.table}.json`;
