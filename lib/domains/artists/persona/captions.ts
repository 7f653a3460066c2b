/**
 * The offline content planner's captions: what a content pillar is about (a small set of kinds
 * read from its words) and caption templates per kind in English, Spanish and Portuguese (other
 * languages fall back to English). The persona's voice shapes a caption: lowercase voices write
 * lowercase, chatty ones ask a question, emoji only when the voice allows them. Hashtags,
 * visuals, titles and themes are in plan_words.ts.
 *
 * @module
 */

export const PILLAR_KINDS = [
  "studio",
  "writing",
  "live",
  "fans",
  "style",
  "place",
  "listening",
  "life",
] as const;
export type PillarKind = (typeof PILLAR_KINDS)[number];

const KIND_WORDS: [PillarKind, RegExp][] = [
  ["listening", /playlist|record|listening|recommend|digging|focus|study/],
  [
    "studio",
    /studio|behind|beat|session|patch|gear|setup|pedal|sample|making|production|timelapse|texture/,
  ],
  ["writing", /songwrit|lyric|stor(?:y|ies)|handwritten|notes|standards|tunes/],
  ["live", /live|show|gig|tour|rehears|\bsets?\b|crowd|stage|freestyle|takes/],
  ["fans", /fan|cover|duet|challenge|dance|community|verse|mashup/],
  ["style", /outfit|look|style|\bfits?\b|fashion|visual|moodboard/],
  ["place", /city|neighbourhood|scene|walk|landscape|roots|family|travel|summer|street|field/],
];

/** What a content pillar is about, by its words ("studio diaries" → studio). */
export function pillarKind(pillar: string): PillarKind {
  const p = pillar.toLowerCase();
  return KIND_WORDS.find(([, re]) => re.test(p))?.[0] ?? "life";
}

export type CaptionLang = "en" | "es" | "pt";

/** The caption language for a persona language (English when no templates exist for it). */
export function captionLang(language: string): CaptionLang {
  return language === "es" || language === "pt" ? language : "en";
}

/** Templates: {genre} is the persona's main genre. */
const CAPTIONS: Record<CaptionLang, Record<PillarKind, string[]>> = {
  en: {
    studio: [
      "Long night in the studio. The next {genre} track is taking shape.",
      "Two hours, one synth line and a lot of coffee. Here's how it started.",
      "Studio notes: this one almost didn't make it. Glad it did.",
    ],
    writing: [
      "Every song starts with one line. This is the line.",
      "Wrote this on the back of a receipt. It became a chorus.",
      "The story behind the next song, in one photo.",
    ],
    live: [
      "Tonight felt like the first time. Thank you for singing back.",
      "Rehearsal, take twelve. Getting closer.",
      "Where should we play next? Tell us your city.",
    ],
    fans: [
      "Your covers make my week. Keep sending them.",
      "New challenge: show us your best move to the hook.",
      "This one is for everyone who has been here since day one.",
    ],
    style: [
      "Today's look, tuned to the new record.",
      "Colours first, then the song. Always.",
      "The moodboard for what comes next.",
    ],
    place: [
      "This city writes half of my songs.",
      "Out walking, catching sounds for the next track.",
      "Home is where the bass is loud enough.",
    ],
    listening: [
      "On repeat this week: a playlist for your evenings.",
      "Three sounds I can't stop listening to, in the stories.",
      "Made you a playlist. Press play and do nothing else.",
    ],
    life: [
      "Small moments, big feelings.",
      "A slow morning before a busy week.",
      "Not everything is music. But most of it is.",
    ],
  },
  es: {
    studio: [
      "Noche larga en el estudio. La próxima canción de {genre} ya toma forma.",
      "Dos horas, una línea de sinte y mucho café. Así empezó.",
      "Notas del estudio: esta casi no sale. Menos mal que salió.",
    ],
    writing: [
      "Cada canción empieza con una frase. Esta es la frase.",
      "La escribí en un ticket del súper. Acabó siendo el estribillo.",
      "La historia detrás de la próxima canción, en una foto.",
    ],
    live: [
      "Esta noche se sintió como la primera vez. Gracias por cantar conmigo.",
      "Ensayo, toma doce. Cada vez más cerca.",
      "¿Dónde tocamos ahora? Decidme vuestra ciudad.",
    ],
    fans: [
      "Vuestros covers me alegran la semana. Seguid mandándolos.",
      "Nuevo reto: enseñadme vuestro mejor paso con el estribillo.",
      "Esta va para quienes estáis aquí desde el primer día.",
    ],
    style: [
      "El look de hoy, a juego con el nuevo disco.",
      "Primero los colores, después la canción. Siempre.",
      "El moodboard de lo que viene.",
    ],
    place: [
      "Esta ciudad escribe la mitad de mis canciones.",
      "Paseando y grabando sonidos para el próximo tema.",
      "Hogar es donde el bajo suena bien fuerte.",
    ],
    listening: [
      "En bucle esta semana: una playlist para vuestras tardes.",
      "Tres sonidos que no puedo dejar de escuchar, en las historias.",
      "Os hice una playlist. Dadle al play y nada más.",
    ],
    life: [
      "Momentos pequeños, sentimientos grandes.",
      "Una mañana lenta antes de una semana intensa.",
      "No todo es música. Pero casi todo.",
    ],
  },
  pt: {
    studio: [
      "Noite longa no estúdio. A próxima faixa de {genre} está ganhando forma.",
      "Duas horas, uma linha de synth e muito café. Foi assim que começou.",
      "Notas do estúdio: essa quase não saiu. Ainda bem que saiu.",
    ],
    writing: [
      "Toda música começa com uma frase. Essa é a frase.",
      "Escrevi isso no verso de um recibo. Virou refrão.",
      "A história por trás da próxima música, numa foto.",
    ],
    live: [
      "Hoje pareceu a primeira vez. Obrigado por cantarem junto.",
      "Ensaio, take doze. Cada vez mais perto.",
      "Onde a gente toca agora? Conta a sua cidade.",
    ],
    fans: [
      "Os covers de vocês fazem a minha semana. Continuem mandando.",
      "Desafio novo: mostra o seu melhor passo no refrão.",
      "Essa é pra quem está aqui desde o primeiro dia.",
    ],
    style: [
      "O look de hoje, no clima do disco novo.",
      "Primeiro as cores, depois a música. Sempre.",
      "O moodboard do que vem aí.",
    ],
    place: [
      "Essa cidade escreve metade das minhas músicas.",
      "Caminhando e gravando sons para a próxima faixa.",
      "Casa é onde o grave está alto o suficiente.",
    ],
    listening: [
      "No repeat essa semana: uma playlist para as suas noites.",
      "Três sons que eu não paro de ouvir, nos stories.",
      "Fiz uma playlist pra vocês. Dá o play e só.",
    ],
    life: [
      "Momentos pequenos, sentimentos grandes.",
      "Uma manhã lenta antes de uma semana cheia.",
      "Nem tudo é música. Mas quase tudo.",
    ],
  },
};

