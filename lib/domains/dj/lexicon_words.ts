/**
 * Words of the offline DJ's lexicon in English, Spanish, Portuguese, French and German, written
 * without accents (text is folded before matching). A trailing `*` matches any ending
 * (`relaj*`: relajarse, relajante); several words match as a phrase (`buen humor`).
 *
 * @module
 */

export const LANGS = ["en", "es", "pt", "fr", "de"] as const;
export type Lang = typeof LANGS[number];

export const MOOD_KEYS = [
  "calm",
  "focus",
  "sleep",
  "chill",
  "happy",
  "sad",
  "melancholic",
  "nostalgic",
  "energetic",
  "workout",
  "party",
  "romantic",
  "angry",
  "dreamy",
  "epic",
  "dinner",
  "driving",
  "meditation",
  "uplifting",
  "groovy",
  "dark",
] as const;
export type MoodKey = typeof MOOD_KEYS[number];

type Words = Record<Lang, string>;

/** Per mood, per language: space-separated words; `_` joins the words of a phrase. */
export const MOOD_WORDS: Record<MoodKey, Words> = {
  calm: {
    en: "calm* relax* peaceful peace quiet* soft gentle unwind* tranquil* serene mellow sooth*",
    es: "calm* relaj* tranquil* paz suave* seren* sosiego relax",
    pt: "calm* relax* tranquil* sossego suave* paz seren*",
    fr: "calme* detente detendre relax* doux douce* paisible* tranquill* apais*",
    de: "ruhig* entspann* gelassen* sanft* leise* beruhig*",
  },
  focus: {
    en:
      "stud* focus* concentrat* work working reading read homework coding productiv* exam* deep_work",
    es: "estudi* concentr* enfoc* trabaj* leer lectura examen* tarea* deberes programar",
    pt: "estud* concentr* foco focar trabalh* ler leitura prova* programar",
    fr: "etudi* revis* concentr* travail* lire lecture devoirs bosser examen*",
    de: "lern* studier* studium konzentr* arbeit* lesen hausaufgaben fokus* prufung*",
  },
  sleep: {
    en: "sleep* bedtime insomnia lullab* nap asleep",
    es: "dormir duerm* sueno siesta insomnio nana* cuna",
    pt: "dormir durm* sono soneca insonia ninar",
    fr: "dormir dors sommeil sieste insomnie berceuse* endorm*",
    de: "schlaf* einschlaf* nickerchen schlaflied*",
  },
  chill: {
    en: "chill* lazy sunday coffee lounge laid_back laidback easy cafe morning brunch cozy cosy",
    es: "chill* domingo* cafe manana* pereza tranqui brunch acogedor*",
    pt: "chill* domingo* cafe* manha* preguica de_boa brunch aconchegante",
    fr: "chill* dimanche* cafe matin* cosy cocooning",
    de: "chill* sonntag* kaffee* morgen* gemutlich* lounge",
  },
  happy: {
    en: "happy happi* joy* cheer* sunny sunshine feel_good good_mood good_vibes fun summer",
    es: "feliz felices alegr* buen_humor buen_rollo buenas_vibras verano divertid*",
    pt: "feliz felizes alegr* bom_humor boas_vibes verao divertid* astral",
    fr: "heureu* joyeu* joie bonne_humeur ete gai gaie ensoleill*",
    de: "frohlich* glucklich* gute_laune sommer* freude lustig* sonnig*",
  },
  sad: {
    en: "sad* heartbr* breakup break_up cry* lonely loneliness tears grief depress*",
    es: "trist* desamor llor* ruptura soledad deprim* despecho",
    pt: "trist* chor* solidao fossa sofr* deprim* sofrencia",
    fr: "trist* chagrin* rupture pleur* seul* deprim*",
    de: "traurig* trauer* liebeskummer weinen einsam* deprim*",
  },
  melancholic: {
    en: "melanchol* wistful moody rainy rain",
    es: "melancol* lluvi* gris",
    pt: "melancol* chuva* saudade*",
    fr: "melancol* pluie* pluvieu*",
    de: "melanchol* regen* wehmut*",
  },
  nostalgic: {
    en: "nostalg* oldies retro throwback 80s 90s 70s 60s old_school",
    es: "nostalg* recuerdos antiguas retro ochenteras ochenta noventa",
    pt: "nostalg* lembranc* antigas retro anos_80 anos_90",
    fr: "nostalg* souvenirs retro annees_80 annees_90",
    de: "nostalg* erinnerung* retro 80er 90er oldies",
  },
  energetic: {
    en: "energ* upbeat hype* pump* power* intense fast adrenaline loud",
    es: "energ* animad* activ* potente* rapid* intens* adrenalina",
    pt: "energ* animad* agitad* intens* rapid* adrenalina pique",
    fr: "energ* dynam* pechu* intense* rapide* punchy",
    de: "energ* power schnell* intensiv* kraftvoll*",
  },
  workout: {
    en: "workout* gym running run runs jog* training exercis* cardio lifting fitness hiit crossfit",
    es: "entren* gimnasio gym correr corriendo ejercicio* deporte* fitness pesas cardio",
    pt: "treino* treinar academia correr corrida exercicio* malhar malhacao musculacao fitness",
    fr: "sport* entrainement entrainer muscu* courir course footing jogging",
    de: "training* trainier* sport* lauf* jogg* fitness* workout gym",
  },
  party: {
    en: "party parties dance dancing club* pregame celebrat* rave night_out",
    es: "fiesta* bail* discoteca perreo celebr* rumba marcha farra antro",
    pt: "festa* danc* balada* baile celebr* role",
    fr: "fete soiree* danse* danser boite teuf*",
    de: "party* feier* tanz* club* disco",
  },
  romantic: {
    en: "romant* love date sexy intimate candle* valentine*",
    es: "romant* amor* cita enamor* pareja sensual*",
    pt: "romant* amor* namor* encontro paixao apaixon* sensual*",
    fr: "romant* amour* amoureu* rendez-vous tendre* sensuel*",
    de: "romanti* liebe* verliebt* zartlich* kuschel*",
  },
  angry: {
    en: "angry anger rage aggressive furious mad frustrat*",
    es: "rabia enojad* enfad* ira agresiv* furi*",
    pt: "raiva irritad* agressiv* furi* odio",
    fr: "colere rage enerve* agressi* furieu*",
    de: "wut* wutend* aggressiv* zorn* sauer",
  },
  dreamy: {
    en: "dream* ethereal floating space* cosmic atmospheric",
    es: "sonador* onirico etereo espacial atmosferic*",
    pt: "sonhador* sonho* etereo espacial atmosferic*",
    fr: "reve* reveur* onirique aerien* atmospher* cosmique",
    de: "traum* vertraumt* schwebend* spharisch*",
  },
  epic: {
    en: "epic cinematic heroic movie film battle trailer",
    es: "epic* cinemat* heroic* pelicula* batalla",
    pt: "epic* cinemat* heroic* filme* batalha",
    fr: "epique* cinemat* heroique* film* bataille",
    de: "episch* heldenhaft* kino*",
  },
  dinner: {
    en: "dinner cooking cook* kitchen restaurant wine dining",
    es: "cena* cenar cocin* restaurante vino",
    pt: "jantar cozinh* restaurante vinho",
    fr: "diner cuisin* restaurant vin apero* aperitif",
    de: "abendessen koch* kuche restaurant dinner wein",
  },
  driving: {
    en: "driv* road_trip roadtrip road car highway commute travel*",
    es: "conduc* manej* carretera viaje* coche",
    pt: "dirig* estrada viage* carro",
    fr: "route conduire voiture voyage* autoroute",
    de: "autofahr* fahrt roadtrip reise* autobahn",
  },
  meditation: {
    en: "meditat* yoga mindful* breath* spa massage zen",
    es: "medit* yoga respir* spa masaje zen",
    pt: "medit* yoga respir* spa massagem zen",
    fr: "medit* yoga respir* spa massage zen",
    de: "meditation meditier* yoga atem* achtsam* spa massage zen",
  },
  uplifting: {
    en: "uplift* motivat* inspir* positive hope* empower* confident*",
    es: "motiv* inspir* positiv* esperanza optimis* subidon",
    pt: "motiv* inspir* positiv* esperanca otimis*",
    fr: "motiv* inspir* positi* espoir optimis*",
    de: "motivier* motivation inspir* positiv* hoffnung* optimist*",
  },
  groovy: {
    en: "groov* funky swing*",
    es: "groove ritmo ritmic* sabros*",
    pt: "groove swing balanc* suingue gingado",
    fr: "groove rythm* swing",
    de: "groove rhythm* swing",
  },
  dark: {
    en: "dark* gloomy sinister",
    es: "oscur* sombri* tenebros*",
    pt: "escur* sombri* sombrio",
    fr: "sombre* tenebr* obscur*",
    de: "dunkel* duster* finster*",
  },
};

