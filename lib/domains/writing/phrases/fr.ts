/** French phrasebook (types.ts): "vous" to the client and to the audience. */
import { cap, doingPhrase, indefinite, theNoun } from "../grammar.ts";
import { pick, type WhoFacts } from "./context.ts";
import type { Phrasebook } from "./types.ts";

const L = "fr";

function estSont(c: WhoFacts): string {
  return c.act.pluralName ? "sont" : "est";
}

/** "un trio jazz et soul": French puts the style right after the noun. */
function aKind(c: WhoFacts): string {
  return `${indefinite(c.kind!, L)} ${c.kind!.word}${c.genres ? ` ${c.genres}` : ""}`;
}

/** "à Lyon", "d'Avignon": the preposition that fits the city. */
function deCity(city: string): string {
  return /^[aeiouhéèê]/i.test(city) ? `d'${city}` : `de ${city}`;
}

function hours(m: number): string {
  if (m === 60) return "une heure";
  if (m % 60 === 0) return `${m / 60} heures`;
  if (m > 60 && m % 30 === 0) return `${Math.floor(m / 60)} heures et demie`;
  return `${m} minutes`;
}

function je(verbPhrase: string): string {
  return /^[aeiouhéè]/i.test(verbPhrase) ? `j'${verbPhrase}` : `je ${verbPhrase}`;
}

