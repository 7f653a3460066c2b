/** The AI DJ's API operations for the OpenAPI document. */
import { z } from "zod";
import type { Operation } from "./openapi.ts";
import {
  RunBody,
  RunListQuery,
  RunPageBody,
  ShareBody,
  SharedRunBody,
  ShareTokenParam,
  SpotifyStatusBody,
} from "../../domains/dj/api.ts";
import { DjRunInput } from "../../domains/dj/types.ts";
import { ExportBody, ExportStatusBody } from "../../domains/dj/export_state.ts";

export const djOperations: Operation[] = [
  {
    method: "post",
    path: "/api/dj/runs",
    summary: "Starts a playlist from a prompt in any language and answers at once with the run, " +
      "`queued`. Its stages then run as jobs: interpret (the AI reads the prompt) → search " +
      "(Spotify when connected, else the offline catalogue) → build (the playlist, in the " +
      "caller's Spotify account when connected). Follow it with GET /api/dj/runs/{id} " +
      "(`status`, `stage`, `progress`), or live on the topic `dj_run:{id}` (event `progress`: " +
      "GET /realtime/v1/sse?topic=dj_run:{id}, or the private Realtime channel on Supabase).",
    tag: "dj",
    auth: true,
    body: DjRunInput,
    response: RunBody,
    status: 201,
    errors: [404, 413, 415, 429],
  },
  {
    method: "get",
    path: "/api/dj/runs",
    summary: "The caller's DJ history, newest first (keyset pages)",
    tag: "dj",
    auth: true,
    query: RunListQuery,
    response: RunPageBody,
  },
  {
    method: "get",
    path: "/api/dj/runs/{id}",
    summary: "One of the caller's DJ runs with its tracks and their reasons; while `status` is " +
      "`queued` or `running`, `stage` and `progress` say how far it got",
    tag: "dj",
    auth: true,
    response: RunBody,
    errors: [404],
  },
  {
    method: "delete",
    path: "/api/dj/runs/{id}",
    summary: "Delete one of the caller's DJ runs",
    tag: "dj",
    auth: true,
    response: z.null(),
    status: 204,
    errors: [404],
  },
  {
    method: "post",
    path: "/api/dj/runs/{id}/export",
    summary: "Create the run's playlist in the caller's Spotify account, or finish an earlier " +
      "export into the same playlist (an exported run answers as it is). `spotify` field: 409 " +
      "connect or reconnect first, 403 by cause (allow-list, permission, withdrawn feature), " +
      "429 busy, 503 Spotify trouble, each saying what the playlist holds so far; `id`: 409 " +
      "while the run is still being made or exported by another request",
    tag: "dj",
    auth: true,
    response: ExportBody,
    errors: [403, 404, 409, 429, 503],
  },
  {
    method: "get",
    path: "/api/dj/runs/{id}/export",
    summary: "How the run's export stands: tracks added, not on Spotify, not checked yet",
    tag: "dj",
    auth: true,
    response: ExportStatusBody,
    errors: [404],
  },
  {
    method: "post",
    path: "/api/dj/runs/{id}/share",
    summary: "A public read-only link to the run (replaces any earlier link)",
    tag: "dj",
    auth: true,
    response: ShareBody,
    errors: [404],
  },
  {
    method: "delete",
    path: "/api/dj/runs/{id}/share",
    summary: "Revoke the run's public link",
    tag: "dj",
    auth: true,
    response: ShareBody,
    errors: [404],
  },
  {
    method: "get",
    path: "/api/dj/share/{token}",
    pathParams: { token: ShareTokenParam },
    summary: "A shared DJ run, read-only, for anyone with the link",
    tag: "dj",
    auth: false,
    response: SharedRunBody,
    errors: [404],
  },
  {
    method: "get",
    path: "/api/dj/spotify",
    summary: "The caller's Spotify connection (never its tokens). Connect in a browser at " +
      "/dj/connect (OAuth with PKCE).",
    tag: "dj",
    auth: true,
    response: SpotifyStatusBody,
  },
  {
    method: "delete",
    path: "/api/dj/spotify",
    summary: "Disconnect Spotify: the stored tokens are deleted",
    tag: "dj",
    auth: true,
    response: z.null(),
    status: 204,
  },
];
