/**
 * The song studio (/studio): the prompt box with example chips from the genre templates and the
 * user's recent prompts (`?prompt=` prefills the box), the songs left this month (with the reset date and the upgrade when none are), then the user's
 * drafts and recent songs. POST (the form without JavaScript) starts a song and redirects to its
 * page, where the plan appears once it is written.
 */
import { define } from "../../../utils.ts";
import { page } from "../../../lib/fresh_runtime/mod.ts";
import { signedIn } from "../../../lib/web/guards.ts";
import { readForm } from "../../../lib/web/body.ts";
import { toHttpError } from "../../../lib/web/errors.ts";
import { seeOther } from "../../../lib/web/respond.ts";
import { getQuota, listSongs, recentPrompts } from "../../../lib/domains/studio/store.ts";
import { createSong } from "../../../lib/domains/studio/service.ts";
import { CreateSongInput, type Quota, type Song } from "../../../lib/domains/studio/types.ts";
import { GENRE_TEMPLATES } from "../../../lib/domains/studio/templates.ts";
import type { SignedInUser, State } from "../../../utils.ts";
import { Card, EmptyState, PageTitle } from "../../../components/Page.tsx";
import { SongList, SongQuota } from "../../../components/SongList.tsx";
import StudioPrompt from "../../../islands/StudioPrompt.tsx";

interface Data {
  quota: Quota;
  drafts: Song[];
  recent: Song[];
  history: string[];
  prompt: string;
  language: string;
  errors?: Record<string, string>;
}

const EXAMPLES = GENRE_TEMPLATES.map((t) => ({ label: t.name, prompt: t.example }));

async function overview(state: State, user: SignedInUser) {
  return await state.platform.db.asUser(user.claims, async (tx) => ({
    quota: await getQuota(tx),
    drafts: (await listSongs(tx, { status: "draft", limit: 5 })).items,
    recent: (await listSongs(tx, { limit: 8 })).items.filter((s) => s.status !== "draft"),
    history: await recentPrompts(tx),
  }));
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const prompt = (ctx.url.searchParams.get("prompt") ?? "").slice(0, 1000);
    return page({ ...(await overview(ctx.state, user)), prompt, language: "" });
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const form = await readForm(ctx.req);
    const prompt = typeof form.get("prompt") === "string" ? String(form.get("prompt")) : "";
    const language = typeof form.get("language") === "string" ? String(form.get("language")) : "";
    try {
      const input = CreateSongInput.parse({ prompt, ...(language ? { language } : {}) });
      const { song } = await createSong(ctx.state.platform, user.claims, input);
      return seeOther(`/studio/songs/${song.id}`);
    } catch (err) {
      const e = toHttpError(err);
      if (!e) throw err;
      const field = e.field && ["prompt", "language"].includes(e.field) ? e.field : "_form";
      const message = field === "prompt" && e.status === 400
        ? "Prompt: describe the song in up to 1,000 characters"
        : field === "language"
        ? "Lyrics language: pick one of the list"
        : e.message;
      return page(
        {
          ...(await overview(ctx.state, user)),
          prompt: prompt.slice(0, 1000),
          language: language.slice(0, 3),
          errors: { [field]: message },
        },
        { status: e.status === 400 ? 422 : e.status },
      );
    }
  },
});

export default define.page<typeof handler>(function Studio({ data, state }) {
  return (
    <>
      <PageTitle sub="Describe a song in a sentence: you get a plan to edit, then the song.">
        Song studio
      </PageTitle>
      <div class="space-y-6">
        <SongQuota quota={data.quota} />
        <Card>
          <StudioPrompt
            csrf={state.csrf}
            prompt={data.prompt}
            language={data.language}
            examples={EXAMPLES}
            recent={data.history}
            errors={data.errors}
          />
        </Card>
        {data.drafts.length > 0 && (
          <section aria-labelledby="studio-drafts">
            <h2 id="studio-drafts" class="mb-3 text-lg font-semibold text-gray-900">
              Drafts waiting for you
            </h2>
            <SongList songs={data.drafts} />
          </section>
        )}
        <section aria-labelledby="studio-recent">
          <div class="mb-3 flex items-baseline justify-between">
            <h2 id="studio-recent" class="text-lg font-semibold text-gray-900">Recent songs</h2>
            <a class="text-sm text-indigo-700 underline" href="/studio/library">All your songs</a>
          </div>
          {data.recent.length ? <SongList songs={data.recent} /> : (
            <EmptyState title="No songs yet">
              Pick an example above or describe the song you want to hear.
            </EmptyState>
          )}
        </section>
      </div>
    </>
  );
});
