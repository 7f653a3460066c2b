/** Portfolio media: photos, audio and video on a musician's profile (issue 17 item 5). */
export * from "./limits.ts";
export * from "./schemas.ts";
export {
  listPortfolio,
  mediaItems,
  type MediaPlatform,
  ownPortfolio,
  patchMedia,
  removeMedia,
  type Showreel,
  showreels,
  toItem,
} from "./service.ts";
export {
  checkFile,
  declaredKinds,
  type MediaUpload,
  mediaUploadFromForm,
  readMediaUpload,
  uploadMedia,
} from "./upload.ts";
export { type Sniffed, sniffMedia } from "./sniff.ts";
export { type GigMedia, loadGigMedia } from "./gig.ts";
