/**
 * German lyric words. Choruses sing the theme after "über", "für", "um" or "durch", which take
 * the accusative the offline enhancer keeps from "über …" in a prompt; the default themes are
 * accusative too.
 */
import type { Bank } from "./shape.ts";

// deno-fmt-ignore
export const DE: Bank = {
  themes: {
    calm: "eine stille Nacht am Fenster",
    happy: "einen Sommertag mit Freunden",
    sad: "den Abschied von einem geliebten Menschen",
    love: "die große Liebe",
    power: "den Mut, niemals aufzugeben",
    dark: "die Schatten der Stadt bei Nacht",
  },
  verse: {
    calm: [
      "Der Kessel summt, die Straße ruht",
      "Ich zähl' die Tropfen, und es tut mir gut",
      "Die Stadt legt heut' die Flügel an",
      "Eine Kerze brennt, so lang sie kann",
      "Kein Anruf kommt, und niemand wartet hier",
      "Die Stille wächst wie Efeu an der Tür",
      "Ich atme Stunden, eine nach der andern",
      "Der Mond lässt sich Zeit beim Wandern",
    ],
    happy: [
      "Wir haben alle Fenster aufgemacht",
      "Das Radio spielt, die ganze Straße lacht",
      "Barfuß tanzen wir auf dem Asphalt",
      "Jeder Fremde macht bei uns Halt",
      "Der Himmel glänzt in Gold und Blau",
      "Wir schaffen alles, das weiß ich genau",
      "Wir lachen, bis der Abend fällt",
      "Die Musik tanzt durch die ganze Welt",
    ],
    sad: [
      "Dein Mantel hängt noch hinter der Tür",
      "Ich schlafe kaum und kann nichts dafür",
      "Die Fotos haben kein Licht mehr drin",
      "Ich frag' die Nacht, wo ich jetzt bin",
      "Der Kaffee kalt, der Tisch ist leer",
      "Ich dreh' mich um, doch du kommst nicht mehr",
      "Der Regen schreibt ans Fensterglas",
      "Ich wusste, dass auch das verblasst",
    ],
    love: [
      "Deine Hand fand meine, mitten im Raum",
      "Wie der April in einem Blütentraum",
      "Ich kenn' dein Lachen, kenn' deinen Namen",
      "Die Welt war neu, als wir zusammenkamen",
      "Wir redeten, bis die Kerzen verglühten",
      "Als ob uns alle Sterne behüten",
      "Du sagst meinen Namen wie einen Refrain",
      "Ich würd' den Weg noch einmal mit dir gehen",
    ],
    power: [
      "Sie sagten, ich komm' nie nach oben",
      "Jetzt sieh das Feuer in mir toben",
      "Jede Mauer ist nur eine Tür",
      "Ich will es mehr, ich kämpfe dafür",
      "Der Weg ist lang, mein Herz schlägt laut",
      "Ich hab' zu lang auf andere gebaut",
      "Ich fiel zu Boden und stand wieder auf",
      "Ich nehme jeden Sturz in Kauf",
    ],
    dark: [
      "Das Neonlicht blutet in den Regen",
      "Schritte hallen auf den Wegen",
      "Keiner sieht hin, es kümmert keinen",
      "Flüstern auf den Treppensteinen",
      "Die Schatten kennen, was ich verstecke",
      "Ein kalter Wind wartet an der Ecke",
      "Die Uhr tickt, die Zeit läuft aus",
      "Ein Geheimnis tief in diesem Haus",
    ],
  },
  chorus: {
    calm: ["Bleib ein wenig, ich sing' für {theme}", "Lass die Welt zur Ruhe gehen", "Bleib ein wenig, ich sing' für {theme}", "Wo die stillen Wasser stehen"],
    happy: ["Das ist ein Lied über {theme}", "Dreh es auf und lass es scheinen", "Das ist ein Lied über {theme}", "Heute muss niemand weinen"],
    sad: ["Ich sing' noch immer über {theme}", "Das Echo bleibt bei mir", "Ich sing' noch immer über {theme}", "Auch wenn ich dich verlier'"],
    love: ["Alles dreht sich um {theme}", "Du und ich gegen die Flut", "Alles dreht sich um {theme}", "Bleib bei mir, dann wird es gut"],
    power: ["Wir kämpfen für {theme}", "Nichts hält uns mehr zurück", "Wir kämpfen für {theme}", "Die Erde bebt, Stück für Stück"],
    dark: ["Allein durch {theme}", "Niemand weiß, wer ich bin", "Allein durch {theme}", "Nichts ergibt mehr Sinn"],
  },
  pre_chorus: ["Und ich spür', es kommt immer näher", "Halt dich fest, der Moment ist da", "Etwas ändert sich in der Luft", "Nimm meine Hand, hörst du, wie es ruft"],
  bridge: ["Und wenn die Nacht in Stücke bricht", "Verlier' ich diesen Rhythmus nicht", "Noch einmal, noch einmal", "Jedes Wort hier ist von mir"],
};
