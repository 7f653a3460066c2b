/**
 * What the offline lyric writer writes with: default themes per mood group in the five
 * languages, and line banks per mood group in English and Spanish (Portuguese, French and German
 * lyrics fall back to English lines). `{theme}` in a line is the plan's lyrics theme.
 *
 * @module
 */
import { analyse, type Lang, type MoodKey } from "../dj/lexicon.ts";

export const GROUPS = ["calm", "happy", "sad", "love", "power", "dark"] as const;
export type Group = (typeof GROUPS)[number];

const GROUP_OF: Record<MoodKey, Group> = {
  calm: "calm",
  focus: "calm",
  sleep: "calm",
  chill: "calm",
  dreamy: "calm",
  meditation: "calm",
  happy: "happy",
  party: "happy",
  uplifting: "happy",
  groovy: "happy",
  driving: "happy",
  sad: "sad",
  melancholic: "sad",
  nostalgic: "sad",
  romantic: "love",
  dinner: "love",
  energetic: "power",
  workout: "power",
  epic: "power",
  angry: "power",
  dark: "dark",
};

/** The group of a mood word in any of the five languages; by mode when the word is unknown. */
export function moodGroup(mood: string, mode: "major" | "minor"): Group {
  const key = analyse(mood).moods[0]?.key;
  return key ? GROUP_OF[key] : mode === "minor" ? "sad" : "happy";
}

/** A lyrics theme when the prompt gives none. */
export const DEFAULT_THEMES: Record<Group, Record<Lang, string>> = {
  calm: {
    en: "a quiet night by the window",
    es: "una noche tranquila junto a la ventana",
    pt: "uma noite tranquila à janela",
    fr: "une nuit calme près de la fenêtre",
    de: "eine stille Nacht am Fenster",
  },
  happy: {
    en: "a summer day with friends",
    es: "un día de verano con amigos",
    pt: "um dia de verão com os amigos",
    fr: "une journée d'été entre amis",
    de: "ein Sommertag mit Freunden",
  },
  sad: {
    en: "letting go of someone you loved",
    es: "dejar ir a alguien que amaste",
    pt: "deixar partir alguém que amaste",
    fr: "laisser partir quelqu'un qu'on a aimé",
    de: "jemanden loslassen, den man liebte",
  },
  love: {
    en: "falling in love",
    es: "enamorarse",
    pt: "apaixonar-se",
    fr: "tomber amoureux",
    de: "sich verlieben",
  },
  power: {
    en: "never giving up",
    es: "no rendirse nunca",
    pt: "nunca desistir",
    fr: "ne jamais abandonner",
    de: "niemals aufgeben",
  },
  dark: {
    en: "the city's shadows at night",
    es: "las sombras de la ciudad de noche",
    pt: "as sombras da cidade à noite",
    fr: "les ombres de la ville la nuit",
    de: "die Schatten der Stadt bei Nacht",
  },
};

export interface Bank {
  verse: Record<Group, string[]>;
  /** Four lines per group; the chorus repeats them. */
  chorus: Record<Group, string[]>;
  pre_chorus: string[];
  bridge: string[];
}

// deno-fmt-ignore
const EN: Bank = {
  verse: {
    calm: [
      "The kettle hums, the streetlights glow",
      "I count the raindrops, soft and slow",
      "The city folds its wings tonight",
      "A candle keeps the corner bright",
      "No one is calling, no one needs",
      "The quiet grows like garden seeds",
      "I breathe the hours one by one",
      "The moon is patient with the sun",
    ],
    happy: [
      "We left the windows open wide",
      "The radio is on our side",
      "Bare feet dancing on the street",
      "Every stranger's someone sweet",
      "The sky is painted gold and blue",
      "There's nothing that we can't get through",
      "We laugh until the evening falls",
      "The music bouncing off the walls",
    ],
    sad: [
      "Your coat still hangs behind the door",
      "I don't sleep like I did before",
      "The photographs have lost their light",
      "I keep on talking to the night",
      "The coffee's cold, the table's bare",
      "I turn around, you're never there",
      "The rain keeps writing on the glass",
      "I knew that this too had to pass",
    ],
    love: [
      "Your hand found mine across the room",
      "Like April finding June in bloom",
      "I learned your laugh, I learned your name",
      "And nothing after felt the same",
      "We talked until the candles died",
      "With all the city on our side",
      "You say my name like a refrain",
      "I'd live it all again",
    ],
    power: [
      "They said that I would never rise",
      "Now see the fire in my eyes",
      "Every wall is just a door",
      "I want it more, I want it more",
      "The road is long, my heart is strong",
      "I've been the underdog too long",
      "I hit the ground and stood back tall",
      "I'm not afraid to take the fall",
    ],
    dark: [
      "The neon bleeds into the rain",
      "Footsteps echo down the lane",
      "Nobody's watching, no one cares",
      "Whispers climbing up the stairs",
      "The shadows know the things I hide",
      "A cold wind waiting just outside",
      "The clock is ticking out of time",
      "A secret buried in the rhyme",
    ],
  },
  chorus: {
    calm: ["Stay a while in {theme}", "Let the world go slow", "Stay a while in {theme}", "Where the quiet waters flow"],
    happy: ["This is {theme}", "Turn it up and let it shine", "This is {theme}", "And everything is fine"],
    sad: ["I'm still singing of {theme}", "Even now the echoes stay", "I'm still singing of {theme}", "Though you're far away"],
    love: ["It's all about {theme}", "You and me against the tide", "It's all about {theme}", "Stay here by my side"],
    power: ["We're singing for {theme}", "Nothing's gonna hold us down", "We're singing for {theme}", "Hear it shake the ground"],
    dark: ["Down in {theme}", "Nobody knows my name", "Down in {theme}", "Nothing stays the same"],
  },
  pre_chorus: ["And I can feel it coming near", "So hold on, the moment's here", "Something's changing in the air", "Take my hand, I'll take you there"],
  bridge: ["And if the night should fall apart", "I'll keep this rhythm in my heart", "One more time, one more time", "Every word of it is mine"],
};

