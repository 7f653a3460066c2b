/**
 * The languages the AI writer drafts in, with the names people pick them by. Shared by the
 * writing domain and the draft island (its language select).
 *
 * @module
 */

export const WRITE_LANGS = ["en", "es", "fr", "de", "pt"] as const;
export type WriteLang = typeof WRITE_LANGS[number];

/** Each language in its own words, as a select shows it. */
export const LANGUAGE_NAMES: Record<WriteLang, string> = {
  en: "English",
  es: "Español",
  fr: "Français",
  de: "Deutsch",
  pt: "Português",
};

export function isWriteLang(x: unknown): x is WriteLang {
  return typeof x === "string" && (WRITE_LANGS as readonly string[]).includes(x);
}
