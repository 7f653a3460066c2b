/**
 * The details of a prompt that genres, moods and tempo do not say ("lluvia de fondo", "no vocals",
 * "for a 6am run", "Bon Iver", "80s"), kept in the prompt's own words so nothing is dropped
 * silently. The offline interpreter finds them here; a live plan gets the ones its model left out
 * (`keepDetails`), so either way the plan carries every one, with a search for it when there is
 * one, and the playlist's page shows them.
 *
 * A detail is a run of words the lexicon does not know (names, places, times) or knows as a sound
 * or a wish rather than a mood (rain, the sea, a fire, no vocals, a decade), with the function
 * words between them ("lluvia de fondo").
 *
 * @module
 */
import { analyse, fold } from "./lexicon.ts";
import type { DjPlan, PlanDetail } from "./types.ts";

/** Sounds and settings people ask for in the background, folded, any of the five languages. */
const SOUNDS: { search: string; words: string[] }[] = [
  {
    search: "rain",
    words: "rain rainy rainfall raindrops lluvia lluvias lloviendo chuva chuvoso chuvosa pluie " +
      "pluvieux pluvieuse regen regnerisch regentag",
  },
  {
    search: "ocean waves",
    words: "ocean sea waves beach oceano mar olas playa ondas praia mer vagues plage meer wellen " +
      "strand",
  },
  {
    search: "fireplace",
    words: "fireplace fire chimenea fuego hoguera lareira fogo fogueira cheminee feu kamin " +
      "kaminfeuer lagerfeuer",
  },
  {
    search: "nature sounds",
    words: "nature birds forest naturaleza pajaros bosque natureza passaros floresta oiseaux " +
      "foret natur vogel wald",
  },
  {
    search: "thunderstorm",
    words: "storm thunder thunderstorm tormenta trueno truenos tempestade trovao trovoada orage " +
      "tonnerre gewitter donner sturm",
  },
  { search: "night", words: "night midnight noche medianoche noite nuit nacht mitternacht" },
].map((s) => ({ search: s.search, words: s.words.split(" ") }));

/** Words that say a sound is wanted in the background: part of the sound's detail. */
const BACKGROUND = new Set(
  ("background sounds sound ambience noise fondo sonido sonidos ruido fundo som sons barulho " +
    "fond bruit bruits hintergrund gerausch gerausche klang klange")
    .split(" "),
);

/** "no/without/sin/sem/sans/ohne" + a word for singing: the wish for instrumentals. */
const WITHOUT = new Set(["no", "without", "sin", "sem", "sans", "ohne", "keine", "kein"]);
const SINGING = new Set(
  ("vocals vocal voice voices singing singer lyrics words voz voces cantar canto letra letras " +
    "vocais voix chant paroles gesang stimme stimmen text")
    .split(" "),
);

/** Decades: 80s, 1980s, 80er, and "años/anos/années 80". */
const DECADE = /^(?:19|20)?([0-9]0)(?:s|er|'s)$/;
/** Spanish and Portuguese decades said in words. */
const DECADE_WORDS: Record<string, string> = {
  sesenta: "60",
  sessenta: "60",
  setenta: "70",
  ochenta: "80",
  oitenta: "80",
  noventa: "90",
};
const YEARS = new Set(["anos", "annees", "years", "jahre"]);

/** Words that say nothing a search could use ("playlist", "vibes", "really"). */
const FILLER = new Set(
  ("playlist playlists mix tracks track tunes vibe vibes beats really very just best good great " +
    "nice bit little lot lots kind sort lista temas tema muy buena buenas buen mejor mejores " +
    "poco faixas muito boa boas melhor melhores pouco liste morceaux morceau tres bonne bonnes " +
    "meilleur meilleurs peu sehr gute guten beste besten bisschen stuck stucke")
    .split(" "),
);

/** Words that carry nothing a search could use. */
export function isFiller(word: string): boolean {
  return FILLER.has(word);
}

type Mark = "detail" | "rest" | "stop" | "lexicon";

interface Token {
  text: string;
  /** The prompt's word it comes from. */
  word: number;
  mark: Mark;
  /** A genre the lexicon knows ("rock" in "80s rock"). */
  genre?: boolean;
  /** The search a sound, wish or decade stands for. */
  search?: string;
  /** The word ends a clause (a comma, a full stop…): no detail runs on past it. */
  end?: boolean;
}

/** The prompt's tokens, each tied to the word it came from, and what each is. */
function tokenise(prompt: string): { words: string[]; tokens: Token[] } {
  const words = prompt.trim().split(/\s+/).filter(Boolean);
  const tokens: Token[] = [];
  words.forEach((w, i) => {
    for (const t of fold(w).split(" ")) if (t) tokens.push({ text: t, word: i, mark: "stop" });
    if (/[,;.!?:)]$/.test(w) && tokens.at(-1)?.word === i) tokens.at(-1)!.end = true;
  });
  const a = analyse(tokens.map((t) => t.text).join(" "));
  tokens.forEach((t, i) => {
    const m = a.marks[i];
    t.mark = m === "rest"
      ? (FILLER.has(t.text) ? "stop" : "rest")
      : m === "stop"
      ? "stop"
      : "lexicon";
    t.genre = m === "genre";
    // Numbers are details however short ("a las 6").
    if (t.mark === "stop" && /^[0-9]/.test(t.text)) t.mark = "rest";
    if (BACKGROUND.has(t.text) && t.mark !== "lexicon") t.mark = "detail";
    const sound = SOUNDS.find((s) => s.words.includes(t.text));
    const decade = t.text.match(DECADE)?.[1] ?? DECADE_WORDS[t.text];
    if (sound) [t.mark, t.search] = ["detail", sound.search];
    else if (decade) [t.mark, t.search] = ["detail", `${decade}s`];
    else if (/^[0-9]0$/.test(t.text) && YEARS.has(tokens[i - 1]?.text ?? "")) {
      [t.mark, t.search] = ["detail", `${t.text}s`];
      tokens[i - 1].mark = "detail";
    }
  });
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    if (WITHOUT.has(t.text) && next && SINGING.has(next.text)) {
      t.mark = next.mark = "detail";
      t.search = "instrumental";
    }
  });
  return { words, tokens };
}

