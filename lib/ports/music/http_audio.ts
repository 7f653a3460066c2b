/**
 * A hosted model's audio file → 44.1 kHz stereo float samples, through the studio's one decoder
 * (lib/audio/decode.ts: the format is read from the bytes; WAV, MP3, FLAC or Ogg) and resampled.
 * Mono becomes two equal channels; more than two keep the first two.
 *
 * @module
 */
import { AudioDecodeError, decodeAudio as decodeFile } from "../../audio/decode.ts";
import { resampleLinear } from "../../audio/resample.ts";

export const SAMPLE_RATE = 44100;
/** Longer than any song a model makes: a file past it is not one. */
const MAX_SECONDS = 30 * 60;

export interface Stereo {
  sampleRate: number;
  left: Float32Array;
  right: Float32Array;
}

/** Audio the adapter cannot use; the message is for the user. */
export class AudioFormatError extends Error {
  override name = "AudioFormatError";
}

/** Decodes the model's audio file to 44.1 kHz stereo; throws `AudioFormatError` saying why not. */
export async function decodeAudio(bytes: Uint8Array, contentType = ""): Promise<Stereo> {
  let file;
  try {
    file = await decodeFile(bytes, { maxSeconds: MAX_SECONDS });
  } catch (err) {
    if (!(err instanceof AudioDecodeError)) throw err;
    const why = { empty: "it is empty", too_long: "it is too long", unreadable: "it is not audio" };
    throw new AudioFormatError(
      `its file (${contentType || "no content type"}) was refused: ${why[err.reason]}`,
    );
  }
  return {
    sampleRate: SAMPLE_RATE,
    left: resampleLinear(file.left, file.sampleRate, SAMPLE_RATE),
    right: resampleLinear(file.right, file.sampleRate, SAMPLE_RATE),
  };
}
