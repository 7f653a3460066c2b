/** Portuguese phrasebook (types.ts), in forms Portugal and Brazil both read naturally. */
import { cap, doingPhrase, indefinite, theNoun } from "../grammar.ts";
import { pick, type WhoFacts } from "./context.ts";
import type { Phrasebook } from "./types.ts";

const L = "pt";

function eSao(c: WhoFacts): string {
  return c.act.pluralName ? "são" : "é";
}

/** "um quarteto de jazz e soul". */
function aKind(c: WhoFacts): string {
  return `${indefinite(c.kind!, L)} ${c.kind!.word}${c.genres ? ` de ${c.genres}` : ""}`;
}

/** "a 11 de dezembro", "na sexta-feira, 11 de dezembro", "no sábado, …". */
function onDay(day: string): string {
  if (/^\d/.test(day)) return `a ${day}`;
  return /^(sábado|domingo)/.test(day) ? `no ${day}` : `na ${day}`;
}

function hours(m: number): string {
  if (m === 60) return "uma hora";
  if (m % 60 === 0) return `${m / 60} horas`;
  if (m > 60 && m % 30 === 0) return `${Math.floor(m / 60)} horas e meia`;
  return `${m} minutos`;
}

export const pt: Phrasebook = {
  liveMusic: "música ao vivo",
  duration: hours,

  bio(c, r) {
    const s: string[] = [];
    if (c.act.group) {
      const the = theNoun(c.kind!, L);
      s.push(pick(r, [
        `${c.name} ${eSao(c)} ${aKind(c)}${c.city ? ` de ${c.city}` : ""}.`,
        `${c.city ? `A partir de ${c.city}, ` : ""}${c.name} ${eSao(c)} ${aKind(c)}.`,
      ]));
      const does = doingPhrase(c.doings, L, "3p");
      if (does) {
        s.push(
          `Em palco, ${does}${c.moreGenres ? `, e também se aventuram por ${c.moreGenres}` : ""}.`,
        );
      }
      if (c.own) s.push(c.own);
      if (c.skills) {
        s.push(
          pick(r, [`${cap(the)} traz também ${c.skills}.`, `Entre os pontos fortes: ${c.skills}.`]),
        );
      }
      s.push(pick(r, [
        `Seja um jantar tranquilo ou uma pista cheia, ${the} sabe ler a sala.`,
        `Chegam com o repertório ensaiado, montam depressa e mantêm a noite a andar.`,
      ]));
      if (c.languageCount > 1) s.push(`${cap(the)} trabalha em ${c.languages}.`);
      if (c.radiusKm) {
        s.push(
          `Viajam até ${c.radiusKm} km${
            c.city ? ` a partir de ${c.city}` : ""
          } para o concerto certo.`,
        );
      }
      const headline = pick(r, [
        `${cap(c.kind!.word)}${c.genres ? ` de ${c.genres}` : ""}${c.city ? ` · ${c.city}` : ""}`,
        `${c.name}: ${c.kind!.word}${c.genres ? ` de ${c.genres}` : ""}${
          c.city ? ` em ${c.city}` : ""
        }`,
      ]);
      return { headline, sentences: s };
    }
    const does = doingPhrase(c.mainDoings, L, "3s") || "faz música";
    s.push(pick(r, [
      `${c.name} ${does}${c.genres ? `, sobretudo ${c.genres}` : ""}${
        c.place ? `, a partir de ${c.place}` : ""
      }.`,
      `${c.city ? `Em ${c.city}, ` : ""}${c.name} ${does}${
        c.genres ? `, com um repertório centrado em ${c.genres}` : ""
      }.`,
    ]));
    const more = doingPhrase(c.moreDoings, L, "3s");
    if (more || c.moreGenres) {
      s.push(
        `Além disso, ${c.short} ${
          [more, c.moreGenres ? `sente-se em casa com ${c.moreGenres}` : ""].filter(Boolean).join(
            " e ",
          )
        }.`,
      );
    }
    if (c.own) s.push(c.own);
    if (c.skills) {
      s.push(pick(r, [`Traz também ${c.skills}.`, `Entre os pontos fortes: ${c.skills}.`]));
    }
    s.push(pick(r, [
      `Seja um jantar intimista, uma festa privada ou uma sessão de estúdio, ${c.short} chega com tudo preparado e toca para a sala.`,
      `Com o repertório bem ensaiado e muita estrada, ${c.short} encaixa numa banda ou lidera uma.`,
    ]));
    if (c.languageCount > 1) s.push(`Trabalha em ${c.languages}.`);
    if (c.radiusKm) {
      s.push(
        `Aceita concertos até ${c.radiusKm} km${c.city ? ` de ${c.city}` : ""}${
          c.radiusKm >= 500 ? ", e mais longe se o projeto o justificar" : ""
        }.`,
      );
    }
    const headline = pick(r, [
      `${c.name} · ${cap(c.genres || "música ao vivo")}${c.city ? ` em ${c.city}` : ""}`,
      `${cap(c.genres || "música ao vivo")}${c.city ? ` a partir de ${c.city}` : ""}: ${c.name}`,
    ]);
    return { headline, sentences: s };
  },

  proposal(c, r) {
    const g = c.act.group;
    const intro: string[] = [];
    const from = c.city ? ` de ${c.city}` : "";
    if (g) {
      intro.push(pick(r, [
        `Somos ${c.name}, ${aKind(c)}${from}, e adoraríamos tocar para ${c.ref.acc} ${
          onDay(c.when)
        }.`,
        `${cap(c.ref.nom)}, ${onDay(c.when)}, encaixa muito bem no que fazemos: somos ${c.name}, ${
          aKind(c)
        }${from}.`,
      ]));
    } else {
      const does = doingPhrase(c.mainDoings, L, "1s") || "faço música";
      intro.push(pick(r, [
        `Sou ${c.name}: ${does}${c.genres ? `, sobretudo ${c.genres}` : ""}${
          c.city ? `, em ${c.city}` : ""
        }, e adoraria tocar para ${c.ref.acc} ${onDay(c.when)}.`,
        `${cap(c.ref.nom)}, ${onDay(c.when)}, chamou-me a atenção. Sou ${c.name} e ${does}${
          c.genres ? `, sobretudo ${c.genres}` : ""
        }.`,
      ]));
    }
    if (c.sharedPlay) {
      intro.push(
        `Procuram ${
          g ? "músicos que toquem" : "alguém que toque"
        } ${c.sharedPlay}, e é exatamente isso que ${g ? "fazemos" : "faço"} todas as semanas${
          c.sharedGenres ? `, com ${c.sharedGenres} como terreno natural` : ""
        }.`,
      );
    } else if (c.sharedGenres) {
      intro.push(
        `${
          g ? "Tocamos" : "Toco"
        } ${c.sharedGenres} todas as semanas, por isso encaixa naturalmente.`,
      );
    } else if (c.genres) {
      intro.push(
        `${g ? "Tocamos" : "Toco"} sobretudo ${c.genres} e ${
          g ? "aprendemos" : "aprendo"
        } repertório novo depressa.`,
      );
    }
    if (c.skills) intro.push(`${g ? "Trazemos" : "Posso trazer"} também ${c.skills}.`);
    const details: string[] = [];
    details.push(pick(r, [
      `Para ${hours(c.minutes)}, ${
        g ? "preparamos" : "preparo"
      } um alinhamento pensado para a sala${c.gigGenres ? `, centrado em ${c.gigGenres}` : ""}.`,
      `${g ? "Propomos" : "Proponho"} ${hours(c.minutes)} de música à medida do público${
        c.gigGenres ? `, com ${c.gigGenres} como eixo` : ""
      }.`,
    ]));
    if (c.remote) {
      details.push(
        `${
          g ? "Gravamos e transmitimos" : "Gravo e transmito"
        } com equipamento profissional, por isso o trabalho à distância não é problema.`,
      );
    } else if (c.km != null && c.km <= 5) {
      details.push(
        `${g ? "Estamos" : "Estou"} ${
          c.gigCity ? `em ${c.gigCity}` : "perto"
        }, por isso a deslocação não é problema.`,
      );
    } else if (c.km != null && (!c.radiusKm || c.km <= c.radiusKm)) {
      details.push(
        `${c.gigCity ?? "O espaço"} fica a cerca de ${c.km} km, dentro da ${
          g ? "nossa" : "minha"
        } área habitual.`,
      );
    }
    if (c.fee && c.feeFits) {
      details.push(
        `O ${g ? "nosso" : "meu"} cachê seria de ${c.fee}${
          c.budget ? `, dentro do vosso orçamento de ${c.budget}` : ""
        }.`,
      );
    } else if (c.fee) {
      details.push(
        `${g ? "Podemos" : "Posso"} conversar sobre o cachê para que caiba no vosso orçamento.`,
      );
    }
    if (c.languageCount > 1) details.push(`${g ? "Trabalhamos" : "Trabalho"} em ${c.languages}.`);
    details.push(pick(r, [
      `Se ajudar, ${g ? "enviamos" : "envio"} gravações ou um alinhamento de exemplo.`,
      `${g ? "Ficamos" : "Fico"} à disposição para uma chamada rápida.`,
    ]));
    return {
      subject: `${c.name} para ${c.ref.short} (${c.when})`,
      greeting: pick(r, ["Olá,", "Bom dia,"]),
      intro,
      details,
      signoff: `${
        pick(r, [
          g ? "Agradecemos desde já," : "Agradeço desde já,",
          "Com os melhores cumprimentos,",
        ])
      }\n${c.name}`,
    };
  },

  announcement(v, r) {
    const s: string[] = [];
    s.push(pick(r, [
      `${v.host ? `${v.host} apresenta` : "Esperamos por si em"} ${v.name}${
        v.genres ? `, ${v.evening ? "uma noite" : "umas horas"} de ${v.genres},` : ""
      } ${onDay(v.ref.day)}, a partir das ${v.ref.time}.`,
      `Marque na agenda: ${v.ref.day}, a partir das ${v.ref.time}, ${v.title} ${
        v.gig.remote ? "em direto online" : `em ${v.place}`
      }.`,
    ]));
    if (v.description) s.push(v.description);
    s.push(
      v.gig.remote
        ? `O concerto dura ${v.duration} e é transmitido em direto, para ver de qualquer lugar.`
        : `A música dura ${v.duration}; as portas abrem um pouco antes.`,
    );
    return {
      headline: pick(r, [`${v.title} — ${v.ref.day}`, `Ao vivo: ${v.title}`]),
      sentences: s,
      call_to_action: pick(r, [
        `Guarde a data: ${v.ref.day}, ${v.ref.time}.`,
        `Até ${v.ref.day}, a partir das ${v.ref.time}.`,
      ]),
    };
  },

  social(v, r) {
    const at = v.gig.remote ? "em direto online" : v.place ? `em ${v.place}` : "";
    return pick(r, [
      `${v.title}${at ? ` ${at}` : ""}, ${v.ref.day}, a partir das ${v.ref.time}.${
        v.genres && v.evening ? ` ${cap(v.genres)} a noite toda.` : ""
      } Não perca!`,
      `${/^(sábado|domingo)/.test(v.ref.weekday) ? "Este" : "Esta"} ${v.ref.weekday}: ${v.name}${
        at ? ` ${at}` : ""
      }, às ${v.ref.time}. Venha pela música, fique pelo ambiente.`,
    ]);
  },
};
