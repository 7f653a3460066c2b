/**
 * The "Verified" badge of a musician profile: set by an admin (public.admin_verify_musician),
 * public as the profile is. Read beside the profile rather than in it, so the profile's API shape
 * stays as it is.
 *
 * @module
 */
import type { Tx } from "../../ports/db/mod.ts";

/** When an admin verified the musician (null: not verified, or no profile visible). */
export async function musicianVerifiedAt(tx: Tx, id: string): Promise<Date | null> {
  const [row] = await tx.query<{ verified_at: Date | string | null }>(
    "select verified_at from public.musician_profiles where id = $1::uuid",
    [id],
  );
  return row?.verified_at ? new Date(row.verified_at) : null;
}