/** Canonical genre (as tagged in the catalogue) → words in any language. */
export const GENRE_WORDS: Record<string, string> = {
  "lo-fi": "lofi lo_fi lo-fi chillhop",
  ambient: "ambient* drone",
  classical: "classical clasic* classic* classique* klassik* orchestra* orquest* sinfon* symphon*",
  piano: "piano* klavier*",
  jazz: "jazz*",
  "bossa nova": "bossa*",
  mpb: "mpb brasileir* brazilian brasilen* bresilien* brasilian* portugues*",
  samba: "samba* pagode",
  soul: "soul",
  "r&b": "rnb r&b r_and_b",
  pop: "pop",
  reggaeton: "reggaeton regueton perreo urbano dembow",
  latin: "latin* latino* espanol* espanhol* espagnol* spanisch* spanish hispan*",
  salsa: "salsa",
  flamenco: "flamenc*",
  cantautor: "cantautor* trova",
  chanson: "chanson*",
  french: "french frances* franceses francais* francaise* franzosisch* francesa*",
  german: "german deutsch* alemana* aleman alema* allemand*",
  schlager: "schlager*",
  rock: "rock*",
  indie: "indie",
  folk: "folk*",
  acoustic: "acoustic acustic* acoustique akustik* unplugged",
  "hip hop": "hip_hop hiphop rap rapper rappers trap",
  electronic: "electronic* electronica electronique eletronic* electro elektron* edm",
  house: "house",
  techno: "techno",
  metal: "metal*",
  punk: "punk*",
  reggae: "reggae",
  blues: "blues",
  country: "country",
  "k-pop": "kpop k-pop k_pop",
  funk: "funk*",
  disco: "disco",
  italian: "italian* italiana* italien*",
  "j-pop": "jpop j-pop japanese japones* japon* japonais*",
  afrobeats: "afrobeat* afro",
  soundtrack: "soundtrack* banda_sonora trilha_sonora bande_originale filmmusik",
  instrumental: "instrumental* sin_letra sem_letra sans_paroles ohne_gesang no_lyrics",
};

/** Function words that give a prompt's language away. */
export const STOPWORDS: Record<Lang, string> = {
  en:
    "the and for with music songs song some to of my me while i a an in on that like something about by please",
  es:
    "el la los las para con musica canciones cancion de del mientras y un una que mi por como algo en al",
  pt:
    "o os as para com musica musicas cancoes de do da dos das enquanto e um uma que meu minha pra pro na no em",
  fr: "le la les pour avec musique chansons de du des pendant et un une que mon ma quelque en au",
  de:
    "der die das fur mit musik lieder und ein eine zum zur beim wahrend mein meine etwas im am vom",
};
