/**
 * One booking: its terms, its money (pay into escrow, release, dispute: components/PaymentPanel),
 * completing or cancelling it, and the review after completion.
 */
import { z } from "zod";
import { define, type State } from "../../../utils.ts";
import { type FreshContext, page, type RouteConfig } from "../../../lib/fresh_runtime/mod.ts";
import {
  type Blocked,
  type BookingWithParties,
  cancel,
  CancelBookingInput,
  complete,
  type Consequences,
  getBooking,
  listReviewsFor,
  previewBookingCancel,
  ReviewInput,
  type ReviewWithAuthor,
  submitReview,
} from "../../../lib/domains/gigs/mod.ts";
import { dbFailure } from "../../../lib/ports/db/errors.ts";
import { fieldErrors } from "../../../lib/web/forms.ts";
import { flashCookie, seeOther } from "../../../lib/web/respond.ts";
import { CsrfField } from "../../../components/Field.tsx";
import { Button } from "../../../components/Button.tsx";
import { PageTitle } from "../../../components/Page.tsx";
import { signedIn } from "../../../lib/web/guards.ts";
import { readForm } from "../../../lib/web/body.ts";
import { notFound, parseId } from "../../../lib/web/params.ts";
import { REVIEW_MAX_CHARS } from "../../../lib/shared/limits.ts";
import { getPayment, paymentDeps, type PaymentView } from "../../../lib/domains/payments/mod.ts";
import { PaymentPanel } from "../../../components/PaymentPanel.tsx";
import { BookingTerms, TermRow } from "../../../components/BookingTerms.tsx";
import { paymentAction } from "../../../lib/web/payment_forms.ts";
import { EVIDENCE_BODY_LIMIT } from "../../../lib/web/dispute_evidence.ts";
import { ConfirmStep } from "../../../components/ConfirmStep.tsx";

interface Data {
  booking: BookingWithParties;
  me: string;
  reviews: ReviewWithAuthor[];
  money: PaymentView;
  openedAt: Date | null;
  confirm?: "release" | "cancel";
  /** With confirm=cancel: what cancelling now does (who is told, what money goes back). */
  cancelPreview?: Consequences | Blocked;
  /** A POST came without its confirmation: nothing happened yet. */
  reminder?: boolean;
  reason?: string;
  checkoutUrl?: string;
  errors?: Record<string, string>;
}

const Intent = z.enum([
  "complete",
  "cancel",
  "review",
  "checkout",
  "pay",
  "release",
  "dispute",
  "evidence",
]);
const Confirm = z.enum(["release", "cancel"]).optional().catch(undefined);

// The dispute forms carry evidence files (lib/web/dispute_evidence.ts).
export const config: RouteConfig = { bodyLimit: EVIDENCE_BODY_LIMIT };

async function load(ctx: FreshContext<State>, extra: Partial<Data> = {}, status = 200) {
  const user = ctx.state.user!;
  const id = parseId(ctx.params.id, "Booking");
  const data = await ctx.state.platform.db.asUser(user.claims, async (tx) => {
    const booking = await getBooking(tx, id);
    if (!booking) return null;
    const other = booking.client_id === user.id ? booking.musician_id : booking.client_id;
    const reviews = (await listReviewsFor(tx, other)).filter((r) => r.booking_id === booking.id);
    const mine = (await listReviewsFor(tx, user.id)).filter((r) => r.booking_id === booking.id);
    const [opened] = await tx.query<{ created_at: Date }>(
      "select min(created_at) as created_at from public.payments where booking_id = $1::uuid",
      [id],
    );
    const confirm = extra.confirm ??
      Confirm.parse(ctx.url.searchParams.get("confirm") ?? undefined);
    const cancelPreview = confirm === "cancel" ? await previewBookingCancel(tx, id) : undefined;
    return {
      booking,
      reviews: [...reviews, ...mine],
      openedAt: opened?.created_at ?? null,
      confirm,
      cancelPreview: cancelPreview ?? undefined,
    };
  });
  if (!data) throw notFound("Booking");
  ctx.state.head = { title: `Booking · ${data.booking.gig_title}` };
  const money = await getPayment(paymentDeps(ctx.state.platform), user.claims, id);
  return page({ ...data, money, me: user.id, ...extra }, { status });
}

