/**
 * Profiles: the account profile every user has (name, roles, avatar), and the musician and client
 * profiles of the marketplace (marketplace.ts). Read and written under RLS as the user.
 *
 * @module
 */
import { z } from "zod";
import type { Tx } from "../../ports/db/mod.ts";
export * from "./marketplace.ts";
export * from "./timezone.ts";
import { AVATAR_TYPES, DISPLAY_NAME_MAX_CHARS } from "../../shared/limits.ts";

export const ProfileUpdate = z.object({
  display_name: z.string().trim().min(1, "Enter a display name")
    .max(DISPLAY_NAME_MAX_CHARS, `At most ${DISPLAY_NAME_MAX_CHARS} characters`),
  is_musician: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  is_client: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
}).refine((p) => p.is_musician || p.is_client, {
  message: "Choose musician, client, or both",
  path: ["is_musician"],
});
export type ProfileUpdate = z.infer<typeof ProfileUpdate>;

export interface Profile {
  id: string;
  display_name: string;
  is_musician: boolean;
  is_client: boolean;
  avatar_path: string | null;
  created_at: Date;
}

export interface ProfileWithUnread extends Profile {
  unread: number;
}

const OWN_PROFILE = "select * from private.own_profile()";

/** The caller's profile and unread notification count in one statement. */
export async function getOwnProfile(tx: Tx): Promise<ProfileWithUnread | null> {
  const [row] = await tx.query<ProfileWithUnread>(OWN_PROFILE);
  return row ?? null;
}

export async function getProfile(tx: Tx, id: string): Promise<Profile | null> {
  const [row] = await tx.query<Profile>(
    `select id, display_name, is_musician, is_client, avatar_path, created_at
     from public.profiles where id = $1::uuid`,
    [id],
  );
  return row ?? null;
}

/** Updates the caller's own profile; RLS makes any other row invisible. */
export async function updateOwnProfile(tx: Tx, update: ProfileUpdate): Promise<Profile | null> {
  const [row] = await tx.query<Profile>(
    `update public.profiles set display_name = $1, is_musician = $2, is_client = $3
     where id = (select auth.uid())
     returning id, display_name, is_musician, is_client, avatar_path, created_at`,
    [update.display_name, update.is_musician, update.is_client],
  );
  return row ?? null;
}

export async function setOwnAvatar(tx: Tx, path: string | null): Promise<void> {
  await tx.query("update public.profiles set avatar_path = $1 where id = (select auth.uid())", [
    path,
  ]);
}

/** Object name for a new avatar: in the owner's folder, unique so caches never show an old one. */
export function avatarObjectName(userId: string, contentType: string): string | null {
  const ext = AVATAR_TYPES[contentType];
  return ext ? `${userId}/avatar-${Date.now().toString(36)}.${ext}` : null;
}
