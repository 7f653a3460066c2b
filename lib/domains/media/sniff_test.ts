import { assert, assertEquals } from "../../../tests/_helpers/assert.ts";
import { encodeWav } from "../../audio/wav.ts";
import { ebmlBytes, mp4Bytes } from "../../../tests/fixtures/media/video.ts";
import { type Sniffed, sniffMedia } from "./sniff.ts";
import { checkFile, declaredKinds } from "./upload.ts";
import { HttpError } from "../../web/errors.ts";

const fixture = (name: string) =>
  Deno.readFileSync(new URL(`../../../tests/fixtures/media/${name}`, import.meta.url));
const audio = (name: string) =>
  Deno.readFileSync(new URL(`../../../tests/fixtures/audio/${name}`, import.meta.url));
const wav = encodeWav([new Float32Array(4410), new Float32Array(4410)], 44100);

function sniffed(bytes: Uint8Array): Sniffed {
  const s = sniffMedia(bytes);
  assert(s && !("unsupported" in s), `not sniffed: ${JSON.stringify(s)}`);
  return s;
}

Deno.test("media sniff - images by their bytes, with dimensions", () => {
  const cases: [string, string, number, number][] = [
    ["tiny.png", "image/png", 2, 2],
    ["tiny.jpg", "image/jpeg", 1, 1],
    ["tiny.webp", "image/webp", 1, 1],
    ["tiny.gif", "image/gif", 1, 1],
  ];
  for (const [name, type, width, height] of cases) {
    const s = sniffed(fixture(name));
    assertEquals([s.kind, s.contentType, s.width, s.height], ["photo", type, width, height], name);
  }
  // A JPEG's frame after other segments (EXIF, tables) and fill bytes: 640×480.
  const exif = [0xff, 0xe1, 0x00, 0x08, 0x45, 0x78, 0x69, 0x66, 0, 0];
  const sof0 = [0xff, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0xe0, 0x02, 0x80, 0x03, 1, 2, 3];
  const jpeg = sniffed(Uint8Array.of(0xff, 0xd8, ...exif, ...sof0, ...new Array(20).fill(0)));
  assertEquals([jpeg.width, jpeg.height], [640, 480]);
  // A PNG signature without its header is no image.
  assertEquals(sniffMedia(fixture("tiny.png").subarray(0, 12)), null);
});

Deno.test("media sniff - video containers and audio formats", () => {
  assertEquals(sniffed(mp4Bytes()).contentType, "video/mp4");
  assertEquals(sniffed(mp4Bytes("qt  ")).contentType, "video/quicktime");
  assertEquals(sniffed(ebmlBytes()).contentType, "video/webm");
  assert("unsupported" in (sniffMedia(ebmlBytes("matroska")) ?? {}), "MKV is refused by name");
  assert("unsupported" in (sniffMedia(mp4Bytes("M4A ")) ?? {}), "M4A is refused by name");
  assertEquals([sniffed(wav).kind, sniffed(wav).contentType], ["audio", "audio/wav"]);
  assertEquals(sniffed(audio("tone.flac")).contentType, "audio/flac");
  assertEquals(sniffed(audio("tone-vorbis.ogg")).contentType, "audio/ogg");
  assertEquals(sniffMedia(new TextEncoder().encode("just some text, not media")), null);
});

Deno.test("media sniff - what the client declares must agree with the bytes", () => {
  const png = fixture("tiny.png");
  const file = (name: string, type = "") => new File([png], name, { type });
  const refuse = (input: Parameters<typeof checkFile>[1]) => {
    try {
      checkFile(png, input);
    } catch (err) {
      assert(err instanceof HttpError);
      return [err.status, err.field, err.message];
    }
    throw new Error("accepted");
  };
  assertEquals(refuse({ file: file("song.mp3") }), [
    415,
    "file",
    "This file is a PNG image, not audio",
  ]);
  assertEquals(
    refuse({ file: file("x.png"), kind: "video" })[2],
    "This file is a PNG image, not a video",
  );
  assertEquals(refuse({ file: file("x", "audio/mpeg") })[0], 415);
  assertEquals(
    checkFile(png, { file: file("photo.PNG", "image/png"), kind: "photo" }).kind,
    "photo",
  );
  assertEquals(checkFile(png, { file: file("blob", "application/octet-stream") }).kind, "photo");
  assertEquals(declaredKinds({ file: file("a.mov", "video/quicktime"), kind: "video" }), [
    "video",
    "video",
    "video",
  ]);
  // Each kind has its own limit: a photo past 10 MB is a 413 naming the file.
  const big = new Uint8Array(10 * 1024 * 1024 + 1);
  big.set(png);
  const r = (() => {
    try {
      checkFile(big, { file: file("big.png") });
    } catch (err) {
      return err as HttpError;
    }
  })();
  assertEquals([r?.status, r?.field], [413, "file"]);
});
