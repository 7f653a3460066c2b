/** Spanish phrasebook (types.ts): "usted" to the client, "tú" to the audience. */
import { cap, doingPhrase, indefinite, theNoun } from "../grammar.ts";
import { pick, type WhoFacts } from "./context.ts";
import type { Phrasebook } from "./types.ts";

const L = "es";

function esSon(c: WhoFacts): string {
  return c.act.pluralName ? "son" : "es";
}

/** "un cuarteto de jazz y soul", "un dúo". */
function aKind(c: WhoFacts): string {
  return `${indefinite(c.kind!, L)} ${c.kind!.word}${c.genres ? ` de ${c.genres}` : ""}`;
}

function hours(m: number): string {
  if (m === 60) return "una hora";
  if (m % 60 === 0) return `${m / 60} horas`;
  if (m > 60 && m % 30 === 0) return `${Math.floor(m / 60)} horas y media`;
  return `${m} minutos`;
}

export const es: Phrasebook = {
  liveMusic: "música en directo",
  duration: hours,

  bio(c, r) {
    const s: string[] = [];
    if (c.act.group) {
      const the = theNoun(c.kind!, L);
      s.push(pick(r, [
        `${c.name} ${esSon(c)} ${aKind(c)}${c.city ? ` de ${c.city}` : ""}.`,
        `${c.city ? `Desde ${c.city}, ` : ""}${c.name} ${esSon(c)} ${aKind(c)}.`,
      ]));
      const does = doingPhrase(c.doings, L, "3p");
      if (does) {
        s.push(
          `En el escenario ${does}${
            c.moreGenres ? `, y también se atreven con ${c.moreGenres}` : ""
          }.`,
        );
      }
      if (c.own) s.push(c.own);
      if (c.skills) {
        s.push(
          pick(r, [
            `${cap(the)} también aporta ${c.skills}.`,
            `Entre sus puntos fuertes: ${c.skills}.`,
          ]),
        );
      }
      s.push(pick(r, [
        `Ya sea una cena tranquila o una pista llena, ${the} sabe leer la sala.`,
        `Llegan con el repertorio ensayado, montan rápido y mantienen la noche en marcha.`,
      ]));
      if (c.languageCount > 1) s.push(`${cap(the)} trabaja en ${c.languages}.`);
      if (c.radiusKm) {
        s.push(
          `Viajan hasta ${c.radiusKm} km${
            c.city ? ` desde ${c.city}` : ""
          } para el concierto adecuado.`,
        );
      }
      const headline = pick(r, [
        `${cap(c.kind!.word)}${c.genres ? ` de ${c.genres}` : ""}${c.city ? ` · ${c.city}` : ""}`,
        `${c.name}: ${c.kind!.word}${c.genres ? ` de ${c.genres}` : ""}${
          c.city ? ` en ${c.city}` : ""
        }`,
      ]);
      return { headline, sentences: s };
    }
    const does = doingPhrase(c.mainDoings, L, "3s") || "hace música";
    s.push(pick(r, [
      `${c.name} ${does}${c.genres ? `, sobre todo ${c.genres}` : ""}${
        c.place ? `, desde ${c.place}` : ""
      }.`,
      `${c.city ? `En ${c.city}, ` : ""}${c.name} ${does}${
        c.genres ? `, con un repertorio centrado en ${c.genres}` : ""
      }.`,
    ]));
    const more = doingPhrase(c.moreDoings, L, "3s");
    if (more || c.moreGenres) {
      s.push(
        `Además, ${c.short} ${
          [more, c.moreGenres ? `se siente como en casa con ${c.moreGenres}` : ""].filter(Boolean)
            .join(" y ")
        }.`,
      );
    }
    if (c.own) s.push(c.own);
    if (c.skills) {
      s.push(pick(r, [`También aporta ${c.skills}.`, `Entre sus puntos fuertes: ${c.skills}.`]));
    }
    s.push(pick(r, [
      `Ya sea una cena tranquila, una fiesta privada o una sesión de estudio, ${c.short} llega con todo preparado y toca para la sala.`,
      `Con el repertorio bien ensayado y mucha experiencia en directo, ${c.short} encaja en una banda o la dirige.`,
    ]));
    if (c.languageCount > 1) s.push(`Trabaja en ${c.languages}.`);
    if (c.radiusKm) {
      s.push(
        `Acepta actuaciones a menos de ${c.radiusKm} km${c.city ? ` de ${c.city}` : ""}${
          c.radiusKm >= 500 ? ", y más lejos si el proyecto lo merece" : ""
        }.`,
      );
    }
    const headline = pick(r, [
      `${c.name} · ${cap(c.genres || "música en directo")}${c.city ? ` en ${c.city}` : ""}`,
      `${cap(c.genres || "música en directo")}${c.city ? ` desde ${c.city}` : ""}: ${c.name}`,
    ]);
    return { headline, sentences: s };
  },

  proposal(c, r) {
    const g = c.act.group;
    const intro: string[] = [];
    const from = c.city ? ` de ${c.city}` : "";
    if (g) {
      intro.push(pick(r, [
        `Somos ${c.name}, ${aKind(c)}${from}, y nos encantaría tocar en ${c.ref.nom} el ${c.when}.`,
        `${cap(c.ref.nom)}, el ${c.when}, encaja muy bien con lo que hacemos: somos ${c.name}, ${
          aKind(c)
        }${from}.`,
        `${c.act.pluralName ? "Les escriben" : "Les escribe"} ${c.name}, ${
          aKind(c)
        }${from}. Nos encantaría tocar en ${c.ref.nom} el ${c.when}.`,
      ]));
    } else {
      const does = doingPhrase(c.mainDoings, L, "1s") || "hago música";
      intro.push(pick(r, [
        `Soy ${c.name}: ${does}${c.genres ? `, sobre todo ${c.genres}` : ""}${
          c.city ? `, en ${c.city}` : ""
        }, y me encantaría tocar en ${c.ref.nom} el ${c.when}.`,
        `Me ha llamado la atención ${c.ref.nom}, el ${c.when}. Soy ${c.name} y ${does}${
          c.genres ? `, sobre todo ${c.genres}` : ""
        }.`,
        `Me llamo ${c.name}, ${does}${
          c.city ? ` en ${c.city}` : ""
        } y me gustaría tocar en ${c.ref.nom} el ${c.when}.`,
      ]));
    }
    if (c.sharedPlay) {
      intro.push(
        `Buscan ${
          g ? "músicos que toquen" : "a alguien que toque"
        } ${c.sharedPlay}, y eso es justo lo que ${g ? "hacemos" : "hago"} cada semana${
          c.sharedGenres ? `, con ${c.sharedGenres} como terreno natural` : ""
        }.`,
      );
    } else if (c.sharedGenres) {
      intro.push(
        `${g ? "Tocamos" : "Toco"} ${c.sharedGenres} cada semana, así que encaja de forma natural.`,
      );
    } else if (c.genres) {
      intro.push(
        `${g ? "Tocamos" : "Toco"} sobre todo ${c.genres} y ${
          g ? "aprendemos" : "aprendo"
        } repertorio nuevo con rapidez.`,
      );
    }
    if (c.skills) intro.push(`También ${g ? "aportamos" : "puedo aportar"} ${c.skills}.`);
    const details: string[] = [];
    details.push(pick(r, [
      `Para ${hours(c.minutes)} ${
        g ? "prepararemos" : "prepararé"
      } un repertorio pensado para la sala${c.gigGenres ? `, centrado en ${c.gigGenres}` : ""}.`,
      `${g ? "Planteamos" : "Planteo"} ${hours(c.minutes)} de música a la medida del público${
        c.gigGenres ? `, con ${c.gigGenres} como eje` : ""
      }.`,
    ]));
    if (c.remote) {
      details.push(
        `${
          g ? "Grabamos y emitimos" : "Grabo y emito"
        } con un equipo profesional, así que en remoto no hay problema.`,
      );
    } else if (c.km != null && c.km <= 5) {
      details.push(
        `${g ? "Estamos" : "Estoy"} en ${
          c.gigCity ?? "la zona"
        }, así que el desplazamiento no es problema.`,
      );
    } else if (c.km != null && (!c.radiusKm || c.km <= c.radiusKm)) {
      details.push(
        `${c.gigCity ?? "El local"} está a unos ${c.km} km, dentro de ${
          g ? "nuestro" : "mi"
        } radio habitual.`,
      );
    }
    if (c.fee && c.feeFits) {
      details.push(
        `${g ? "Nuestro" : "Mi"} caché sería de ${c.fee}${
          c.budget ? `, dentro de su presupuesto de ${c.budget}` : ""
        }.`,
      );
    } else if (c.fee) {
      details.push(
        `${g ? "Podemos" : "Puedo"} hablar del caché para que encaje en su presupuesto.`,
      );
    }
    if (c.languageCount > 1) details.push(`${g ? "Trabajamos" : "Trabajo"} en ${c.languages}.`);
    details.push(pick(r, [
      `Si les ayuda, ${g ? "les enviamos" : "les envío"} grabaciones o un repertorio de muestra.`,
      `${g ? "Quedamos" : "Quedo"} a su disposición para una llamada rápida.`,
    ]));
    return {
      subject: `${c.name} para ${c.ref.short} (${c.when})`,
      greeting: pick(r, ["Hola,", "Buenos días,"]),
      intro,
      details,
      signoff: `${
        pick(r, [
          g ? "Gracias por tenernos en cuenta," : "Gracias por tenerme en cuenta,",
          "Un saludo,",
        ])
      }\n${c.name}`,
    };
  },

  announcement(v, r) {
    const s: string[] = [];
    s.push(pick(r, [
      `${v.host ? `${v.host} presenta` : "Te esperamos en"} ${v.name}${
        v.genres ? `, ${v.evening ? "una noche" : "unas horas"} de ${v.genres},` : ""
      } el ${v.ref.day} a partir de las ${v.ref.time}.`,
      `Apunta el ${v.ref.day}: ${v.name} ${
        v.gig.remote ? "se emite en directo" : `llega a ${v.place}`
      } a partir de las ${v.ref.time}.`,
      `El ${v.ref.day} a las ${v.ref.time}, ${v.name} ${
        v.gig.remote ? "se emite en directo" : `llena ${v.place}`
      }${v.genres ? ` con ${v.duration} de ${v.genres}` : ""}.`,
    ]));
    if (v.description) s.push(v.description);
    s.push(
      v.gig.remote
        ? `El concierto dura ${v.duration} y se emite en directo para que puedas verlo desde cualquier lugar.`
        : `La música dura ${v.duration}; las puertas abren un poco antes.`,
    );
    return {
      headline: pick(r, [`${v.title} — ${v.ref.day}`, `En directo: ${v.title}`]),
      sentences: s,
      call_to_action: pick(r, [
        `Reserva la fecha: ${v.ref.day}, ${v.ref.time}.`,
        `Te esperamos el ${v.ref.day} a partir de las ${v.ref.time}.`,
      ]),
    };
  },

  social(v, r) {
    const at = v.gig.remote ? "en directo online" : v.place ? `en ${v.place}` : "";
    return pick(r, [
      `${v.title}${at ? ` ${at}` : ""}, el ${v.ref.day} a las ${v.ref.time}.${
        v.genres && v.evening ? ` ${cap(v.genres)} toda la noche.` : ""
      } ¡No te lo pierdas!`,
      `Este ${v.ref.weekday}: ${v.name}${at ? ` ${at}` : ""}, a las ${v.ref.time}.${
        v.genres ? ` Ven por la música y quédate por el ambiente.` : ""
      }`,
      `Apunta la fecha: ${v.ref.day}, ${v.ref.time}. ${v.title}${at ? ` ${at}` : ""}.`,
    ]);
  },
};
