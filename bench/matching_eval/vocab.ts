/**
 * What the synthetic world is made of: real cities in clusters (so travel radius matters),
 * the scenes each cluster is known for, and tag spellings as people write them.
 *
 * @module
 */

export interface City {
  name: string;
  country: string;
  lat: number;
  lng: number;
  tz: string;
  currency: string;
  languages: string[];
  cluster: string;
  /** How many musicians live here and how many in-person gigs happen here. */
  musicians: number;
  gigs: number;
  hoods: string[];
  venues: string[];
}

export const CITIES: City[] = [
  city("Lisbon", "PT", 38.7223, -9.1393, "Europe/Lisbon", "EUR", ["Portuguese"], "iberia", 60, 16, [
    "Alfama",
    "Graça",
    "Bairro Alto",
    "Alcântara",
  ], ["Hot Clube", "Casa Independente", "B.Leza", "Musicbox"]),
  city("Cascais", "PT", 38.6979, -9.4215, "Europe/Lisbon", "EUR", ["Portuguese"], "iberia", 22, 6, [
    "Estoril",
    "Carcavelos",
  ], ["Casino Estoril", "Villa Cascais", "Marina Lounge"]),
  city("Porto", "PT", 41.1579, -8.6291, "Europe/Lisbon", "EUR", ["Portuguese"], "iberia", 45, 12, [
    "Ribeira",
    "Bonfim",
    "Cedofeita",
  ], ["Maus Hábitos", "Casa da Música", "Hard Club"]),
  city("London", "GB", 51.5074, -0.1278, "Europe/London", "GBP", [], "uk", 64, 18, [
    "Hackney",
    "Brixton",
    "Camden",
    "Peckham",
  ], ["Ronnie's back room", "The Jazz Cafe", "Oslo Hackney", "Union Chapel"]),
  city("Brighton", "GB", 50.8225, -0.1372, "Europe/London", "GBP", [], "uk", 20, 6, [
    "Kemptown",
    "Hove",
  ], ["The Brunswick", "Concorde 2", "Komedia"]),
  city("Manchester", "GB", 53.4808, -2.2426, "Europe/London", "GBP", [], "uk", 42, 12, [
    "Ancoats",
    "Didsbury",
    "Northern Quarter",
  ], ["Band on the Wall", "YES", "Albert Hall"]),
  city("Berlin", "DE", 52.52, 13.405, "Europe/Berlin", "EUR", ["German"], "berlin", 45, 12, [
    "Kreuzberg",
    "Neukölln",
    "Friedrichshain",
  ], ["A-Trane", "Kantine am Berghain", "Lido", "Zionskirche"]),
  city("Paris", "FR", 48.8566, 2.3522, "Europe/Paris", "EUR", ["French"], "paris", 45, 12, [
    "Belleville",
    "Pigalle",
    "Le Marais",
  ], ["Duc des Lombards", "La Cigale", "Sunset-Sunside", "Péniche"]),
  city("New York", "US", 40.7128, -74.006, "America/New_York", "USD", ["Spanish"], "us", 50, 11, [
    "Harlem",
    "Bushwick",
    "the West Village",
  ], ["Smalls", "Nublu", "Elsewhere", "Minton's"]),
  city("Philadelphia", "US", 39.9526, -75.1652, "America/New_York", "USD", [], "us", 16, 5, [
    "Fishtown",
    "South Philly",
  ], ["Chris' Jazz Cafe", "Johnny Brenda's"]),
];

function city(
  name: string,
  country: string,
  lat: number,
  lng: number,
  tz: string,
  currency: string,
  languages: string[],
  cluster: string,
  musicians: number,
  gigs: number,
  hoods: string[],
  venues: string[],
): City {
  return {
    name,
    country,
    lat,
    lng,
    tz,
    currency,
    languages,
    cluster,
    musicians,
    gigs,
    hoods,
    venues,
  };
}

/** [canonical instrument, family] pairs a cluster's musicians concentrate in. */
export const SCENES: Record<string, [string, string][]> = {
  iberia: [["keys", "jazz"], ["saxophone", "jazz"], ["guitar", "folk"], ["vocals", "folk"], [
    "drums",
    "rock",
  ], ["percussion", "latin"]],
  uk: [["guitar", "rock"], ["drums", "rock"], ["vocals", "soul"], ["keys", "soul"], [
    "violin",
    "classical",
  ], ["double bass", "jazz"]],
  berlin: [["dj", "electronic"], ["keys", "electronic"], ["cello", "classical"]],
  paris: [["keys", "jazz"], ["vocals", "classical"], ["guitar", "jazz"]],
  us: [["saxophone", "jazz"], ["dj", "hip-hop"], ["vocals", "soul"]],
};

/** Canonical instrument → spellings seen in profiles and gig posts. */
export const INSTRUMENT_VARIANTS: Record<string, string[]> = {
  keys: ["Keys", "keyboards", "piano", "Piano", "Pianist"],
  guitar: ["guitar", "Guitar", "electric guitar", "acoustic guitar", "Guitarist"],
  bass: ["bass", "Bass guitar", "electric bass"],
  "double bass": ["double bass", "upright bass", "Contrabass"],
  drums: ["drums", "Drummer", "drum kit", "Drums"],
  saxophone: ["sax", "saxophone", "Alto sax", "tenor saxophone", "Saxophonist"],
  trumpet: ["trumpet", "Trumpet"],
  vocals: ["vocals", "Vocalist", "singer", "Lead vocals"],
  violin: ["violin", "Violin", "fiddle"],
  cello: ["cello", "Cello"],
  dj: ["DJ", "dj", "turntables"],
  percussion: ["percussion", "Percussionist", "congas"],
};

