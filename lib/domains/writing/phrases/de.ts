/** German phrasebook (types.ts): "Sie" to the client, "ihr" to the audience. */
import { cap, doingPhrase, indefinite, theNoun } from "../grammar.ts";
import { pick, type WhoFacts } from "./context.ts";
import type { Phrasebook } from "./types.ts";

const L = "de";

function istSind(c: WhoFacts): string {
  return c.act.pluralName ? "sind" : "ist";
}

/** "ein Quartett aus Lissabon": the style follows in its own clause. */
function aKind(c: WhoFacts): string {
  return `${indefinite(c.kind!, L)} ${c.kind!.word}`;
}

/** "ein Jazz-Quartett", "eine Folk- und Country-Band", "ein Quartett für elektronische Musik". */
function styledKind(c: WhoFacts): string {
  const parts = c.genres.split(" und ");
  const article = indefinite(c.kind!, L);
  if (!c.genres) return `${article} ${c.kind!.word}`;
  if (parts.every((p) => !p.includes(" ") && !p.includes(","))) {
    return parts.length === 1
      ? `${article} ${parts[0]}-${c.kind!.word}`
      : `${article} ${parts[0]}- und ${parts[1]}-${c.kind!.word}`;
  }
  return `${article} ${c.kind!.word} für ${c.genres}`;
}

function hours(m: number): string {
  if (m === 60) return "eine Stunde";
  if (m % 60 === 0) return `${m / 60} Stunden`;
  if (m > 60 && m % 30 === 0) return `${String(m / 60).replace(".", ",")} Stunden`;
  return `${m} Minuten`;
}

