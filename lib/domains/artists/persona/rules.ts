/**
 * The offline rule set against hateful and stereotyped personas. Each rule is data: an id, its
 * kind, a pattern over normalised text (lower case, accents off, one space between words) and a
 * reason a person can read. Slurs are deliberately not listed; the rules catch constructions:
 * violence or dehumanising words aimed at a protected group (ethnicity, nationality, religion,
 * gender, sexuality, disability), traits handed out by ethnicity or nationality ("a lazy
 * Mexican"), caricatured accents and race or class worn as a costume. Group words alone never
 * match: "a Mexican-born producer", "black metal guitarist" and "Black Country rock" pass.
 *
 * @module
 */

/** Data lists written compactly: items split on "|" and line ends. */
const list = (s: string): string[] => s.split(/[|\n]/).map((x) => x.trim()).filter(Boolean);

export type RuleKind = "hateful" | "stereotype";

export interface ContentRule {
  id: string;
  kind: RuleKind;
  pattern: RegExp;
  /** Why the text is refused, as the person reads it. */
  reason: string;
}

const alt = (xs: readonly string[]) => `(?:${xs.join("|")})`;

/** Ethnicities, nationalities and religions as adjectives or singular nouns. */
const ORIGINS = list(`
  mexican | latino | latina | hispanic | black | white | asian | chinese | japanese | korean
  indian | pakistani | arab | african | nigerian | jamaican | haitian | puerto rican | brazilian
  colombian | cuban | irish | scottish | scot | italian | polish | russian | romanian | turkish
  gypsy | roma | romani | native american | aboriginal | oriental | filipino | vietnamese | jewish
  jew | muslim | hindu | sikh
`);

/** Other protected identities as adjectives or singular nouns (gender, sexuality, disability). */
const IDENTITIES = list(`
  gay | lesbian | trans | transgender | queer | bisexual | disabled | autistic | deaf | blind
  woman | female
`);

/** Colours are also ordinary words: as people they need a person noun or the plural. */
const COLOURS = ["black", "white"];
const IDENTITY = alt([...ORIGINS, ...IDENTITIES]);

/** A group of people, as hostile text names it ("mexicans", "black people", "the disabled"). */
const GROUP = alt([
  `${IDENTITY}(?:e?s| (?:people|folks?|men|women|kids|immigrants|families))`,
  "jews",
  "women",
  "men",
  "girls",
  "gays",
  "homosexuals",
  "immigrants",
  "migrants",
  "refugees",
  "foreigners",
  "the disabled",
  "the poor",
]);

/** Person nouns that may follow an origin ("an angry black woman", "a lazy mexican rapper"). */
const PERSON = alt(list(`
  woman | women | man | men | girl | guy | boy | lady | dude | chick | kid | rapper | singer
  artist | persona | character | producer | musician | vocalist | guitarist | drummer | dj | mc
  band | crew | star | diva | mother | mom | father | dad | immigrant | teen | student | worker
`));

/** What may follow a person: the end of the phrase, not another noun ("exotic brazilian drums"). */
const PHRASE_END = "(?=$|[,.;:!?)]| (?:who|that|with|and|from|in|on|at|for|to|vibes?|persona)\\b)";

/** An origin used as a person: "a mexican", "mexicans", "a black woman" (not "black metal"). */
const ORIGIN_PERSON =
  `(?:${alt(ORIGINS.filter((o) => !COLOURS.includes(o)))}(?:e?s)?(?: ${PERSON})?|` +
  `${alt(COLOURS)}(?:s| ${PERSON}))${PHRASE_END}`;

const TRAITS = alt(list(`
  lazy | angry | greedy | cheap | dirty | stupid | dumb | thuggish | criminal | drunk | drunken
  violent | sneaky | savage | primitive | exotic | spicy | fiery | submissive | sassy | loud
  illegal
`));

const VIOLENCE = alt(list(`
  kill | killing | murder | exterminate | eradicate | wipe out | get rid of | gas | lynch | shoot
  burn | hang | deport | purge | cleanse | beat up
`));

const SUBHUMAN = alt(list(`
  animals | vermin | rats | cockroaches | parasites | subhuman | savages | apes | monkeys | pigs
  a disease | a plague | an infestation | filth | scum | trash | inferior
`));

/** Determiners and quantifiers that may stand between a verb and a group ("kill all the …"). */
const DET = "(?: (?:all|the|every|those|these|them|some|more|any))*";

const re = (source: string) => new RegExp(source);

