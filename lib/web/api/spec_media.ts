/** Portfolio media's API operations for the OpenAPI document. */
import { z } from "zod";
import type { Operation } from "./openapi.ts";
import { MediaItem, MediaList, MediaListQuery, MediaPatch } from "../../domains/media/schemas.ts";

const tag = "media";

export const mediaOperations: Operation[] = [
  {
    method: "get",
    path: "/api/media",
    summary: "A musician's portfolio (photos, audio, video) in their order, with each file's " +
      "public URL; audio carries its length and waveform peaks for the player",
    tag,
    auth: false,
    query: MediaListQuery,
    response: MediaList,
  },
  {
    method: "post",
    path: "/api/media",
    summary: "Add to your portfolio (201; a musician profile is required: 403): " +
      "multipart/form-data with `file`, an optional `caption` (≤ 500) and an optional `kind` " +
      "(photo, audio, video). The kind is read from the bytes: PNG, JPEG, WebP, GIF photos up " +
      "to 10 MB; MP3, WAV, FLAC, Ogg audio up to 30 MB and 10 minutes; MP4, MOV, WebM video up " +
      "to 50 MB. A declared kind (field, part content type, or file extension) that disagrees " +
      "with the bytes is a 415 naming `file`; too large a 413 (a body over 50 MB is refused " +
      "unread); 30 items at most (409). A refused file stores nothing.",
    tag,
    auth: true,
    response: MediaItem,
    status: 201,
    errors: [403, 409, 413, 415, 422],
  },
  {
    method: "patch",
    path: "/api/media/{id}",
    summary: "Caption one of your items and/or move it to a position (1 = first; the others " +
      "are renumbered around it)",
    tag,
    auth: true,
    body: MediaPatch,
    response: MediaItem,
    errors: [404, 415],
  },
  {
    method: "delete",
    path: "/api/media/{id}",
    summary: "Delete one of your items and its file; applications that carried it drop it",
    tag,
    auth: true,
    response: z.null(),
    status: 204,
    errors: [404],
  },
];
