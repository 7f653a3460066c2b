/**
 * Markets and languages: the language a persona sings and posts in follows the country it is
 * made for first (a small table; English for the world chart and for countries not listed), and
 * the languages' names in English for prompts and diffs.
 *
 * @module
 */

/** ISO 3166-1 alpha-2 → ISO 639-1: the main language of songs and posts there. */
const MARKET_LANGUAGE: Record<string, string> = {
  GB: "en",
  US: "en",
  IE: "en",
  AU: "en",
  NZ: "en",
  CA: "en",
  ZA: "en",
  NG: "en",
  GH: "en",
  KE: "en",
  JM: "en",
  IN: "en",
  PH: "en",
  SG: "en",
  ES: "es",
  MX: "es",
  AR: "es",
  CO: "es",
  CL: "es",
  PE: "es",
  VE: "es",
  UY: "es",
  PY: "es",
  BO: "es",
  EC: "es",
  CU: "es",
  DO: "es",
  PR: "es",
  CR: "es",
  PA: "es",
  GT: "es",
  BR: "pt",
  PT: "pt",
  AO: "pt",
  MZ: "pt",
  CV: "pt",
  FR: "fr",
  BE: "fr",
  LU: "fr",
  MC: "fr",
  SN: "fr",
  CI: "fr",
  CM: "fr",
  HT: "fr",
  DE: "de",
  AT: "de",
  CH: "de",
  LI: "de",
  IT: "it",
  SM: "it",
  NL: "nl",
  SE: "sv",
  NO: "no",
  DK: "da",
  FI: "fi",
  IS: "is",
  PL: "pl",
  CZ: "cs",
  RO: "ro",
  HU: "hu",
  GR: "el",
  TR: "tr",
  RU: "ru",
  UA: "uk",
  JP: "ja",
  KR: "ko",
  CN: "zh",
  TW: "zh",
  HK: "zh",
  ID: "id",
  VN: "vi",
  TH: "th",
  EG: "ar",
  MA: "ar",
  SA: "ar",
  AE: "ar",
  IL: "he",
};

/** The language of lyrics and posts for `market` (English when the table does not know it). */
export function languageOf(market: string): string {
  return MARKET_LANGUAGE[market.trim().toUpperCase()] ?? "en";
}

/** "Portuguese" for "pt"; the code itself when the runtime does not know it. */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(["en"], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Countries whose English name takes "the". */
const WITH_THE = /^(?:United|Netherlands|Philippines|Dominican|Czech Republic|Bahamas|Gambia)/;

/** "Brazil" for "BR", "the United Kingdom" for GB, "the world" for GLOBAL. */
export function marketName(market: string): string {
  const code = market.trim().toUpperCase();
  if (code === "GLOBAL") return "the world";
  let name = code;
  try {
    name = new Intl.DisplayNames(["en"], { type: "region" }).of(code) ?? code;
  } catch {
    // An unknown code reads as itself.
  }
  return WITH_THE.test(name) ? `the ${name}` : name;
}
