/**
 * Virtual artists (/artists): the artists you own or were invited to, and the "New artist" form.
 * POST (the form, no JavaScript needed) checks the brief, has the persona written (guardrails
 * first and last) and goes to the new artist's page; a refusal comes back beside its field with
 * the brief kept.
 */
import { define } from "../../../utils.ts";
import { page } from "../../../lib/fresh_runtime/mod.ts";
import { signedIn } from "../../../lib/web/guards.ts";
import { readForm } from "../../../lib/web/body.ts";
import { toHttpError } from "../../../lib/web/errors.ts";
import { createArtist } from "../../../lib/domains/artists/service.ts";
import { listArtists } from "../../../lib/domains/artists/store.ts";
import type { Artist } from "../../../lib/domains/artists/api.ts";
import { Brief } from "../../../lib/domains/artists/types.ts";
import type { SignedInUser, State } from "../../../utils.ts";
import { Card, PageTitle } from "../../../components/Page.tsx";
import {
  ArtistBriefForm,
  BRIEF_MESSAGES,
  type BriefValues,
  EMPTY_BRIEF,
} from "../../../components/ArtistBriefForm.tsx";
import { ArtistList } from "../../../components/ArtistList.tsx";
import { artistHref, backWith } from "../../../components/ArtistShell.tsx";

interface Data {
  artists: Artist[];
  values: BriefValues;
  errors?: Record<string, string>;
}

const FIELDS = Object.keys(EMPTY_BRIEF) as (keyof BriefValues)[];

async function artistsOf(state: State, user: SignedInUser) {
  return await state.platform.db.asUser(user.claims, (tx) => listArtists(tx, user.claims.sub));
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    ctx.state.head = { title: "Virtual artists" };
    return page({ artists: await artistsOf(ctx.state, user), values: EMPTY_BRIEF });
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    ctx.state.head = { title: "Virtual artists" };
    const form = await readForm(ctx.req);
    const values = { ...EMPTY_BRIEF };
    for (const f of FIELDS) {
      const v = form.get(f);
      values[f] = typeof v === "string" ? v.slice(0, f === "notes" ? 1000 : 200) : "";
    }
    const again = async (errors: Record<string, string>, status: number) =>
      page({ artists: await artistsOf(ctx.state, user), values, errors }, { status });
    const parsed = Brief.safeParse({
      genre: values.genre,
      market: values.market,
      audience: values.audience,
      tone: values.tone,
      ...(values.name.trim() ? { name: values.name } : {}),
      ...(values.notes.trim() ? { notes: values.notes } : {}),
    });
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const f = String(issue.path[0]) as keyof BriefValues;
        errors[f] ??= BRIEF_MESSAGES[f] ?? issue.message;
      }
      return await again(errors, 422);
    }
    try {
      const artist = await createArtist(ctx.state.platform, user, parsed.data);
      return backWith(
        ctx.state.secure,
        artistHref(artist.id),
        "success",
        `Meet ${artist.name}: this is version 1 of the persona. Plan its calendar next.`,
      );
    } catch (err) {
      const e = toHttpError(err);
      if (!e || e.status >= 500) throw err;
      // A guardrail names the brief's field (or a field of the persona written from it).
      const field = e.field && (FIELDS as string[]).includes(e.field) ? e.field : "_form";
      const text = e.status === 429
        ? "You have used today's AI requests: try again tomorrow."
        : field === "_form" && e.status === 422
        ? `The persona written from this brief was refused: ${e.message} Change the brief and try again.`
        : e.message;
      return await again({ [field]: text }, e.status);
    }
  },
});

export default define.page<typeof handler>(function Artists({ data, state }) {
  return (
    <>
      <PageTitle sub="Personas that plan their releases, make songs in their own style and learn from their figures.">
        Virtual artists
      </PageTitle>
      <div class="space-y-6">
        <section aria-labelledby="artists-yours">
          <h2 id="artists-yours" class="mb-3 text-lg font-semibold text-gray-900">
            Your artists
          </h2>
          <ArtistList artists={data.artists} />
        </section>
        <Card>
          <h2 id="artists-new" class="mb-1 text-lg font-semibold text-gray-900">New artist</h2>
          <p class="mb-4 text-sm text-gray-600">
            Write a brief: the persona, its backstory and its art are made from it. Real artists
            cannot be copied.
          </p>
          <ArtistBriefForm csrf={state.csrf} values={data.values} errors={data.errors} />
        </Card>
      </div>
    </>
  );
});
