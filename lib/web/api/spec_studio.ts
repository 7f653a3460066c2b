/** The song studio's API operations for the OpenAPI document. */
import { z } from "zod";
import type { Operation } from "./openapi.ts";
import {
  CreateSongInput,
  DownloadQuery,
  PlanInput,
  PromptsBody,
  QuotaBody,
  RenameInput,
  ShareBody,
  SongBody,
  SongListQuery,
  SongPageBody,
} from "../../domains/studio/types.ts";
import { RestyleInput } from "../../domains/studio/restyle.ts";

const tag = "studio";

export const studioOperations: Operation[] = [
  {
    method: "post",
    path: "/api/studio/songs",
    summary: "Starts a song from a prompt and answers at once (202) with it, `queued`: the " +
      "enhancing stage writes its plan and the song waits as a `draft` for PUT …/plan and " +
      "POST …/generate. Follow GET /api/studio/songs/{id} or the topic `song:{id}` (event " +
      "`progress`). Counts against the daily AI allowance (429).",
    tag,
    auth: true,
    body: CreateSongInput,
    response: SongBody,
    status: 202,
    errors: [415, 429],
  },
  {
    method: "get",
    path: "/api/studio/songs",
    summary: "The caller's songs, newest first: filter by status, genre, mood; `q` searches " +
      "titles and prompts; keyset pages",
    tag,
    auth: true,
    query: SongListQuery,
    response: SongPageBody,
  },
  {
    method: "get",
    path: "/api/studio/songs/{id}",
    summary: "One of the caller's songs (status, stage, progress, plan, lyrics, files, peaks) " +
      "and their quota",
    tag,
    auth: true,
    response: SongBody,
    errors: [404],
  },
  {
    method: "patch",
    path: "/api/studio/songs/{id}",
    summary: "Rename a song (and its track)",
    tag,
    auth: true,
    body: RenameInput,
    response: SongBody,
    errors: [404, 415],
  },
  {
    method: "delete",
    path: "/api/studio/songs/{id}",
    summary: "Delete a song, its track and its files (a song being made gives its quota back)",
    tag,
    auth: true,
    response: z.null(),
    status: 204,
    errors: [404],
  },
  {
    method: "put",
    path: "/api/studio/songs/{id}/plan",
    summary: "Replace a draft's plan (400 names the field at fault; 409 unless a draft)",
    tag,
    auth: true,
    body: PlanInput,
    response: SongBody,
    errors: [404, 409, 415],
  },
  {
    method: "post",
    path: "/api/studio/songs/{id}/generate",
    summary: "Spend one of this month's songs and generate the draft (202): composing → " +
      "rendering → encoding → uploading → `done`. 429 when none is left, with `resets_at` (the " +
      "first of next month, UTC) beside `error`; 409 unless a draft (or a failed or cancelled song: a retry).",
    tag,
    auth: true,
    response: SongBody,
    status: 202,
    errors: [404, 409, 429],
  },
  {
    method: "post",
    path: "/api/studio/songs/{id}/restyle",
    summary: "Restyle a finished song or a draft as another genre: a NEW draft (201) with the " +
      "restyled plan (same structure, key and melody; the genre's tempo feel and instruments), " +
      'the same seed, lyrics and language, titled "<title> (<genre>)", `restyled_from` its ' +
      "original. Spends nothing until it is generated. 400 `genre`; 409 `status` unless done or " +
      "a draft, 409 `plan` if its plan changed meanwhile.",
    tag,
    auth: true,
    body: RestyleInput,
    response: SongBody,
    status: 201,
    errors: [404, 409, 415],
  },
  {
    method: "post",
    path: "/api/studio/songs/{id}/cancel",
    summary: "Stop a song being made, between stages; its song is given back (409 otherwise)",
    tag,
    auth: true,
    response: SongBody,
    errors: [404, 409],
  },
  {
    method: "get",
    path: "/api/studio/songs/{id}/download",
    query: DownloadQuery,
    summary:
      "302 to a signed URL of a finished song's file, valid for 5 minutes: mp3 (default), wav, " +
      "midi, or stems with `stem` (drums, bass, chords, lead). 404 for anyone but the owner.",
    tag,
    auth: true,
    response: z.null(),
    status: 302,
    errors: [404],
  },
  {
    method: "post",
    path: "/api/studio/songs/{id}/share",
    summary: "A share link for a finished song: anyone with `url` can listen, signed out. A new " +
      "link each time (the earlier one stops working). Independent of the DJ catalogue. 409 " +
      "unless the song is done.",
    tag,
    auth: true,
    response: ShareBody,
    errors: [404, 409],
  },
  {
    method: "delete",
    path: "/api/studio/songs/{id}/share",
    summary: "Stop sharing a song: its link answers 404 from now on",
    tag,
    auth: true,
    response: SongBody,
    errors: [404],
  },
  {
    method: "post",
    path: "/api/studio/songs/{id}/catalogue",
    summary: "Let the AI DJ play a finished song in playlists (its track joins the DJ's " +
      "catalogue); shares no link. 409 unless the song is done.",
    tag,
    auth: true,
    response: SongBody,
    errors: [404, 409],
  },
  {
    method: "delete",
    path: "/api/studio/songs/{id}/catalogue",
    summary: "Take a song out of the AI DJ's catalogue. 409 unless the song is done.",
    tag,
    auth: true,
    response: SongBody,
    errors: [404, 409],
  },
  {
    method: "post",
    path: "/api/studio/uploads",
    summary: "Upload your own track (202): multipart/form-data with the audio as `file` (WAV, " +
      "MP3, FLAC or Ogg Vorbis/Opus, at most 50 MB and 10 minutes; the format is read from the " +
      "bytes) and an optional `title`. The song is `queued` at `encoding`, then `done` with its " +
      "WAV, MP3 and peaks. Spends no song quota. A refused file stores nothing: 400 `file` " +
      "(empty, not audio, corrupt or cut off), 422 `file` (too long), 413 (too large), 415 (not " +
      "multipart).",
    tag,
    auth: true,
    response: SongBody,
    status: 202,
    errors: [413, 415, 422],
  },
  {
    method: "get",
    path: "/api/studio/quota",
    summary: "The caller's songs this month: used, limit, remaining, resets_at",
    tag,
    auth: true,
    response: QuotaBody,
  },
  {
    method: "get",
    path: "/api/studio/prompts",
    summary: "The caller's recent prompts to start a song again: distinct, the most recently " +
      "used first, up to 8 (a deleted song's prompt is gone)",
    tag,
    auth: true,
    response: PromptsBody,
  },
];