export const de: Phrasebook = {
  liveMusic: "Livemusik",
  duration: hours,

  bio(c, r) {
    const s: string[] = [];
    if (c.act.group) {
      const the = theNoun(c.kind!, L);
      s.push(pick(r, [
        `${c.name} ${istSind(c)} ${aKind(c)}${c.city ? ` aus ${c.city}` : ""}${
          c.genres ? ` mit Schwerpunkt auf ${c.genres}` : ""
        }.`,
        `${
          c.city
            ? `Aus ${c.city} ${c.act.pluralName ? "kommen" : "kommt"} ${c.name}: `
            : `${c.name}: `
        }${styledKind(c)}.`,
      ]));
      const does = doingPhrase(c.doings, L, "3p");
      if (does) {
        s.push(
          `Auf der Bühne ${does.replace(/^(\S+)/, "$1 sie")}${
            c.moreGenres ? `, mit einem Faible für ${c.moreGenres}` : ""
          }.`,
        );
      }
      if (c.own) s.push(c.own);
      if (c.skills) {
        s.push(
          pick(r, [
            `${cap(the)} bringt außerdem ${c.skills} mit.`,
            `Zu den Stärken gehören ${c.skills}.`,
          ]),
        );
      }
      s.push(pick(r, [
        `Ob ruhiges Dinner oder volle Tanzfläche: ${cap(the)} liest den Raum und spielt dafür.`,
        `Gut geprobt, schnell aufgebaut und angenehm in der Zusammenarbeit.`,
      ]));
      if (c.languageCount > 1) s.push(`${cap(the)} arbeitet auf ${c.languages}.`);
      if (c.radiusKm) {
        s.push(
          `Für den passenden Auftritt reist ${the} bis zu ${c.radiusKm} km${
            c.city ? ` rund um ${c.city}` : ""
          }.`,
        );
      }
      const headline = pick(r, [
        `${cap(styledKind(c).replace(/^\S+ /, ""))}${c.city ? ` · ${c.city}` : ""}`,
        `${c.name}: ${c.kind!.word}${c.city ? ` aus ${c.city}` : ""}`,
      ]);
      return { headline, sentences: s };
    }
    const does = doingPhrase(c.mainDoings, L, "3s") || "macht Musik";
    s.push(pick(r, [
      `${c.name} ${does}${c.genres ? `, vor allem ${c.genres}` : ""}${
        c.place ? `, und lebt in ${c.place}` : ""
      }.`,
      `${c.city ? `In ${c.city} ` : ""}${
        c.city ? does.replace(/^(\S+)/, `$1 ${c.name}`) : `${c.name} ${does}`
      }${c.genres ? ` – am liebsten ${c.genres}` : ""}.`,
    ]));
    const more = doingPhrase(c.moreDoings, L, "3s");
    if (more || c.moreGenres) {
      s.push(
        `Außerdem ${
          [
            more
              ? more.replace(/^(\S+)/, `$1 ${c.short}`)
              : `ist ${c.short} auch in ${c.moreGenres} zu Hause`,
            more && c.moreGenres ? `ist auch in ${c.moreGenres} zu Hause` : "",
          ].filter(Boolean).join(" und ")
        }.`,
      );
    }
    if (c.own) s.push(c.own);
    if (c.skills) {
      s.push(pick(r, [`Dazu kommen ${c.skills}.`, `Zu den Stärken gehören ${c.skills}.`]));
    }
    s.push(pick(r, [
      `Ob Clubabend, private Feier oder Studiosession: ${c.short} kommt vorbereitet und spielt für den Raum.`,
      `Zuverlässig, gut geprobt und unkompliziert – ${c.short} fügt sich in eine Band ein oder leitet sie.`,
    ]));
    if (c.languageCount > 1) s.push(`Arbeitssprachen: ${c.languages}.`);
    if (c.radiusKm) {
      s.push(
        `Verfügbar für Auftritte im Umkreis von ${c.radiusKm} km${c.city ? ` um ${c.city}` : ""}${
          c.radiusKm >= 500 ? ", für das richtige Projekt auch weiter" : ""
        }.`,
      );
    }
    const headline = pick(r, [
      `${c.name} · ${cap(c.genres || "Livemusik")}${c.city ? ` aus ${c.city}` : ""}`,
      `${cap(c.genres || "Livemusik")}${c.city ? ` aus ${c.city}` : ""}: ${c.name}`,
    ]);
    return { headline, sentences: s };
  },

  proposal(c, r) {
    const g = c.act.group;
    const intro: string[] = [];
    const from = c.city ? ` aus ${c.city}` : "";
    if (g) {
      intro.push(pick(r, [
        `wir sind ${c.name}, ${
          aKind(c)
        }${from}, und würden sehr gern am ${c.when} für ${c.ref.acc} spielen.`,
        `${c.ref.nom} am ${c.when} passt sehr gut zu uns: Wir sind ${c.name}, ${aKind(c)}${from}.`,
      ]));
    } else {
      const does = doingPhrase(c.mainDoings, L, "1s") || "mache Musik";
      intro.push(pick(r, [
        `ich bin ${c.name}. Ich ${does}${
          c.genres ? `, vor allem ${c.genres},` : ""
        } und würde sehr gern am ${c.when} für ${c.ref.acc} spielen.`,
        `${c.ref.nom} am ${c.when} hat mich sofort angesprochen. Ich bin ${c.name} und ${does}${
          c.genres ? `, vor allem ${c.genres}` : ""
        }.`,
      ]));
    }
    if (c.sharedPlay) {
      intro.push(
        `Sie suchen jemanden, der ${c.sharedPlay} spielt${
          c.sharedGenres ? `, und zwar ${c.sharedGenres}` : ""
        } – genau das ${g ? "machen wir" : "mache ich"} Woche für Woche.`,
      );
    } else if (c.sharedGenres) {
      intro.push(
        `${cap(c.sharedGenres)} ${
          g ? "spielen wir" : "spiele ich"
        } jede Woche, das passt also ganz natürlich.`,
      );
    } else if (c.genres) {
      intro.push(
        `${g ? "Wir spielen" : "Ich spiele"} vor allem ${c.genres} und ${
          g ? "lernen" : "lerne"
        } neues Repertoire schnell.`,
      );
    }
    if (c.skills) intro.push(`${g ? "Wir bringen" : "Ich bringe"} außerdem ${c.skills} mit.`);
    const details: string[] = [];
    details.push(pick(r, [
      `Für ${hours(c.minutes)} ${
        g ? "stellen wir" : "stelle ich"
      } ein Programm zusammen, das zum Raum passt${
        c.gigGenres ? ` und bei ${c.gigGenres} bleibt` : ""
      }.`,
      `${g ? "Wir planen" : "Ich plane"} ${hours(c.minutes)} Musik, abgestimmt auf Ihr Publikum${
        c.gigGenres ? `, mit ${c.gigGenres} im Mittelpunkt` : ""
      }.`,
    ]));
    if (c.remote) {
      details.push(
        `${
          g ? "Wir nehmen" : "Ich nehme"
        } mit einem richtigen Studio-Setup auf, remote ist also kein Problem.`,
      );
    } else if (c.km != null && c.km <= 5) {
      details.push(
        `${g ? "Wir sind" : "Ich bin"} direkt${
          c.gigCity ? ` in ${c.gigCity}` : " vor Ort"
        }, die Anfahrt ist also kein Thema.`,
      );
    } else if (c.km != null && (!c.radiusKm || c.km <= c.radiusKm)) {
      details.push(
        `${c.gigCity ?? "Der Veranstaltungsort"} liegt etwa ${c.km} km entfernt, gut in ${
          g ? "unserem" : "meinem"
        } üblichen Radius.`,
      );
    }
    if (c.fee && c.feeFits) {
      details.push(
        `${g ? "Unsere" : "Meine"} Gage läge bei ${c.fee}${
          c.budget ? `, innerhalb Ihres Budgets von ${c.budget}` : ""
        }.`,
      );
    } else if (c.fee) {
      details.push(
        `Über die Gage ${
          g ? "sprechen wir" : "spreche ich"
        } gern, damit sie zu Ihrem Budget passt.`,
      );
    }
    if (c.languageCount > 1) {
      details.push(`${g ? "Wir arbeiten" : "Ich arbeite"} auf ${c.languages}.`);
    }
    details.push(pick(r, [
      `Gern ${g ? "schicken wir" : "schicke ich"} Aufnahmen oder eine Beispiel-Setlist.`,
      `Für ein kurzes Telefonat ${g ? "sind wir" : "bin ich"} jederzeit erreichbar.`,
    ]));
    return {
      subject: `${c.name} für ${c.ref.short} (${c.when})`,
      greeting: pick(r, ["Hallo,", "Guten Tag,"]),
      intro,
      details,
      signoff: `${pick(r, ["Viele Grüße", "Herzliche Grüße"])}\n${c.name}`,
    };
  },

  announcement(v, r) {
    const s: string[] = [];
    s.push(pick(r, [
      `${v.host ? `${v.host} präsentiert` : "Wir präsentieren"} ${v.name}${
        v.genres ? ` – ${v.genres} live` : ""
      } am ${v.ref.day} ab ${v.ref.time} Uhr.`,
      `Am ${v.ref.day} um ${v.ref.time} Uhr ${
        v.gig.remote ? "gibt es" : `gibt es in ${v.place}`
      } ${v.name}${v.genres ? `: ${v.duration} ${v.genres}` : ""}.`,
    ]));
    if (v.description) s.push(v.description);
    s.push(
      v.gig.remote
        ? `Die Show dauert ${v.duration} und wird live gestreamt, ihr könnt also von überall dabei sein.`
        : `Die Musik läuft ${v.duration}; Einlass ist kurz vor Beginn.`,
    );
    return {
      headline: pick(r, [`${v.title} – ${v.ref.day}`, `Live: ${v.title}`]),
      sentences: s,
      call_to_action: pick(r, [
        `Jetzt vormerken: ${v.ref.day}, ${v.ref.time} Uhr.`,
        `Wir sehen uns am ${v.ref.day} ab ${v.ref.time} Uhr.`,
      ]),
    };
  },

  social(v, r) {
    const at = v.gig.remote ? "live im Stream" : v.place ? `in ${v.place}` : "";
    return pick(r, [
      `${v.title}${at ? ` ${at}` : ""}, ${v.ref.day} ab ${v.ref.time} Uhr.${
        v.genres && v.evening ? ` ${cap(v.genres)} den ganzen Abend.` : ""
      } Nicht verpassen!`,
      `Diesen ${v.ref.weekday}: ${v.title}${
        at ? ` ${at}` : ""
      }, ${v.ref.time} Uhr. Kommt für die Musik, bleibt für die Stimmung.`,
    ]);
  },
};