export const CONTENT_RULES: readonly ContentRule[] = [
  {
    id: "violence-against-group",
    kind: "hateful",
    pattern: re(`\\b${VIOLENCE}${DET} ${GROUP}\\b`),
    reason: "it calls for violence against a group of people",
  },
  {
    id: "dehumanising",
    kind: "hateful",
    pattern: re(
      `\\b${GROUP} (?:are|is|=|as) (?:just |nothing but |all |like |basically )?${SUBHUMAN}\\b|` +
        `\\b${SUBHUMAN} like${DET} ${GROUP}\\b`,
    ),
    reason: "it describes a group of people as less than human",
  },
  {
    id: "hatred-of-group",
    kind: "hateful",
    pattern: re(
      `\\b(?:hates?|hating|hatred of|despises?|loathes?)${DET} ${GROUP}\\b|` +
        `\\banti-? ?(?:semit\\w*|${IDENTITY}\\b)`,
    ),
    reason: "it expresses hatred of a group of people",
  },
  {
    id: "supremacy",
    kind: "hateful",
    pattern:
      /\b(?:white (?:power|pride|supremac\w*|nationalis\w*)|master race|racial purity|ethnic cleansing|great replacement|race war)\b/,
    reason: "it uses racial-supremacy or ethnic-cleansing language",
  },
  {
    id: "group-cannot",
    kind: "stereotype",
    pattern: re(
      `\\b${GROUP} (?:can ?not|can't|cant|shouldn't|should not|don't belong|belong in the kitchen)\\b`,
    ),
    reason: "it says what a whole group of people can or cannot do",
  },
  {
    id: "trait-by-origin",
    kind: "stereotype",
    pattern: re(
      `\\b${TRAITS} (?:\\w+ )?${ORIGIN_PERSON}|` +
        `\\b${GROUP} (?:are|is) (?:all |so |always |naturally |just |typically )?${TRAITS}\\b`,
    ),
    reason: "it gives the persona a trait by ethnicity or nationality, which is a stereotype",
  },
  {
    id: "caricature",
    kind: "stereotype",
    pattern: re(
      `\\b(?:stereotypical|caricatured?|cartoonish|parody|mock) (?:\\w+ )?${IDENTITY}\\b`,
    ),
    reason: "it asks for a caricature of a group of people",
  },
  {
    id: "fake-accent",
    kind: "stereotype",
    pattern:
      /\b(?:fake|put-? ?on|exaggerated|mock|caricatured?|comic|cartoonish|funny|phony|phoney) (?:\w+ )?accents?\b|\bbroken english\b|\bching chong\b/,
    reason: "a caricatured accent used as a gimmick mocks the people who speak that way",
  },
  {
    id: "race-as-costume",
    kind: "stereotype",
    pattern: re(
      `\\b(?:black|yellow|brown|red)face\\b|\\bminstrel(?:sy| shows?)\\b|` +
        `\\b(?:pretend\\w*|pos(?:es|ing)|dress(?:es|ed|ing)?(?: up)?) (?:to be |as )?(?:an? )?` +
        `(?:${ORIGIN_PERSON}|(?:black|white)${PHRASE_END})|` +
        `\\bfake (?:ethnicity|heritage|race|tan to look)\\b`,
    ),
    reason: "it turns a race or ethnicity into a costume",
  },
  {
    id: "class-as-costume",
    kind: "stereotype",
    pattern:
      /\b(?:ghetto|thug|gangsta|hood|trailer trash) (?:persona|character|costume|image|gimmick|look|act|caricature|cosplay)\b|\b(?:acts?|acting|plays?|playing) (?:a )?(?:ghetto|thug)\b|\bghetto (?:girl|chick|fabulous)\b/,
    reason: "it wears a neighbourhood or class stereotype as a costume",
  },
  {
    id: "disability-as-gimmick",
    kind: "stereotype",
    pattern:
      /\bfake (?:stutter|lisp|limp|disability|tics?)\b|\b(?:pretends?|pretending) to be (?:deaf|blind|disabled|autistic)\b/,
    reason: "it uses a disability as a gimmick",
  },
];

/** Lower case, accents off, one space between words; hyphens kept ("anti-gay"). */
export function normaliseText(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[’`]/g, "'").replace(/\s+/g, " ").trim();
}

export interface RuleHit {
  rule: ContentRule;
  /** The words that broke it (normalised). */
  match: string;
}

/** The first rule `text` breaks, with the words that broke it, or null. */
export function brokenRule(text: string): RuleHit | null {
  const t = normaliseText(text);
  for (const rule of CONTENT_RULES) {
    const m = rule.pattern.exec(t);
    if (m) return { rule, match: m[0].trim() };
  }
  return null;
}