// deno-fmt-ignore
const ES: Bank = {
  verse: {
    calm: [
      "La tetera canta, la calle se apagó",
      "Cuento las gotas, despacio, como yo",
      "La ciudad se duerme sin hacer ruido",
      "Una vela guarda lo que no se ha ido",
      "Nadie me llama, nadie me espera",
      "El silencio crece como enredadera",
      "Respiro las horas una por una",
      "El sol le da paso a la luna",
    ],
    happy: [
      "Abrimos las ventanas de par en par",
      "La radio suena y no hay que pensar",
      "Descalzos bailando en la acera",
      "Cada desconocido nos espera",
      "El cielo pintado de oro y de azul",
      "No hay nada que pare esta juventud",
      "Reímos hasta que cae la tarde",
      "Y la música nunca llega tarde",
    ],
    sad: [
      "Tu abrigo sigue detrás de la puerta",
      "Mi cama fría, mi casa desierta",
      "Las fotos perdieron su color",
      "Le hablo a la noche de este dolor",
      "El café frío, la mesa vacía",
      "Me doy la vuelta y no estás todavía",
      "La lluvia escribe sobre el cristal",
      "Sabía que esto tenía un final",
    ],
    love: [
      "Tu mano encontró la mía al pasar",
      "Como abril cuando empieza a brotar",
      "Aprendí tu risa, aprendí tu nombre",
      "Y desde entonces nada me sobra",
      "Hablamos hasta que se fue la luz",
      "La ciudad entera éramos tú y yo",
      "Dices mi nombre como una canción",
      "Y se me acelera el corazón",
    ],
    power: [
      "Dijeron que nunca me iba a levantar",
      "Mira este fuego, no se va a apagar",
      "Cada muro es solo una puerta",
      "Sigo adelante con la mente despierta",
      "El camino es largo, mi pecho es fuerte",
      "Ya no le tengo miedo a la suerte",
      "Caí al suelo y me volví a parar",
      "Nadie me puede hacer callar",
    ],
    dark: [
      "El neón sangra bajo la lluvia",
      "Pasos que suenan en la calle oscura",
      "Nadie nos mira, a nadie le importa",
      "Susurros que suben por la escalera corta",
      "Las sombras saben lo que escondo",
      "Un viento frío me llama desde el fondo",
      "El reloj se queda sin tiempo",
      "Un secreto enterrado en el viento",
    ],
  },
  chorus: {
    calm: ["Quédate un rato en {theme}", "Que el mundo vaya lento", "Quédate un rato en {theme}", "Donde se calma el viento"],
    happy: ["Esto es {theme}", "Súbele y deja que brille", "Esto es {theme}", "Y que nadie nos lo quite"],
    sad: ["Sigo cantando a {theme}", "Aún quedan los ecos aquí", "Sigo cantando a {theme}", "Aunque ya no estés aquí"],
    love: ["Todo se trata de {theme}", "Tú y yo contra la marea", "Todo se trata de {theme}", "Quédate aunque no se vea"],
    power: ["Cantamos por {theme}", "Nada nos va a detener", "Cantamos por {theme}", "Hoy volvemos a nacer"],
    dark: ["Allá en {theme}", "Nadie sabe mi nombre", "Allá en {theme}", "Se pierde cualquier hombre"],
  },
  pre_chorus: ["Y lo siento cada vez más cerca", "Agárrate, ya llega la fiesta", "Algo cambia en el aire", "Dame la mano, no hay nadie"],
  bridge: ["Y si la noche se rompe en mil", "Este ritmo me hará seguir", "Una vez más, una vez más", "Cada palabra es de verdad"],
};

/** The bank for a language: English and Spanish have their own, the others use English. */
export function bankFor(lang: Lang): { bank: Bank; lang: "en" | "es" } {
  return lang === "es" ? { bank: ES, lang: "es" } : { bank: EN, lang: "en" };
}
