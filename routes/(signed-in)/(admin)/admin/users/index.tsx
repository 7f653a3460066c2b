/**
 * /admin/users: search accounts by e-mail, name or id (`?q=`, a page of 25 at a time); each row
 * says the roles, when they joined and last signed in, and whether the account is suspended,
 * verified or deleted, and links to the user's page.
 */
import { define } from "../../../../../utils.ts";
import { page } from "../../../../../lib/fresh_runtime/mod.ts";
import {
  rolesText,
  searchUsers,
  type UserRow,
  UserSearch,
} from "../../../../../lib/domains/admin/users.ts";
import { formatDate, formatDateTime } from "../../../../../lib/shared/format.ts";
import { signedIn } from "../../../../../lib/web/guards.ts";
import { EmptyState, PageTitle } from "../../../../../components/Page.tsx";
import { Button } from "../../../../../components/Button.tsx";

interface Data {
  q: string;
  page: number;
  rows: UserRow[];
  more: boolean;
  error?: string;
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const { claims } = signedIn(ctx.state);
    const sp = ctx.url.searchParams;
    const parsed = UserSearch.safeParse({
      q: sp.get("q") ?? undefined,
      page: sp.get("page") || undefined,
    });
    if (!parsed.success) {
      const q = (sp.get("q") ?? "").slice(0, 200);
      const error = parsed.error.issues[0].message;
      return page({ q, page: 1, rows: [], more: false, error }, { status: 400 });
    }
    const s = parsed.data;
    const found = await ctx.state.platform.db.asUser(claims, (tx) => searchUsers(tx, s));
    return page({ q: s.q, page: s.page, ...found });
  },
});

function pageHref(q: string, n: number): string {
  const sp = new URLSearchParams();
  if (q) sp.set("q", q);
  if (n > 1) sp.set("page", String(n));
  const s = sp.toString();
  return s ? `/admin/users?${s}` : "/admin/users";
}

/** "Suspended until 3 Jan 2027", "Deleted", "Verified", … for one row. */
function flags(u: UserRow, tz: string | null): string[] {
  const out: string[] = [];
  if (u.deleted) out.push("Deleted");
  if (u.banned_until) {
    const far = u.banned_until.getTime() - Date.now() > 50 * 365 * 86_400_000;
    out.push(far ? "Banned" : `Suspended until ${formatDate(u.banned_until, tz)}`);
  }
  if (u.verified) out.push("Verified");
  return out;
}

export default define.page<typeof handler>(function AdminUsers({ data, state }) {
  const tz = state.viewerZone ?? null;
  return (
    <>
      <PageTitle sub="Find an account to see its activity, suspend it or verify a musician.">
        Users
      </PageTitle>
      <form method="get" action="/admin/users" role="search" class="mb-6 flex flex-wrap gap-3">
        <div class="min-w-0 flex-1">
          <label for="f-q" class="mb-1 block text-sm font-medium text-gray-800">
            E-mail, name or id
          </label>
          <input
            id="f-q"
            name="q"
            type="search"
            value={data.q}
            maxLength={200}
            aria-invalid={data.error ? "true" : undefined}
            aria-describedby={data.error ? "f-q-error" : undefined}
            class="block w-full rounded-md border border-gray-300 px-3 py-2 text-base"
          />
          {data.error && (
            <p id="f-q-error" role="alert" class="mt-1 text-sm text-red-700">{data.error}</p>
          )}
        </div>
        <div class="self-end">
          <Button>Search</Button>
        </div>
      </form>
      {data.rows.length === 0
        ? (
          <EmptyState title={data.q ? `No account matches “${data.q}”` : "No accounts yet"}>
            {data.q && "Try part of the e-mail address, part of the name, or the whole id."}
          </EmptyState>
        )
        : (
          <div class="overflow-x-auto rounded-lg border border-gray-200 bg-white">
            <table class="min-w-full text-left text-sm" data-testid="user-results">
              <caption class="sr-only">
                {data.q ? `Accounts matching “${data.q}”` : "Newest accounts"}
              </caption>
              <thead class="bg-gray-50 text-gray-700">
                <tr>
                  <th scope="col" class="px-3 py-2">Account</th>
                  <th scope="col" class="px-3 py-2">Roles</th>
                  <th scope="col" class="px-3 py-2">Joined</th>
                  <th scope="col" class="px-3 py-2">Last sign-in</th>
                  <th scope="col" class="px-3 py-2">Status</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((u) => (
                  <tr key={u.id} class="border-t border-gray-200 align-top">
                    <td class="px-3 py-2">
                      <a
                        class="font-medium text-indigo-700 underline"
                        href={`/admin/users/${u.id}`}
                      >
                        {u.display_name || "(no name)"}
                      </a>
                      <span class="block break-all text-gray-600">{u.email ?? "(no e-mail)"}</span>
                    </td>
                    <td class="px-3 py-2">{rolesText(u)}</td>
                    <td class="px-3 py-2">{u.created_at ? formatDate(u.created_at, tz) : ""}</td>
                    <td class="px-3 py-2">
                      {u.last_sign_in_at ? formatDateTime(u.last_sign_in_at, tz) : "Never"}
                    </td>
                    <td class="px-3 py-2">{flags(u, tz).join(" · ") || "Active"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      {(data.page > 1 || data.more) && (
        <nav aria-label="Pages of results" class="mt-4 flex gap-4">
          {data.page > 1 && (
            <a class="text-indigo-700 underline" href={pageHref(data.q, data.page - 1)}>
              Previous page
            </a>
          )}
          {data.more && (
            <a class="text-indigo-700 underline" href={pageHref(data.q, data.page + 1)}>
              Next page
            </a>
          )}
        </nav>
      )}
    </>
  );
});
