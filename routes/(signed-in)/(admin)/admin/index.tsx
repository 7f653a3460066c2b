/**
 * /admin: the admin console's home. Each section with what waits in it (one SQL call, admins only:
 * public.admin_console_counts), and "Open booking" by id, which goes to the booking's read-only
 * view with its money parts and ledger (/admin/bookings/<id>).
 */
import { define } from "../../../../utils.ts";
import { page } from "../../../../lib/fresh_runtime/mod.ts";
import { type ConsoleCounts, consoleCounts } from "../../../../lib/domains/admin/console.ts";
import { isUuid } from "../../../../lib/shared/ids.ts";
import { signedIn } from "../../../../lib/web/guards.ts";
import { PageTitle } from "../../../../components/Page.tsx";
import { Field } from "../../../../components/Field.tsx";
import { Button } from "../../../../components/Button.tsx";

interface Data {
  counts: ConsoleCounts;
  booking?: { value: string; error: string };
}

interface Section {
  href: string;
  title: string;
  /** What the count means, or what is there when nothing is counted. */
  status: string;
  /** Something needs a look. */
  alert: boolean;
}

const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function sections(c: ConsoleCounts): Section[] {
  const out: Section[] = [];
  if (c.open_reports !== null) {
    out.push({
      href: "/admin/reports",
      title: "Reports",
      status: c.open_reports ? n(c.open_reports, "open report", "open reports") : "No open reports",
      alert: c.open_reports > 0,
    });
  }
  out.push(
    {
      href: "/admin/users",
      title: "Users",
      status: `${n(c.users, "account", "accounts")}: search, suspend, verify`,
      alert: false,
    },
    {
      href: "/admin/disputes",
      title: "Disputes",
      status: c.open_disputes
        ? n(c.open_disputes, "dispute to decide", "disputes to decide")
        : "No open disputes",
      alert: c.open_disputes > 0,
    },
    {
      href: "/admin/payments",
      title: "Payments",
      status: c.payment_problems
        ? n(
          c.payment_problems,
          "booking with a failed payout or refund",
          "bookings with failed payouts or refunds",
        )
        : "No failed payouts or refunds",
      alert: c.payment_problems > 0,
    },
    {
      href: "/admin/queues",
      title: "Queues",
      status: [
        c.dead_letters ? n(c.dead_letters, "dead letter", "dead letters") : "No dead letters",
        c.stuck_queues
          ? n(c.stuck_queues, "queue waiting over 5 min", "queues waiting over 5 min")
          : "",
      ].filter(Boolean).join(" · "),
      alert: c.dead_letters > 0 || c.stuck_queues > 0,
    },
    {
      href: "/admin/outbox",
      title: "Outbox",
      status: c.failed_outbox
        ? n(c.failed_outbox, "e-mail or SMS failed", "e-mails and SMS failed")
        : "Every e-mail and SMS went out",
      alert: c.failed_outbox > 0,
    },
    {
      href: "/admin/audit",
      title: "Audit log",
      status: `${n(c.audit_today, "admin action", "admin actions")} in the last 24 hours`,
      alert: false,
    },
  );
  return out;
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const { claims } = signedIn(ctx.state);
    const counts = await ctx.state.platform.db.asUser(claims, consoleCounts);
    // "Open booking" is a GET form: a valid id goes straight to the booking.
    const raw = ctx.url.searchParams.get("booking");
    if (raw === null) return page({ counts });
    const id = raw.trim();
    if (isUuid(id)) {
      return new Response(null, {
        status: 303,
        headers: { location: `/admin/bookings/${id.toLowerCase()}` },
      });
    }
    const error = id === ""
      ? "Paste a booking's id"
      : "A booking id looks like 0b6f…-…: 36 letters, digits and dashes";
    return page({ counts, booking: { value: raw.slice(0, 100), error } }, { status: 422 });
  },
});

export default define.page<typeof handler>(function AdminHome({ data }) {
  return (
    <>
      <PageTitle sub="What needs an admin, section by section. Every change here is audited.">
        Admin
      </PageTitle>
      <ul class="mb-8 grid gap-3 sm:grid-cols-2" data-testid="admin-sections">
        {sections(data.counts).map((s) => (
          <li key={s.href}>
            <a
              href={s.href}
              class={`block min-h-[44px] rounded-lg border bg-white p-4 hover:bg-gray-50 ${
                s.alert ? "border-amber-400" : "border-gray-200"
              }`}
            >
              <span class="block text-lg font-semibold text-indigo-700 underline">{s.title}</span>
              <span class={`block text-sm ${s.alert ? "text-amber-900" : "text-gray-600"}`}>
                {s.status}
              </span>
            </a>
          </li>
        ))}
      </ul>
      <section aria-labelledby="open-booking-title" class="max-w-md">
        <h2 id="open-booking-title" class="mb-2 text-xl font-semibold">Open a booking</h2>
        <p class="mb-3 text-sm text-gray-600">
          Its terms, money parts, ledger lines and any dispute, read-only.
        </p>
        <form method="get" action="/admin" noValidate>
          <Field
            name="booking"
            label="Booking id"
            value={data.booking?.value}
            error={data.booking?.error}
            autocomplete="off"
            maxLength={100}
          />
          <Button variant="secondary">Open booking</Button>
        </form>
      </section>
    </>
  );
});