const keeps = (t: Token) => t.mark === "detail" || t.mark === "rest";

/** The prompt's words from `from` to `to`, without the punctuation around them. */
function phrase(words: string[], from: number, to: number): string {
  return words.slice(from, to + 1).join(" ")
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "").slice(0, 80).trim();
}

export interface Found {
  details: PlanDetail[];
  /** Unknown words a detail with its own search stands for (not searched for as they are). */
  covered: Set<string>;
  /** The prompt asked for no vocals. */
  instrumental: boolean;
}

/** The details of `prompt`, at most four, in the order they come. */
export function findDetails(prompt: string): Found {
  const { words, tokens } = tokenise(prompt);
  const details: PlanDetail[] = [];
  const covered = new Set<string>();
  let instrumental = false;
  let i = 0;
  while (i < tokens.length && details.length < 4) {
    if (!keeps(tokens[i])) {
      i++;
      continue;
    }
    // A run: kept tokens, and function words between two of them.
    let end = i;
    for (let j = i + 1; j < tokens.length && !tokens[j - 1].end; j++) {
      if (keeps(tokens[j])) end = j;
      else if (tokens[j].mark !== "stop") break;
    }
    // A time or a number takes the word it counts: "6am run", "6 de la mañana", "80s rock".
    // A decade only takes a genre right after it.
    let last = end;
    const counted = tokens[end];
    if (/[0-9]/.test(counted.text)) {
      const reach = counted.search ? 1 : 3;
      for (let j = end + 1; j <= end + reach && j < tokens.length && !tokens[j - 1].end; j++) {
        if (tokens[j].mark === "lexicon" && (!counted.search || tokens[j].genre)) last = j;
        if (tokens[j].mark !== "stop") break;
      }
    }
    const run = tokens.slice(i, end + 1);
    const searches = [...new Set(run.flatMap((t) => t.search ?? []))];
    if (last > end && tokens[last].genre && searches.length) searches.push(tokens[last].text);
    const rest = run.filter((t) => t.mark === "rest").map((t) => t.text);
    // The sound's own words are searched as the sound ("rain"), not as they were typed.
    run.filter((t) => t.mark === "detail").forEach((t) => covered.add(t.text));
    if (searches.includes("instrumental")) instrumental = true;
    const text = phrase(words, tokens[i].word, tokens[last].word);
    // A bare time ("6 de la mañana", "6am") is kept but not searched: no title says it.
    const timeOnly = rest.every((w) => /[0-9]/.test(w));
    const search = searches.length
      ? searches.join(" ")
      : timeOnly
      ? null
      : rest.slice(0, 6).join(" ");
    if (timeOnly) rest.forEach((w) => covered.add(w));
    if (text && !details.some((d) => d.text === text)) {
      details.push({ text, search: search ? search.slice(0, 80) : null });
    }
    i = last + 1;
  }
  return { details, covered, instrumental };
}

/** Whether `detail` is already in the plan: its words appear among the plan's details or terms. */
function inPlan(detail: PlanDetail, plan: DjPlan): boolean {
  const said = new Set(
    [...plan.details.map((d) => d.text), ...plan.search_terms].flatMap((t) => fold(t).split(" ")),
  );
  const words = fold(detail.text).split(" ").filter((w) => w.length > 2);
  return words.length > 0 && words.every((w) => said.has(w));
}

/**
 * The plan with every detail of the prompt: those a model's plan left out are added (with their
 * search), so a live plan never drops what the offline reading would keep.
 */
export function keepDetails(plan: DjPlan, prompt: string): DjPlan {
  const missing = findDetails(prompt).details.filter((d) => !inPlan(d, plan));
  if (!missing.length) return plan;
  return { ...plan, details: [...plan.details, ...missing].slice(0, 6) };
}
