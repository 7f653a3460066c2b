/**
 * Words of the studio's offline lexicon in English, Spanish, Portuguese, French and German,
 * written as the reader folds text (lower case, no accents). As in the DJ's lexicon
 * (dj/lexicon_words.ts): `_` joins the words of a phrase, a trailing `*` matches any ending.
 * Moods and the prompt's language come from the DJ's lexicon itself.
 *
 * @module
 */
import type { TimeSignature } from "./plan.ts";

/** Genre (English, as synth/genres.ts familyOf reads it), subgenre, words; specific first. */
export const GENRE_WORDS: [string, string | null, string][] = [
  ["lo-fi", "lo-fi hip hop", "lofi_hip_hop lo-fi_hip_hop lo_fi_hip_hop lofi_hiphop"],
  ["lo-fi", null, "lofi lo-fi lo_fi chillhop"],
  ["hip hop", "boom bap", "boom_bap boombap"],
  ["hip hop", "trap", "trap"],
  ["hip hop", "drill", "drill"],
  ["hip hop", "trip hop", "trip_hop trip-hop triphop"],
  ["hip hop", null, "hip_hop hip-hop hiphop rap rapero rappeur"],
  ["electronic", "synthwave", "synthwave synth-wave retrowave outrun"],
  ["electronic", "deep house", "deep_house"],
  ["electronic", "tech house", "tech_house"],
  ["electronic", "house", "house"],
  ["electronic", "techno", "techno"],
  ["electronic", "drum and bass", "drum_and_bass drum_n_bass drum_&_bass dnb"],
  ["electronic", "dubstep", "dubstep"],
  ["electronic", "trance", "trance"],
  ["electronic", "disco", "disco nu-disco"],
  ["electronic", "edm", "edm"],
  ["electronic", null, "electronic* electronica electronique eletronic* electro elektron*"],
  ["pop", "synth-pop", "synth-pop synthpop synth_pop"],
  ["pop", "indie pop", "indie_pop"],
  ["pop", "dream pop", "dream_pop dreampop"],
  ["pop", "k-pop", "k-pop kpop k_pop"],
  ["pop", "ballad", "ballad* balada* ballade*"],
  ["pop", "schlager", "schlager*"],
  ["pop", null, "pop"],
  ["rock", "indie rock", "indie_rock indie"],
  ["rock", "pop punk", "pop_punk pop-punk"],
  ["rock", "punk", "punk*"],
  ["rock", "metal", "metal* heavy_metal"],
  ["rock", "grunge", "grunge"],
  ["rock", "alternative rock", "alternative alt_rock alternative_rock"],
  ["rock", "hard rock", "hard_rock"],
  ["rock", null, "rock*"],
  ["jazz", "bebop", "bebop"],
  ["jazz", "big band", "big_band"],
  ["jazz", "smooth jazz", "smooth_jazz"],
  ["jazz", "latin jazz", "latin_jazz jazz_latino"],
  ["jazz", null, "jazz*"],
  ["blues", null, "blues"],
  ["r&b", "neo-soul", "neo-soul neo_soul neosoul"],
  ["r&b", "soul", "soul"],
  ["r&b", "funk", "funk*"],
  ["r&b", "gospel", "gospel"],
  ["r&b", null, "rnb r&b r_and_b r_&_b"],
  ["latin", "bossa nova", "bossa*"],
  ["latin", "reggaeton", "reggaeton regueton perreo dembow"],
  ["latin", "salsa", "salsa"],
  ["latin", "cumbia", "cumbia*"],
  ["latin", "bachata", "bachata*"],
  ["latin", "merengue", "merengue*"],
  ["latin", "tango", "tango*"],
  ["latin", "flamenco", "flamenc*"],
  ["latin", "samba", "samba* pagode"],
  ["latin", "bolero", "bolero*"],
  ["latin", "reggae", "reggae"],
  ["latin", "afrobeat", "afrobeat* afro"],
  ["latin", null, "latin* latino*"],
  ["folk", "country", "country"],
  ["folk", "bluegrass", "bluegrass"],
  ["folk", "singer-songwriter", "singer-songwriter cantautor* liedermacher*"],
  ["folk", "acoustic", "acoustic acustic* acoustique akustik* unplugged"],
  ["folk", null, "folk*"],
  ["ambient", "cinematic", "cinematic* soundtrack* banda_sonora trilha_sonora bande_originale"],
  ["ambient", "classical", "classical orchestral* orquestal* orchestre* orchester*"],
  ["ambient", "drone", "drone"],
  ["ambient", "new age", "new_age"],
  ["ambient", "downtempo", "downtempo chillout"],
  ["ambient", null, "ambient*"],
];