const QUESTIONS: Record<CaptionLang, string[]> = {
  en: ["What are you listening to this week?", "Which line stays with you?"],
  es: ["¿Qué estáis escuchando esta semana?", "¿Con qué frase os quedáis?"],
  pt: ["O que vocês estão ouvindo essa semana?", "Qual frase fica com vocês?"],
};

const EMOJI: Record<PillarKind, string> = {
  studio: "🎛️",
  writing: "✍️",
  live: "🎤",
  fans: "💛",
  style: "🪩",
  place: "🌆",
  listening: "🎧",
  life: "☕",
};

const RELEASE: Record<CaptionLang, { out: string; soon: string }> = {
  en: { out: "Out now: “{title}”. Link in bio.", soon: "“{title}” is out on {day}. Save it now." },
  es: {
    out: "Ya disponible: «{title}». Link en la bio.",
    soon: "«{title}» sale el {day}. Guárdala ya.",
  },
  pt: {
    out: "Já disponível: “{title}”. Link na bio.",
    soon: "“{title}” sai na {day}. Salva agora.",
  },
};

/** A caption for a post of `kind` in `voice` (pick: an index from the planner's seed). */
export function caption(
  lang: CaptionLang,
  kind: PillarKind,
  pick: number,
  fill: {
    genre: string;
    voice: string;
    release?: { title: string; day: string | null };
    /** Whether a chatty voice asks its question on this post (not on every one). */
    ask?: boolean;
  },
): string {
  let text: string;
  if (fill.release) {
    const t = fill.release.day ? RELEASE[lang].soon : RELEASE[lang].out;
    text = t.replace("{title}", fill.release.title).replace("{day}", fill.release.day ?? "");
  } else {
    const options = CAPTIONS[lang][kind];
    // The extra step each round keeps pillars of one kind from locking onto one caption.
    const i = (pick + Math.floor(pick / options.length)) % options.length;
    text = options[i].replace("{genre}", fill.genre);
  }
  const voice = fill.voice.toLowerCase();
  if (fill.ask !== false && /question|asks?\b|chatty/.test(voice)) {
    text += ` ${QUESTIONS[lang][pick % 2]}`;
  }
  if (/emoji/.test(voice) && !/\b(?:no|never|without|zero)\b[^.;]*emoji/.test(voice)) {
    text += ` ${EMOJI[kind]}`;
  }
  return /lowercase|lower-case/.test(voice) ? text.toLocaleLowerCase(lang) : text;
}
