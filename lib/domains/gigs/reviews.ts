/**
 * Reviews: one per party of a completed booking, hidden from all but its author until both have
 * reviewed or 14 days have passed since completion (RLS on `visible_at`).
 *
 * Ratings on the profiles (`rating_avg`, `rating_count`) count visible reviews only. They are
 * maintained, not computed on read: recomputed whenever a review is submitted or a booking's
 * completion moves, and when `releaseDueReviews` runs (pg_cron every 15 minutes on Supabase; call it
 * from the worker loop when embedded) for reviews whose 14 days ran out with nothing happening.
 *
 * @module
 */
import type { Tx } from "../../ports/db/mod.ts";
import { Review, type ReviewInput, ReviewWithAuthor } from "./schemas.ts";

const REVIEW_COLUMNS =
  "id, booking_id, author_id, subject_id, rating, body, created_at, visible_at";

/**
 * The caller reviews the other party of a completed booking they were part of: 404 for someone
 * else's booking, 409 before completion or for a second review, 400 naming `rating` or `body`.
 */
export async function submitReview(tx: Tx, bookingId: string, input: ReviewInput): Promise<Review> {
  const [row] = await tx.query(
    `select ${REVIEW_COLUMNS} from public.submit_review($1::uuid, $2::int, $3)`,
    [bookingId, input.rating, input.body],
  );
  return Review.parse(row);
}

/** The reviews about a user the caller may read (visible ones, and their own), newest first. */
export async function listReviewsFor(
  tx: Tx,
  subjectId: string,
  opts: { limit?: number } = {},
): Promise<ReviewWithAuthor[]> {
  const rows = await tx.query(
    `select ${
      REVIEW_COLUMNS.replace(/(\w+)/g, "r.$1")
    }, coalesce(p.display_name, 'A Soundcheck member') as author_name
       from public.reviews r left join public.profiles p on p.id = r.author_id
      where r.subject_id = $1::uuid
      order by r.visible_at desc, r.id desc
      limit $2`,
    [subjectId, opts.limit ?? 50],
  );
  return rows.map((r) => ReviewWithAuthor.parse(r));
}

/**
 * Server side (asService): releases reviews whose time has come, updates the ratings and tells
 * the subjects. Returns how many were released.
 */
export async function releaseDueReviews(tx: Tx): Promise<number> {
  const [row] = await tx.query<{ n: number }>("select private.release_due_reviews() as n");
  return row.n;
}
