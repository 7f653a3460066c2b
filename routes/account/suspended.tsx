/**
 * Where the edge sends a suspended account's browser (lib/web/account_gate.ts), its session
 * cookies cleared: the account is suspended, until when (`?until=`, none when permanent). The
 * reason stays with the admins.
 */
import { z } from "zod";
import { define } from "../../utils.ts";
import { page } from "../../lib/fresh_runtime/mod.ts";
import { formatDateTime } from "../../lib/shared/format.ts";
import { Card, PageTitle } from "../../components/Page.tsx";

interface Data {
  /** Null: permanently, or the date was unreadable. */
  until: string | null;
}

const Until = z.iso.datetime();

export const handler = define.handlers<Data>({
  GET(ctx) {
    const until = Until.safeParse(ctx.url.searchParams.get("until"));
    return page({ until: until.success ? until.data : null }, {
      headers: { "cache-control": "no-store" },
    });
  },
});

export default define.page<typeof handler>(function Suspended({ data, state }) {
  return (
    <Card>
      <PageTitle>Your account is suspended</PageTitle>
      <p class="mb-3 text-gray-800" data-testid="suspended-until">
        {data.until
          ? `You cannot use Soundcheck until ${
            formatDateTime(data.until, state.viewerZone ?? null)
          }. You have been signed out.`
          : "You cannot use Soundcheck: the suspension has no end date. You have been signed out."}
      </p>
      <p class="text-gray-700">
        If you think this is a mistake, contact Soundcheck support from the address you signed up
        with.
      </p>
    </Card>
  );
});
