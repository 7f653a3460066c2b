/**
 * Property test: over many generated profiles and gigs, in every language, the offline drafts
 * read like a person wrote them (test_utils.ts `humanProblems`) and fit their schemas.
 */
import { assert, assertEquals } from "../../../tests/_helpers/assert.ts";
import { WRITE_LANGS } from "./language.ts";
import { actOf } from "./voice.ts";
import { BioDraft, bioSchema, offlineBio } from "./tasks/bio.ts";
import { offlineProposal, ProposalDraft, proposalSchema } from "./tasks/proposal.ts";
import { AnnouncementDraft, offlineAnnouncement } from "./tasks/announcement.ts";
import { offlineSocialPost, SocialPostDraft } from "./tasks/social_post.ts";
import { humanProblems, randomGig, randomMusician } from "./test_utils.ts";

const CASES = 120;

Deno.test("offline drafts read like a person wrote them: bios and proposals, every language", () => {
  const failures: string[] = [];
  let groups = 0;
  for (let i = 0; i < CASES; i++) {
    const m = randomMusician(i);
    const g = randomGig(i);
    const group = actOf(m).group;
    if (group) groups++;
    for (const lang of WRITE_LANGS) {
      const bio = offlineBio({ musician: m, language: lang });
      assert(BioDraft.safeParse(bio).success, `bio schema ${i} ${lang}`);
      assert(bioSchema({ musician: m, language: lang }).safeParse(bio).success);
      const bioText = `${bio.headline}\n\n${bio.bio}`;
      for (const p of humanProblems(bioText, { lang, name: m.stage_name, group })) {
        failures.push(`bio #${i} ${lang} (${m.stage_name}): ${p}\n${bioText}`);
      }
      const prop = offlineProposal({ musician: m, gig: g, language: lang });
      const input = { musician: m, gig: g, language: lang };
      assert(ProposalDraft.safeParse(prop).success, `proposal schema ${i} ${lang}`);
      assert(proposalSchema(input).safeParse(prop).success);
      const text = `${prop.subject}\n\n${prop.message}`;
      const check = {
        lang,
        name: m.stage_name,
        group,
        firstPerson: true,
        gigTitle: g.title,
        noVerbatimTitle: true,
      };
      for (const p of humanProblems(text, check)) {
        failures.push(`proposal #${i} ${lang} (${m.stage_name} → ${g.title}): ${p}\n${text}`);
      }
    }
  }
  assert(groups > CASES / 4, `the generator makes bands too (${groups})`);
  assertEquals(failures.slice(0, 5), [], `${failures.length} drafts read machine-made`);
});

Deno.test("offline drafts read like a person wrote them: a venue's announcement and post", () => {
  const failures: string[] = [];
  for (let i = 0; i < CASES; i++) {
    const g = randomGig(i);
    for (const lang of WRITE_LANGS) {
      const a = offlineAnnouncement({ gig: g, language: lang });
      assert(AnnouncementDraft.safeParse(a).success, `announcement schema ${i} ${lang}`);
      const text = `${a.headline}\n\n${a.body}\n\n${a.call_to_action}`;
      for (const p of humanProblems(text, { lang, gigTitle: g.title })) {
        failures.push(`announcement #${i} ${lang} (${g.title}): ${p}\n${text}`);
      }
      const post = offlineSocialPost({ gig: g, language: lang });
      assert(SocialPostDraft.safeParse(post).success, `post schema ${i} ${lang}: ${post.text}`);
      // A post is too short to tell its language by; the rest still holds.
      for (const p of humanProblems(post.text, { lang, gigTitle: g.title })) {
        if (!p.startsWith("written in")) failures.push(`post #${i} ${lang}: ${p}\n${post.text}`);
      }
    }
  }
  assertEquals(failures.slice(0, 5), [], `${failures.length} drafts read machine-made`);
});

Deno.test("offline drafts vary: the same kind of profile does not always open the same way", () => {
  const openings = new Set<string>();
  for (let i = 0; i < 40; i++) {
    const bio = offlineBio({ musician: randomMusician(i), language: "en" });
    openings.add(
      bio.bio.split(" ").slice(0, 2).join(" ").replace(
        /^\S+ \S+$/,
        (s) => /^(Based|On)\b/.test(s) ? s : "NAME",
      ),
    );
  }
  assert(openings.size >= 2, `bio openings: ${[...openings].join(" | ")}`);
});