/** Instrument (as the plan lists it) and its words. */
export const INSTRUMENT_WORDS: [string, string][] = [
  [
    "acoustic guitar",
    "acoustic_guitar guitarra_acustica violao guitare_acoustique akustikgitarre akustische_gitarre",
  ],
  [
    "electric guitar",
    "electric_guitar guitarra_electrica guitarra_eletrica guitare_electrique e-gitarre",
  ],
  ["nylon guitar", "nylon_guitar classical_guitar guitarra_clasica spanish_guitar"],
  ["guitar", "guitar* guitarra* guitare* gitarre* gitarr*"],
  [
    "electric piano",
    "rhodes electric_piano e-piano piano_electrico piano_eletrico piano_electrique wurlitzer",
  ],
  ["piano", "piano* klavier* flugel"],
  ["upright bass", "upright_bass double_bass contrabajo contrabaixo contrebasse kontrabass"],
  ["808 bass", "808 808s"],
  ["bass", "bass bass_guitar bajo_electrico baixo_eletrico basse bassline"],
  [
    "drum machine",
    "drum_machine caja_de_ritmos bateria_eletronica boite_a_rythmes drumcomputer",
  ],
  ["drums", "drums drum_kit bateria batterie schlagzeug"],
  ["synth", "synth synths synthesizer* synthesiser* sintetizador* synthe synthes*"],
  ["strings", "strings string_section string_quartet cuerdas cordas cordes streicher*"],
  ["violin", "violin* violino* violon geige*"],
  ["cello", "cello* violonchelo* violoncelo* violoncelle*"],
  ["saxophone", "sax saxo* saxof* saxophon*"],
  ["trumpet", "trumpet* trompet*"],
  ["flute", "flute* flauta* flote*"],
  ["organ", "organ hammond organo orgao orgue orgel"],
  ["ukulele", "ukulele* uke"],
  ["harp", "harp harpa arpa harpe harfe"],
  ["choir", "choir coro choeur chor"],
  ["brass", "brass horns horn_section metales metais cuivres blechblaser"],
  ["percussion", "percussion* percusion* percussao perkussion congas bongos"],
  ["accordion", "accordion* acordeon* acordeao akkordeon"],
  ["banjo", "banjo*"],
  ["mandolin", "mandolin* bandolim"],
  ["clarinet", "clarinet* klarinette*"],
  ["marimba", "marimba*"],
  ["harmonica", "harmonica* mundharmonika"],
  ["bells", "bells glockenspiel campanas"],
  ["pads", "pad pads"],
];

/** Vocals or not, and whose voice. */
export const VOICE_WORDS: [string, string][] = [
  [
    "none",
    "instrumental* no_vocals no_vocal without_vocals without_vocal no_lyrics without_lyrics " +
    "no_singing sin_voz sin_voces sin_letra sin_canto sem_voz sem_vocais sem_letra sem_canto " +
    "sans_voix sans_paroles sans_chant ohne_gesang ohne_text ohne_stimme",
  ],
  [
    "female",
    "female_vocals female_vocal female_voice female_singer voz_femenina voz_feminina " +
    "voix_feminine chanteuse weibliche_stimme weiblicher_gesang frauenstimme sangerin",
  ],
  [
    "male",
    "male_vocals male_vocal male_voice male_singer voz_masculina voix_masculine chanteur " +
    "mannliche_stimme mannlicher_gesang mannerstimme sanger",
  ],
  [
    "yes",
    "vocals vocal singing sung singer lyrics voice voz voces vocais cantad* cantante letra voix " +
    "chante* paroles gesang gesungen stimme",
  ],
];

/** Tempo feel words. */
export const PACE_WORDS: ["slow" | "fast" | "medium", string][] = [
  ["slow", "slow* lento lenta lent lente lentement lentamente langsam* devagar* despacio"],
  ["fast", "fast quick uptempo up-tempo rapido rapida rapide* schnell* veloz rapid"],
  ["medium", "mid-tempo midtempo medium moderate* moderad* modere* mittelschnell"],
];

/** Metre named by a dance or a word (numbers like 3/4 are read by pattern). */
export const METRE_WORDS: [TimeSignature, string][] = [
  ["3/4", "waltz* vals valsa* valse* walzer* ternario"],
  ["6/8", "jig* barcarolle"],
];

/**
 * Words only one of the five languages uses, from the studio's own vocabulary: they settle the
 * language when the DJ's lexicon finds too little ("bossa nova em lá menor").
 */
export const LANGUAGE_HINTS: Record<"en" | "es" | "pt" | "fr" | "de", string> = {
  en: "with without minutes seconds major minor key song vocals slow fast",
  es: "con sin mayor cancion canciones voces rapida",
  pt: "em com sem maior cancao cancoes vocais rapida devagar",
  fr: "avec sans secondes majeur mineur voix lent rapide morceau",
  de: "mit ohne minuten sekunden dur moll lied stimme langsam schnell",
};

/** Words that introduce what the lyrics are about. */
export const THEME_CUES =
  "about on_the_theme_of sobre acerca_de que_hable_de que_fale_de sur a_propos_de au_sujet_de " +
  "qui_parle_de uber ueber";

/** Words that end a lyrics theme ("about love with piano"). */
export const THEME_STOPS = new Set(
  "with featuring feat con com avec mit sounding sonando".split(" "),
);

/** Words a title leaves out: requests and the words for a song itself. */
export const TITLE_SKIP = new Set(
  ("song songs track tracks tune piece beat beats music musica cancion canciones tema temas " +
    "cancao cancoes chanson chansons morceau titre lied lieder stuck musik make write create " +
    "compose generate give want need please quiero haz crea escribe componer faz cria quero " +
    "fais ecris cree veux mach schreib erstelle komponiere sounds sound style estilo").split(" "),
);