/** Family → canonical genre → spellings. The first genre of a family is its head. */
export const GENRE_VARIANTS: Record<string, Record<string, string[]>> = {
  jazz: {
    jazz: ["jazz", "Jazz"],
    swing: ["swing", "Swing"],
    bebop: ["bebop", "be-bop", "Bebop"],
    "bossa nova": ["bossa nova", "Bossa Nova", "bossa"],
  },
  rock: {
    rock: ["rock", "Rock"],
    indie: ["indie", "Indie rock"],
    punk: ["punk", "Punk rock"],
    metal: ["metal", "heavy metal"],
  },
  soul: {
    soul: ["soul", "Soul"],
    funk: ["funk", "Funk"],
    "r&b": ["R&B", "rnb", "rhythm and blues"],
    gospel: ["gospel", "Gospel"],
  },
  electronic: {
    electronic: ["electronic", "Electronic", "EDM"],
    house: ["house", "deep house"],
    techno: ["techno", "Techno"],
  },
  classical: {
    classical: ["classical", "Classical"],
    baroque: ["baroque", "Baroque"],
    opera: ["opera", "Opera"],
  },
  folk: {
    folk: ["folk", "Folk"],
    country: ["country"],
    bluegrass: ["bluegrass"],
    "singer-songwriter": ["Singer-songwriter", "singer songwriter"],
    fado: ["fado", "Fado"],
  },
  latin: { latin: ["latin", "Latin"], salsa: ["salsa", "Salsa"], samba: ["samba", "Samba"] },
  "hip-hop": { "hip-hop": ["hip-hop", "Hip Hop", "hiphop"], rap: ["rap"] },
};

/** Instruments a family's musicians typically play (for background musicians and doubles). */
export const FAMILY_INSTRUMENTS: Record<string, string[]> = {
  jazz: ["keys", "saxophone", "double bass", "drums", "trumpet", "guitar", "vocals"],
  rock: ["guitar", "drums", "bass", "vocals", "keys"],
  soul: ["vocals", "keys", "bass", "drums", "saxophone", "guitar"],
  electronic: ["dj", "keys"],
  classical: ["violin", "cello", "keys", "vocals"],
  folk: ["guitar", "vocals", "violin", "double bass"],
  latin: ["percussion", "vocals", "guitar", "trumpet"],
  "hip-hop": ["dj", "vocals", "keys"],
};

export const SKILLS = [
  "sight-reading",
  "improvisation",
  "backing vocals",
  "own PA",
  "arranging",
  "teaching",
  "home studio",
  "MD / bandleading",
  "transcription",
];

export const FIRST_NAMES: Record<string, string[]> = {
  PT: [
    "Inês",
    "João",
    "Marta",
    "Tiago",
    "Beatriz",
    "Rui",
    "Carolina",
    "Miguel",
    "Sofia",
    "Duarte",
    "Leonor",
    "Nuno",
  ],
  GB: [
    "Amara",
    "Callum",
    "Niamh",
    "Olly",
    "Priya",
    "Jess",
    "Tom",
    "Grace",
    "Kwame",
    "Rosie",
    "Declan",
    "Hannah",
  ],
  DE: ["Lena", "Jonas", "Mia", "Felix", "Anouk", "Paul", "Clara", "Malte", "Yasemin", "Emil"],
  FR: ["Camille", "Léa", "Hugo", "Manon", "Théo", "Inès", "Bastien", "Chloé", "Yanis", "Juliette"],
  US: ["Keisha", "Marcus", "Ava", "DeShawn", "Maya", "Eli", "Jasmine", "Nate", "Rosa", "Tyler"],
};

export const LAST_NAMES: Record<string, string[]> = {
  PT: [
    "Silva",
    "Ferreira",
    "Costa",
    "Martins",
    "Sousa",
    "Pereira",
    "Lopes",
    "Carvalho",
    "Gomes",
    "Ribeiro",
  ],
  GB: [
    "Okafor",
    "Walsh",
    "Patel",
    "Hughes",
    "Campbell",
    "Reid",
    "Turner",
    "Mensah",
    "Clarke",
    "Byrne",
  ],
  DE: ["Becker", "Schulz", "Wagner", "Hoffmann", "Yilmaz", "Krüger", "Neumann", "Vogel"],
  FR: ["Martin", "Bernard", "Dubois", "Moreau", "Laurent", "Fontaine", "Rousseau", "Benali"],
  US: ["Johnson", "Rivera", "Brooks", "Kim", "Washington", "Alvarez", "Greene", "Carter"],
};

export const CLIENT_WORDS = [
  "Events",
  "Weddings",
  "Bookings",
  "Live",
  "Productions",
  "Collective",
  "Sessions",
  "Club",
];

/** Currency unit per minor unit and a typical fee range (major units) per currency. */
export const FEE_RANGE: Record<string, [number, number]> = {
  EUR: [150, 450],
  GBP: [140, 420],
  USD: [200, 600],
};
