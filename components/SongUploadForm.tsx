/**
 * "Upload a track": a plain multipart form posting to /studio/upload (it works without
 * JavaScript), with the limits stated and each error next to its field.
 */
import type { JSX } from "preact";
import { CsrfField, Field } from "./Field.tsx";
import { Button } from "./Button.tsx";

/** What the file picker offers (a hint for the browser: the server reads the bytes). */
const ACCEPT =
  "audio/wav,audio/x-wav,audio/mpeg,audio/flac,audio/x-flac,audio/ogg,audio/opus,.wav,.mp3,.flac,.ogg,.oga,.opus";

export interface SongUploadFormProps {
  csrf: string;
  title?: string;
  errors?: Record<string, string>;
}

export function SongUploadForm(props: SongUploadFormProps): JSX.Element {
  const errors = props.errors ?? {};
  return (
    <form
      method="post"
      action="/studio/upload"
      enctype="multipart/form-data"
      class="rounded-lg border border-gray-200 bg-white p-4"
      aria-label="Upload a track"
      data-testid="upload-form"
    >
      <CsrfField token={props.csrf} />
      <p class="mb-4 text-sm text-gray-600">
        Add your own recording to your songs: WAV, MP3, FLAC or OGG, up to 50 MB and 10 minutes.
        Uploads do not count against your songs this month.
      </p>
      <Field
        name="file"
        type="file"
        label="Audio file"
        accept={ACCEPT}
        required
        error={errors.file}
        hint="WAV, MP3, FLAC or OGG · at most 50 MB and 10 minutes"
      />
      <Field
        name="title"
        label="Title (optional)"
        value={props.title}
        maxLength={120}
        error={errors.title}
        hint="The file's name if you leave it empty"
      />
      {errors._form && <p role="alert" class="mb-3 text-sm text-red-700">{errors._form}</p>}
      <Button>Upload</Button>
    </form>
  );
}
