/** English phrasebook (types.ts). */
import { cap, doingPhrase, listIn } from "../grammar.ts";
import { pick, type WhoFacts } from "./context.ts";
import type { Phrasebook } from "./types.ts";

const L = "en";

function isAre(c: WhoFacts): string {
  return c.act.pluralName ? "are" : "is";
}

/** "the Marcus Bell Trio", "Kalle & The Night Shift", "Ella Hart". */
function groupName(c: WhoFacts): string {
  return c.act.group &&
      /\b(trio|duo|quartet|quintet|sextet|band|ensemble|orchestra)$/i.test(c.name) &&
      !/^the\s/i.test(c.name)
    ? `the ${c.name}`
    : c.name;
}

function what(c: WhoFacts): string {
  if (c.kind) return [c.genres, c.kind.word].filter(Boolean).join(" ");
  return c.roles;
}

function article(phrase: string): string {
  return /^[aeiou]/i.test(phrase) && !/^(uk|eu|one)/i.test(phrase) ? "an" : "a";
}

export const en: Phrasebook = {
  liveMusic: "live music",
  duration: (m) =>
    m % 60 === 0
      ? (m === 60 ? "an hour" : `${m / 60} hours`)
      : m > 60 && m % 30 === 0
      ? `${m / 60} hours`
      : `${m} minutes`,

  bio(c, r) {
    const w = what(c);
    const s: string[] = [];
    const from = c.place ? ` based in ${c.place}` : "";
    if (c.act.group) {
      const noun = c.kind!.word;
      s.push(pick(r, [
        `${c.name} ${isAre(c)} ${article(w)} ${w}${from}.`,
        `${c.place ? `Based in ${c.place}, ` : ""}${c.name} ${isAre(c)} ${article(w)} ${w}.`,
        `${c.name} ${isAre(c)} ${article(w)} ${w}${c.city ? ` from ${c.city}` : ""}.`,
      ]));
      const does = doingPhrase(c.doings, L, "3p");
      if (does) {
        s.push(pick(r, [
          `On stage they ${does}${c.moreGenres ? `, with a taste for ${c.moreGenres}` : ""}.`,
          `Between them they ${does}${c.moreGenres ? ` and stretch into ${c.moreGenres}` : ""}.`,
        ]));
      }
      if (c.own) s.push(c.own);
      if (c.skills) {
        s.push(pick(r, [
          `The ${noun} is also known for ${c.skills}.`,
          `Ask them about ${c.skills}, too.`,
        ]));
      }
      s.push(pick(r, [
        `Whether it is a quiet dinner or a packed dance floor, the ${noun} reads the room and plays to it.`,
        `They arrive rehearsed, set up quickly and keep the evening flowing.`,
      ]));
      if (c.languageCount > 1) s.push(`The ${noun} works in ${c.languages}.`);
      if (c.radiusKm) {
        s.push(
          `They travel up to ${c.radiusKm} km${c.city ? ` from ${c.city}` : ""} for the right gig.`,
        );
      }
      const headline = pick(r, [
        cap(`${w}${c.city ? ` from ${c.city}` : ""}`),
        `${c.name}: ${w}${c.city ? `, ${c.city}` : ""}`,
      ]);
      return { headline, sentences: s };
    }
    s.push(pick(r, [
      `${c.name} is ${article(w)} ${w}${from}.`,
      `${c.place ? `Based in ${c.place}, ` : ""}${c.name} ${
        doingPhrase(c.mainDoings, L, "3s") || "plays"
      }${c.genres ? `, mostly ${c.genres}` : ""}.`,
      `${c.name} works as ${article(w)} ${w}${c.place ? ` out of ${c.place}` : ""}.`,
    ]));
    const extra: string[] = [];
    const more = doingPhrase(c.moreDoings, L, "3s");
    if (more) extra.push(`also ${more}`);
    if (c.moreGenres) extra.push(`is at home in ${c.moreGenres}`);
    if (extra.length) {
      s.push(
        `${pick(r, ["Beyond that,", "Along the way,", "On top of that,"])} ${c.short} ${
          listIn(extra, L)
        }.`,
      );
    }
    if (c.own) s.push(c.own);
    if (c.skills) {
      s.push(pick(r, [
        `Bandleaders and clients call on ${c.short} for ${c.skills}.`,
        `${c.short}'s strengths include ${c.skills}.`,
        `Expect ${c.skills} as well.`,
      ]));
    }
    s.push(pick(r, [
      `Whether it is a club night, a private party or a studio session, ${c.short} turns up prepared and plays for the room.`,
      `From intimate sets to full-band shows, the focus stays on the music and the people listening.`,
      `Reliable, well rehearsed and easy to work with, ${c.short} fits into a band or leads one.`,
    ]));
    if (c.languageCount > 1) {
      s.push(pick(r, [`Works in ${c.languages}.`, `Speaks ${c.languages}.`]));
    }
    if (c.radiusKm) {
      s.push(
        `Available for gigs within ${c.radiusKm} km${c.city ? ` of ${c.city}` : ""}${
          c.radiusKm >= 500 ? ", and further for the right project" : ""
        }.`,
      );
    }
    const headline = pick(r, [
      cap(`${w}${c.city ? ` in ${c.city}` : ""}`),
      `${cap(w)}${c.place ? ` · ${c.place}` : ""}`,
      `${c.name}: ${w}${c.city ? `, ${c.city}` : ""}`,
    ]);
    return { headline, sentences: s };
  },

  proposal(c, r) {
    const g = c.act.group;
    const w = what(c);
    const from = c.city ? ` from ${c.city}` : "";
    const intro: string[] = [];
    if (g) {
      intro.push(pick(r, [
        `We're ${groupName(c)}, ${
          article(w)
        } ${w}${from}, and we'd love to play ${c.ref.nom} on ${c.when}.`,
        `${cap(c.ref.nom)} on ${c.when} sounds like a perfect fit for us: we're ${groupName(c)}, ${
          article(w)
        } ${w}${from}.`,
        `This is ${groupName(c)}, ${
          article(w)
        } ${w}${from}. We'd love to play ${c.ref.nom} on ${c.when}.`,
      ]));
    } else {
      intro.push(pick(r, [
        `I'm ${c.name}, ${article(w)} ${w}${from}, and I'd love to play ${c.ref.nom} on ${c.when}.`,
        `${cap(c.ref.nom)} on ${c.when} caught my eye. I'm ${c.name}, ${article(w)} ${w}${from}.`,
        `My name is ${c.name}. I ${doingPhrase(c.mainDoings, L, "1s") || "play"}${
          c.genres ? `, mostly ${c.genres},` : ""
        } and I'd like to play ${c.ref.nom} on ${c.when}.`,
      ]));
    }
    const wants = [c.sharedPlay, c.sharedGenres ? `${c.sharedGenres}` : ""].filter(Boolean);
    if (wants.length) {
      // "jazz piano"; with several of either, "guitar and bass for jazz and soul".
      const ask = c.sharedPlay && c.sharedGenres
        ? (/ and /.test(c.sharedPlay + c.sharedGenres)
          ? `${c.sharedPlay} for ${c.sharedGenres}`
          : `${c.sharedGenres} ${c.sharedPlay}`)
        : wants[0];
      intro.push(pick(r, [
        `You're after ${ask}, which is what ${g ? "we play" : "I play"} week in, week out.`,
        `${cap(ask)} is the core of ${g ? "our" : "my"} work, so this feels like a natural fit.`,
      ]));
    } else if (c.genres) {
      intro.push(
        `${g ? "Our" : "My"} background is in ${c.genres}, and ${
          g ? "we pick" : "I pick"
        } up new repertoire quickly.`,
      );
    }
    if (c.skills) intro.push(`${g ? "We" : "I"} can also bring ${c.skills}.`);
    const details: string[] = [];
    details.push(pick(r, [
      `For ${en.duration(c.minutes)} ${g ? "we'd" : "I'd"} shape the set around the room${
        c.gigGenres ? ` and keep it true to the ${c.gigGenres} you asked for` : ""
      }.`,
      `${g ? "We'll" : "I'll"} plan ${en.duration(c.minutes)} of music that suits the room${
        c.gigGenres ? `, built around ${c.gigGenres}` : ""
      }.`,
    ]));
    if (c.remote) {
      details.push(
        `${g ? "We record" : "I record"} and stream from a proper setup, so remote works fine.`,
      );
    } else if (c.km != null && c.km <= 5) {
      details.push(
        `${g ? "We're" : "I'm"} local${
          c.gigCity ? ` to ${c.gigCity}` : ""
        }, so travel is no issue.`,
      );
    } else if (c.km != null && (!c.radiusKm || c.km <= c.radiusKm)) {
      details.push(
        `${c.gigCity ?? "The venue"} is about ${c.km} km from ${g ? "us" : "me"}, well within ${
          g ? "our" : "my"
        } usual travel.`,
      );
    }
    if (c.fee && c.feeFits) {
      details.push(
        `${g ? "Our" : "My"} fee would be ${c.fee}${
          c.budget ? `, within your budget of ${c.budget}` : ""
        }.`,
      );
    } else if (c.fee) {
      details.push(
        `${g ? "We're" : "I'm"} happy to talk the fee through so it works for your budget.`,
      );
    }
    if (c.languageCount > 1) details.push(`${g ? "We" : "I"} work in ${c.languages}.`);
    details.push(pick(r, [
      `${g ? "We'd" : "I'd"} be glad to send a draft setlist or jump on a quick call.`,
      `Happy to share recordings or a sample setlist whenever it helps.`,
      `Let ${g ? "us" : "me"} know if you'd like references or a sample setlist.`,
    ]));
    return {
      subject: `${c.name} for ${c.ref.short} on ${c.when}`,
      greeting: pick(r, ["Hello,", "Hi there,", "Hi,"]),
      intro,
      details,
      signoff: `${
        pick(
          r,
          g
            ? ["Thanks for considering us,", "Best wishes,"]
            : ["Thanks for considering me,", "Best wishes,"],
        )
      }\n${c.name}`,
    };
  },

  announcement(v, r) {
    const s: string[] = [];
    const genres = v.genres;
    s.push(pick(r, [
      `${v.host ? `${v.host} presents` : "Join us for"} ${v.name}${
        genres ? `, ${v.evening ? "an evening" : "a few hours"} of ${genres},` : ""
      } on ${v.ref.day} from ${v.ref.time}.`,
      `Mark ${v.ref.day} in your diary: ${v.name} ${
        v.gig.remote ? "streams live" : `comes to ${v.place}`
      } from ${v.ref.time}.`,
      `On ${v.ref.day} at ${v.ref.time}, ${v.name} ${
        v.gig.remote ? "goes live online" : `fills ${v.place}`
      }${genres ? ` with ${v.duration} of ${genres}` : ""}.`,
    ]));
    if (v.description) s.push(v.description);
    if (v.gig.instruments.length) {
      s.push(
        `Expect live ${listIn(v.gig.instruments.map((i) => i.toLowerCase()), L)} ${
          pick(r, ["up close", "in a room made for it", "with plenty of room to move"])
        }.`,
      );
    }
    s.push(
      v.gig.remote
        ? `The show runs for ${v.duration}, streamed so you can join from anywhere.`
        : `The music runs for ${v.duration}; doors open a little before the start.`,
    );
    return {
      headline: pick(r, [
        `${v.title} — ${v.ref.day}`,
        `Live: ${v.title}`,
        `${v.title}, ${v.ref.day}`,
      ]),
      sentences: s,
      call_to_action: pick(r, [
        `Save the date and tell a friend: ${v.ref.day}, ${v.ref.time}.`,
        `Join us on ${v.ref.day} from ${v.ref.time}.`,
        `Book your spot now for ${v.ref.day}.`,
      ]),
    };
  },

  social(v, r) {
    const at = v.gig.remote ? "live online" : `${v.placeIsCity ? "in" : "at"} ${v.place}`;
    return pick(r, [
      `${v.title} ${at}, ${v.ref.day} from ${v.ref.time}.${
        v.genres && v.evening ? ` ${cap(v.genres)} all night.` : ""
      } Don't miss it!`,
      `This ${v.ref.weekday}: ${v.name} ${at}, ${v.ref.time}.${
        v.genres ? ` Come for the ${v.genres}, stay for the company.` : ""
      }`,
      `Save the date: ${v.ref.day}, ${v.ref.time}. ${v.title} ${at}.${
        v.genres ? ` Live ${v.genres}.` : ""
      }`,
    ]);
  },
};
