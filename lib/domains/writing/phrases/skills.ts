/**
 * Skills as people type them (mostly English) in the draft's language. A skill with no known
 * translation stays in English drafts and is left out of the others, so a Spanish bio never
 * switches language mid-sentence.
 *
 * @module
 */
import type { WriteLang } from "../language.ts";

type Other = Record<Exclude<WriteLang, "en">, string>;

const SKILLS: Record<string, Other> = {
  arranging: t("arreglos", "arrangements", "Arrangements", "arranjos"),
  accompaniment: t("acompañamiento", "accompagnement", "Begleitung", "acompanhamento"),
  improvisation: t("improvisación", "improvisation", "Improvisation", "improvisação"),
  "sight-reading": t(
    "lectura a primera vista",
    "déchiffrage",
    "Vom-Blatt-Spiel",
    "leitura à primeira vista",
  ),
  songwriting: t(
    "composición de canciones",
    "écriture de chansons",
    "Songwriting",
    "composição de canções",
  ),
  "music direction": t(
    "dirección musical",
    "direction musicale",
    "musikalische Leitung",
    "direção musical",
  ),
  teaching: t("clases", "enseignement", "Unterricht", "ensino"),
  "backing vocals": t("coros", "chœurs", "Backgroundgesang", "coros"),
  "harmony vocals": t(
    "armonías vocales",
    "harmonies vocales",
    "Harmoniegesang",
    "harmonias vocais",
  ),
  bandleading: t("dirección de banda", "direction de groupe", "Bandleitung", "direção de banda"),
  "session work": t("trabajo de estudio", "sessions studio", "Studioarbeit", "trabalho de estúdio"),
  "studio tracking": t(
    "grabaciones de estudio",
    "enregistrements studio",
    "Studioaufnahmen",
    "gravações de estúdio",
  ),
  mixing: t("mezcla", "mixage", "Mixing", "mistura"),
  "chamber music": t("música de cámara", "musique de chambre", "Kammermusik", "música de câmara"),
  "wedding ceremonies": t(
    "ceremonias de boda",
    "cérémonies de mariage",
    "Trauungen",
    "cerimónias de casamento",
  ),
  looping: t("looping", "looping", "Looping", "looping"),
  "live looping": t("looping en directo", "live looping", "Live-Looping", "looping ao vivo"),
  production: t("producción", "production", "Produktion", "produção"),
  "vocal coaching": t("técnica vocal", "coaching vocal", "Gesangscoaching", "coaching vocal"),
  "string arranging": t(
    "arreglos de cuerda",
    "arrangements de cordes",
    "Streicherarrangements",
    "arranjos de cordas",
  ),
  "horn arrangements": t(
    "arreglos de vientos",
    "arrangements de cuivres",
    "Bläsersätze",
    "arranjos de metais",
  ),
  "first dance requests": t(
    "canciones para el primer baile",
    "chansons pour la première danse",
    "Wünsche für den Hochzeitstanz",
    "pedidos para a primeira dança",
  ),
  standards: t("standards", "standards", "Standards", "standards"),
  "live sound": t("sonido en directo", "son live", "Livesound", "som ao vivo"),
  "top-line writing": t(
    "composición de melodías",
    "écriture de topline",
    "Topline-Writing",
    "composição de melodias",
  ),
};

function t(es: string, fr: string, de: string, pt: string): Other {
  return { es, fr, de, pt };
}

/** `skill` in `lang`, or null when a non-English draft cannot say it. */
export function skillIn(skill: string, lang: WriteLang): string | null {
  const raw = skill.trim();
  if (!raw) return null;
  if (lang === "en") {
    return /^[A-Z][a-z]/.test(raw) && !/\s[A-Z]/.test(raw) ? raw.toLowerCase() : raw;
  }
  return SKILLS[raw.toLowerCase()]?.[lang] ?? null;
}