export const fr: Phrasebook = {
  liveMusic: "musique live",
  duration: hours,

  bio(c, r) {
    const s: string[] = [];
    if (c.act.group) {
      const the = theNoun(c.kind!, L);
      s.push(pick(r, [
        `${c.name} ${estSont(c)} ${aKind(c)}${c.city ? ` ${deCity(c.city)}` : ""}.`,
        `${c.city ? `Depuis ${c.city}, ` : ""}${c.name} ${estSont(c)} ${aKind(c)}.`,
      ]));
      const does = doingPhrase(c.doings, L, "3p");
      if (does) {
        s.push(
          `Sur scène, les musiciens ${does}${
            c.moreGenres ? `, avec un faible pour ${c.moreGenres}` : ""
          }.`,
        );
      }
      if (c.own) s.push(c.own);
      if (c.skills) {
        s.push(
          pick(r, [
            `${cap(the)} apporte aussi ${c.skills}.`,
            `Parmi ses points forts : ${c.skills}.`,
          ]),
        );
      }
      s.push(pick(r, [
        `Dîner calme ou piste de danse pleine, ${the} sait lire la salle.`,
        `Répertoire rodé, installation rapide : la soirée reste fluide du début à la fin.`,
      ]));
      if (c.languageCount > 1) s.push(`Langues de travail : ${c.languages}.`);
      if (c.radiusKm) {
        s.push(
          `Déplacements jusqu'à ${c.radiusKm} km${c.city ? ` autour ${deCity(c.city)}` : ""}.`,
        );
      }
      const headline = pick(r, [
        `${cap(c.kind!.word)}${c.genres ? ` ${c.genres}` : ""}${c.city ? ` · ${c.city}` : ""}`,
        `${c.name} : ${c.kind!.word}${c.genres ? ` ${c.genres}` : ""}${
          c.city ? ` à ${c.city}` : ""
        }`,
      ]);
      return { headline, sentences: s };
    }
    const does = doingPhrase(c.mainDoings, L, "3s") || "fait de la musique";
    s.push(pick(r, [
      `${c.name} ${does}${c.genres ? `, dans un répertoire ${c.genres}` : ""}${
        c.place ? `, depuis ${c.place}` : ""
      }.`,
      `${c.city ? `À ${c.city}, ` : ""}${c.name} ${does}${
        c.genres ? ` ; côté style, surtout ${c.genres}` : ""
      }.`,
    ]));
    const more = doingPhrase(c.moreDoings, L, "3s");
    if (more || c.moreGenres) {
      s.push(
        `${c.short} ${
          [
            more ? `${more} aussi` : "",
            c.moreGenres ? `aime aussi les couleurs ${c.moreGenres}` : "",
          ].filter(Boolean).join(" et ")
        }.`,
      );
    }
    if (c.own) s.push(c.own);
    if (c.skills) {
      s.push(
        pick(r, [`${c.short} apporte aussi ${c.skills}.`, `Parmi ses points forts : ${c.skills}.`]),
      );
    }
    s.push(pick(r, [
      `Dîner intime, fête privée ou séance en studio : avec ${c.short}, la musique colle toujours à la salle.`,
      `Avec un répertoire rodé et beaucoup de scène, ${c.short} s'intègre à un groupe ou le dirige.`,
    ]));
    if (c.languageCount > 1) s.push(`Langues de travail : ${c.languages}.`);
    if (c.radiusKm) {
      s.push(
        `Disponible pour des concerts jusqu'à ${c.radiusKm} km${
          c.city ? ` autour ${deCity(c.city)}` : ""
        }${c.radiusKm >= 500 ? ", et plus loin pour un beau projet" : ""}.`,
      );
    }
    const headline = pick(r, [
      `${c.name} · ${cap(c.genres || "musique live")}${c.city ? ` à ${c.city}` : ""}`,
      `${cap(c.genres || "musique live")}${c.city ? ` à ${c.city}` : ""} : ${c.name}`,
    ]);
    return { headline, sentences: s };
  },

  proposal(c, r) {
    const g = c.act.group;
    const intro: string[] = [];
    const from = c.city ? ` ${deCity(c.city)}` : "";
    if (g) {
      intro.push(pick(r, [
        `Nous sommes ${c.name}, ${
          aKind(c)
        }${from}, et nous aimerions beaucoup jouer pour ${c.ref.nom} le ${c.when}.`,
        `${
          cap(c.ref.nom)
        }, le ${c.when}, correspond tout à fait à ce que nous faisons : nous sommes ${c.name}, ${
          aKind(c)
        }${from}.`,
        `Ici ${c.name}, ${
          aKind(c)
        }${from}. Nous aimerions beaucoup jouer pour ${c.ref.nom} le ${c.when}.`,
      ]));
    } else {
      const does = doingPhrase(c.mainDoings, L, "1s") || "fais de la musique";
      intro.push(pick(r, [
        `Je m'appelle ${c.name} ; ${je(does)}${c.genres ? `, dans un répertoire ${c.genres}` : ""}${
          c.city ? `, à ${c.city}` : ""
        }, et j'aimerais beaucoup jouer pour ${c.ref.nom} le ${c.when}.`,
        `${cap(c.ref.nom)}, le ${c.when}, a retenu mon attention. Je suis ${c.name} et ${je(does)}${
          c.genres ? `, surtout ${c.genres}` : ""
        }.`,
      ]));
    }
    if (c.sharedPlay) {
      intro.push(
        `Vous cherchez quelqu'un qui joue ${c.sharedPlay}${
          c.sharedGenres ? ` en ${c.sharedGenres}` : ""
        } : c'est exactement ce que ${g ? "nous faisons" : "je fais"} chaque semaine.`,
      );
    } else if (c.sharedGenres) {
      intro.push(
        `${g ? "Nous jouons" : "Je joue"} ${c.sharedGenres} chaque semaine : le lien est naturel.`,
      );
    } else if (c.genres) {
      intro.push(
        `${g ? "Nous jouons" : "Je joue"} surtout ${c.genres} et ${
          g ? "nous apprenons" : "j'apprends"
        } vite un nouveau répertoire.`,
      );
    }
    if (c.skills) intro.push(`${g ? "Nous apportons" : "J'apporte"} aussi ${c.skills}.`);
    const details: string[] = [];
    details.push(pick(r, [
      `Pour ${hours(c.minutes)}, ${g ? "nous préparerons" : "je préparerai"} un répertoire${
        c.gigGenres ? ` ${c.gigGenres}` : ""
      } adapté à la salle.`,
      `${g ? "Nous prévoyons" : "Je prévois"} ${hours(c.minutes)} de musique${
        c.gigGenres ? ` ${c.gigGenres}` : ""
      } à la mesure du public.`,
    ]));
    if (c.remote) {
      details.push(
        `${
          g ? "Nous enregistrons et diffusons" : "J'enregistre et je diffuse"
        } avec un vrai studio : le travail à distance ne pose aucun problème.`,
      );
    } else if (c.km != null && c.km <= 5) {
      details.push(
        `${g ? "Nous sommes" : "Je suis"} sur place${
          c.gigCity ? ` à ${c.gigCity}` : ""
        }, donc aucun souci de déplacement.`,
      );
    } else if (c.km != null && (!c.radiusKm || c.km <= c.radiusKm)) {
      details.push(
        `${c.gigCity ?? "Le lieu"} est à environ ${c.km} km, bien dans ${
          g ? "notre" : "mon"
        } rayon habituel.`,
      );
    }
    if (c.fee && c.feeFits) {
      details.push(
        `${g ? "Notre" : "Mon"} cachet serait de ${c.fee}${
          c.budget ? `, dans votre budget de ${c.budget}` : ""
        }.`,
      );
    } else if (c.fee) {
      details.push(
        `${g ? "Nous pouvons" : "Je peux"} discuter du cachet pour qu'il rentre dans votre budget.`,
      );
    }
    if (c.languageCount > 1) details.push(`Langues de travail : ${c.languages}.`);
    details.push(pick(r, [
      `${g ? "Nous pouvons" : "Je peux"} vous envoyer des enregistrements ou une setlist type.`,
      `${g ? "Nous restons" : "Je reste"} à votre disposition pour un appel rapide.`,
    ]));
    return {
      subject: `${c.name} pour ${c.ref.short} (${c.when})`,
      greeting: pick(r, ["Bonjour,", "Bonjour à toute l'équipe,"]),
      intro,
      details,
      signoff: `${pick(r, ["Bien cordialement,", "Au plaisir de vous lire,"])}\n${c.name}`,
    };
  },

  announcement(v, r) {
    const s: string[] = [];
    s.push(pick(r, [
      `${v.host ? `${v.host} présente` : "Rendez-vous pour"} ${v.name}${
        v.genres ? `, ${v.evening ? "une soirée" : "un moment"} ${v.genres},` : ""
      } le ${v.ref.day} à partir de ${v.ref.time}.`,
      `Notez le ${v.ref.day} : ${v.name} ${
        v.gig.remote ? "est diffusé en direct" : `arrive à ${v.place}`
      } dès ${v.ref.time}.`,
    ]));
    if (v.description) s.push(v.description);
    s.push(
      v.gig.remote
        ? `Le concert dure ${v.duration}, en direct, à suivre de n'importe où.`
        : `La musique dure ${v.duration} ; les portes ouvrent un peu avant.`,
    );
    return {
      headline: pick(r, [`${v.title} — ${v.ref.day}`, `En live : ${v.title}`]),
      sentences: s,
      call_to_action: pick(r, [
        `Réservez la date : ${v.ref.day}, ${v.ref.time}.`,
        `On vous attend le ${v.ref.day} dès ${v.ref.time}.`,
      ]),
    };
  },

  social(v, r) {
    const at = v.gig.remote ? "en direct en ligne" : v.place ? `à ${v.place}` : "";
    return pick(r, [
      `${v.title}${at ? ` ${at}` : ""}, le ${v.ref.day} dès ${v.ref.time}.${
        v.genres && v.evening ? ` Ambiance ${v.genres} toute la soirée.` : ""
      } À ne pas manquer !`,
      `Ce ${v.ref.weekday} : ${v.name}${
        at ? ` ${at}` : ""
      }, ${v.ref.time}. Venez pour la musique, restez pour l'ambiance.`,
    ]);
  },
};