export const handler = define.handlers<Data>({
  GET(ctx) {
    return load(ctx);
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const id = parseId(ctx.params.id, "Booking");
    const form = await readForm(ctx.req);
    const intent = Intent.safeParse(form.get("intent"));
    if (!intent.success) return await load(ctx, { errors: { _form: "Unknown action" } }, 400);
    const { db } = ctx.state.platform;
    const done = (text: string) =>
      seeOther(`/bookings/${id}`, [flashCookie({ kind: "success", text }, ctx.state.secure)]);
    // Cancelling and releasing are final: only their confirmation step's form carries confirm=yes.
    if ((intent.data === "cancel" || intent.data === "release") && form.get("confirm") !== "yes") {
      const reason = String(form.get("reason") ?? "");
      return await load(ctx, { confirm: intent.data, reminder: true, reason }, 428);
    }
    try {
      if (intent.data !== "complete" && intent.data !== "cancel" && intent.data !== "review") {
        const r = await paymentAction(ctx.state, id, intent.data, form);
        if ("redirect" in r) {
          return seeOther(r.redirect, r.flash ? [flashCookie(r.flash, ctx.state.secure)] : []);
        }
        return await load(ctx, r.data, r.status);
      }
      if (intent.data === "complete") {
        await db.asUser(user.claims, (tx) => complete(tx, id));
        return done("Marked as completed. Leave a review while it is fresh.");
      }
      if (intent.data === "cancel") {
        const parsed = CancelBookingInput.safeParse({ reason: form.get("reason") ?? "" });
        if (!parsed.success) {
          const reason = String(form.get("reason") ?? "");
          return await load(
            ctx,
            { confirm: "cancel", reason, errors: fieldErrors(parsed.error.issues) },
            422,
          );
        }
        await db.asUser(user.claims, (tx) => cancel(tx, id, parsed.data.reason));
        return done("The booking is cancelled and the other side is told.");
      }
      const parsed = ReviewInput.safeParse({
        rating: form.get("rating") ?? "",
        body: form.get("body") ?? "",
      });
      if (!parsed.success) {
        return await load(ctx, { errors: fieldErrors(parsed.error.issues) }, 422);
      }
      await db.asUser(user.claims, (tx) => submitReview(tx, id, parsed.data));
      return done("Thanks! Your review shows once both of you have reviewed, or after 14 days.");
    } catch (err) {
      const f = dbFailure(err);
      if (!f) throw err;
      return await load(
        ctx,
        { errors: { _form: f.message, [f.field ?? "_form"]: f.message } },
        f.status,
      );
    }
  },
});

