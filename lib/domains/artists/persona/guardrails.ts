/**
 * The guardrails a brief and a persona pass before anything is saved or published. In order:
 *
 * 1. Impersonation: no real artist named anywhere in the text (the studio's list of real names:
 *    the DJ catalogue plus famous ones), no "AI version of <Name>" request, and no persona name
 *    close to a real artist's (similarity.ts).
 * 2. Hateful or stereotyped traits: the offline rule set (rules.ts).
 * 3. When the caller has them, the live checks: the persona's name against an artist search
 *    (Spotify, when the user connected it) and every text through a moderation endpoint.
 *
 * A refusal names what was refused, why, the field that held it and the rule. A live check that
 * fails to answer does not block (the offline checks already ran); the verdict lists it as
 * skipped so the caller can log it.
 *
 * @module
 */
import { findArtists } from "../../studio/artists.ts";
import type { Brief, Persona } from "../types.ts";
import { brokenRule } from "./rules.ts";
import { closeName, realArtistFor } from "./similarity.ts";

/** One moderation answer per text (OpenAI's moderation endpoint, reduced). */
export interface ModerationResult {
  flagged: boolean;
  categories: string[];
}

export type GuardRule = "impersonation" | "hateful" | "stereotype" | "moderation";

export type Verdict =
  | { ok: true; skipped?: ("moderation" | "artist search")[] }
  | { ok: false; reason: string; field: string; rule: GuardRule };

export interface GuardPorts {
  moderate?: (texts: string[]) => Promise<ModerationResult[]>;
  /** Names of artists a search for `name` finds (e.g. Spotify's artist search). */
  searchArtists?: (name: string) => Promise<string[]>;
}

export interface GuardInput {
  brief?: Brief;
  persona?: Persona;
}

interface FieldText {
  field: string;
  text: string;
}

/** A field in words; a list's items one at a time ("the content pillar was refused"). */
const LABELS: Record<string, string> = {
  vocal_style: "vocal style",
  visual_identity: "visual identity",
  content_pillars: "content pillar",
  influences: "influence",
  genres: "genre",
  moods: "mood",
};

function label(field: string): string {
  return LABELS[field] ?? field;
}

const BRIEF_FIELDS = ["name", "genre", "audience", "tone", "notes"] as const;
const PERSONA_FIELDS = [
  "name",
  "backstory",
  "genres",
  "influences",
  "vocal_style",
  "visual_identity",
  "content_pillars",
  "audience",
  "voice",
  "moods",
] as const;

/** Every text of the input, one per field or list item, the brief's first. */
function texts({ brief, persona }: GuardInput): FieldText[] {
  const out: FieldText[] = [];
  const add = (field: string, v: string | string[] | undefined) => {
    for (const text of Array.isArray(v) ? v : v === undefined ? [] : [v]) {
      if (text.trim()) out.push({ field, text });
    }
  };
  if (brief) { for (const f of BRIEF_FIELDS) add(f, brief[f]); }
  if (persona) { for (const f of PERSONA_FIELDS) add(f, persona[f]); }
  return out;
}

/** Words asking for a copy of someone; read as the cue "like" so ambiguous names count too. */
const COPY_OF =
  /\b(?:(?:ai|virtual|digital|fake|new|next)\s+)?(?:version|clone|copy|imitation|impersonation|double|lookalike|look-alike|soundalike|sound-alike|deepfake|replica)\s+of\b/gi;

/** "An AI version of Olivia Dean": a copy of someone capitalised like a name, listed or not. */
const AI_COPY_OF = /\b(?:ai|virtual|digital|fake)\s+(?:version|clone|copy|double|replica)\s+of\s+/i;
const CAPITALISED_NAME = /\p{Lu}[\p{L}'.-]*(?:\s+\p{Lu}[\p{L}'.-]*){0,3}/uy;

function copiedName(text: string): string | null {
  const lead = AI_COPY_OF.exec(text);
  if (!lead) return null;
  CAPITALISED_NAME.lastIndex = lead.index + lead[0].length;
  return CAPITALISED_NAME.exec(text)?.[0].replace(/[.'-]+$/, "") ?? null;
}

const refuseCopy = (name: string) =>
  `Soundcheck does not make AI versions of real artists: “${name}” is a real artist.`;

function impersonation(items: FieldText[]): Verdict | null {
  for (const { field, text } of items) {
    const named = findArtists(text.replace(COPY_OF, "like"))[0];
    if (named) return { ok: false, rule: "impersonation", field, reason: refuseCopy(named.name) };
    const copy = copiedName(text);
    if (copy) {
      return {
        ok: false,
        rule: "impersonation",
        field,
        reason: `Soundcheck does not make AI versions of real people: the ${
          label(field)
        } asks for a version of “${copy}”.`,
      };
    }
  }
  return null;
}

function names({ brief, persona }: GuardInput): string[] {
  return [...new Set([persona?.name, brief?.name].filter((n): n is string => !!n?.trim()))];
}

function tooClose(name: string, real: string, where = ""): Verdict {
  return {
    ok: false,
    rule: "impersonation",
    field: "name",
    reason: `“${name}” is too close to “${real}”, a real artist${where}: Soundcheck does not ` +
      "make AI versions of real artists. Choose another name.",
  };
}

function contentRules(items: FieldText[]): Verdict | null {
  for (const { field, text } of items) {
    const hit = brokenRule(text);
    if (hit) {
      return {
        ok: false,
        rule: hit.rule.kind,
        field,
        reason: `The ${label(field)} was refused: ${hit.rule.reason} (“${hit.match}”).`,
      };
    }
  }
  return null;
}

/** Checks a brief and/or a persona; see the module doc. */
export async function checkPersona(input: GuardInput, ports: GuardPorts = {}): Promise<Verdict> {
  const items = texts(input);
  const offline = impersonation(items);
  if (offline) return offline;
  for (const name of names(input)) {
    const real = realArtistFor(name);
    if (real) return tooClose(name, real);
  }
  const rules = contentRules(items);
  if (rules) return rules;

  const skipped: ("moderation" | "artist search")[] = [];
  const [searched, moderated] = await Promise.all([
    ports.searchArtists
      ? Promise.all(
        names(input).map(async (name) => ({
          name,
          found: await ports.searchArtists!(name),
        })),
      ).catch(() => {
        skipped.push("artist search");
        return [];
      })
      : [],
    ports.moderate && items.length
      ? ports.moderate(items.map((i) => i.text)).catch(() => {
        skipped.push("moderation");
        return [];
      })
      : [],
  ]);
  for (const { name, found } of searched) {
    const real = closeName(name, found);
    if (real) return tooClose(name, real, " on Spotify");
  }
  const flagged = moderated.findIndex((m) => m?.flagged);
  if (flagged >= 0 && items[flagged]) {
    const cats = moderated[flagged].categories;
    return {
      ok: false,
      rule: "moderation",
      field: items[flagged].field,
      reason: `The moderation check flagged the ${label(items[flagged].field)}${
        cats.length ? ` (${cats.join(", ")})` : ""
      }.`,
    };
  }
  return skipped.length ? { ok: true, skipped: skipped.sort() } : { ok: true };
}