export default define.page<typeof handler>(function BookingPage({ data, state }) {
  const b = data.booking;
  const e = data.errors ?? {};
  const iAmClient = b.client_id === data.me;
  const ended = new Date(b.ends_at) <= new Date();
  const myReview = data.reviews.find((r) => r.author_id === data.me);
  if (data.confirm === "cancel" && data.cancelPreview) {
    return (
      <div class="mx-auto max-w-2xl">
        <ConfirmStep
          preview={data.cancelPreview}
          action={`/bookings/${b.id}`}
          fields={{ intent: "cancel" }}
          backHref={`/bookings/${b.id}`}
          csrf={state.csrf}
          error={e._form}
          reminder={data.reminder}
        >
          <label for="reason" class="mb-1 block text-sm font-medium">
            Reason for cancelling (the other side reads it)
          </label>
          <textarea
            id="reason"
            name="reason"
            rows={3}
            required
            maxLength={1000}
            class="mb-1 block w-full rounded-md border border-gray-300 px-3 py-2"
            aria-invalid={e.reason ? "true" : undefined}
            aria-describedby={e.reason ? "reason-error" : undefined}
          >
            {data.reason}
          </textarea>
          {e.reason && (
            <p id="reason-error" class="mb-2 text-sm text-red-700" role="alert">{e.reason}</p>
          )}
          <div class="mb-3" />
        </ConfirmStep>
      </div>
    );
  }
  return (
    <>
      <PageTitle sub={iAmClient ? `You booked ${b.musician_name}` : `Booked by ${b.client_name}`}>
        {b.gig_title}
      </PageTitle>
      {e._form && (
        <div
          role="alert"
          class="mb-4 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800"
        >
          {e._form}
        </div>
      )}
      <div class="mb-6">
        <PaymentPanel
          view={data.money}
          booking={b}
          me={data.me}
          csrf={state.csrf}
          errors={e}
          confirm={data.confirm === "release" ? "release" : undefined}
          checkoutUrl={data.checkoutUrl}
          openedAt={data.openedAt}
        />
      </div>
      <div class="grid gap-6 md:grid-cols-2">
        <section class="rounded-lg border border-gray-200 bg-white p-4 sm:p-6">
          <h2 class="mb-3 text-lg font-semibold">Terms</h2>
          <BookingTerms booking={b}>
            {b.cancel_reason && (
              <TermRow label="Cancelled because">
                <dd>{b.cancel_reason}</dd>
              </TermRow>
            )}
          </BookingTerms>
          <p class="mt-3 text-sm">
            <a class="text-indigo-700 underline" href={`/gigs/${b.gig_id}`}>See the gig</a>
            {" · "}
            <a
              class="text-indigo-700 underline"
              href={`/messages/booking/${b.id}`}
              data-testid="message-other-party"
            >
              Message {iAmClient ? b.musician_name : b.client_name}
            </a>
          </p>
        </section>
        <section class="space-y-4 rounded-lg border border-gray-200 bg-white p-4 sm:p-6">
          {b.status === "confirmed" && (
            <>
              <form method="post">
                <CsrfField token={state.csrf} />
                <Button name="intent" value="complete">
                  {ended ? "Mark as completed" : "Mark as completed (after the gig)"}
                </Button>
              </form>
              <form method="get" action={`/bookings/${b.id}`}>
                <input type="hidden" name="confirm" value="cancel" />
                <p class="mb-2 text-sm text-gray-700">
                  Cancelling tells {iAmClient ? b.musician_name : b.client_name}{" "}
                  and settles any money held under the booking's terms. The next page shows exactly
                  what happens before anything does.
                </p>
                <Button variant="danger">Cancel booking</Button>
              </form>
            </>
          )}
          {b.status === "completed" && !myReview && (
            <form method="post" noValidate data-testid="review-form">
              <CsrfField token={state.csrf} />
              <h2 class="mb-2 text-lg font-semibold">
                Review {iAmClient ? b.musician_name : b.client_name}
              </h2>
              <fieldset class="mb-3">
                <legend class="mb-1 text-sm font-medium">Rating</legend>
                <div class="flex gap-3">
                  {[1, 2, 3, 4, 5].map((n) => (
                    <label key={n} class="flex items-center gap-1">
                      <input type="radio" name="rating" value={String(n)} required /> {n}★
                    </label>
                  ))}
                </div>
                {e.rating && <p class="text-sm text-red-700" role="alert">{e.rating}</p>}
              </fieldset>
              <label for="body" class="mb-1 block text-sm font-medium">What was it like?</label>
              <textarea
                id="body"
                name="body"
                rows={4}
                maxLength={REVIEW_MAX_CHARS}
                class="mb-2 block w-full rounded-md border border-gray-300 px-3 py-2"
              />
              <Button name="intent" value="review">Submit review</Button>
            </form>
          )}
          {data.reviews.length > 0 && (
            <div>
              <h2 class="mb-2 text-lg font-semibold">Reviews</h2>
              <ul class="space-y-2" data-testid="reviews">
                {data.reviews.map((r) => (
                  <li key={r.id} class="text-sm">
                    <strong>{r.author_name}</strong> · {"★".repeat(r.rating)}
                    {new Date(r.visible_at) > new Date() && (
                      <span class="text-gray-600">(hidden until both review or 14 days pass)</span>
                    )}
                    {r.body && <p class="text-gray-800">{r.body}</p>}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>
      </div>
    </>
  );
});
