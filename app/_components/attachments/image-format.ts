// What an image attached in the composer becomes: the type it is re-encoded to, and a name whose extension says that
// type (downscale-image.ts). Pure, for the unit tests.
import { IMAGE_CONTENT_TYPES, MAX_FILE_NAME_LENGTH } from "@/lib/limits";

/** The types the server reads as images (lib/attachments/sniff.ts): the ones the composer re-encodes and previews. */
export const IMAGE_TYPES: ReadonlySet<string> = new Set(IMAGE_CONTENT_TYPES);

const EXTENSIONS: Record<string, readonly string[]> = {
  "image/png": ["png"],
  "image/jpeg": ["jpg", "jpeg", "jpe", "jfif"],
  "image/webp": ["webp"],
  "image/gif": ["gif"],
};
const IMAGE_EXTENSIONS = new Set(Object.values(EXTENSIONS).flat());

/**
 * The type to ask the canvas for. JPEG and WebP keep theirs: WebP may be transparent, and JPEG has no alpha, so
 * turned into a JPEG its transparent pixels came out black. PNG stays PNG (screenshots: sharp text), and a GIF becomes
 * a PNG of its first frame (models take no animation; PNG keeps its transparency). A browser that cannot encode WebP
 * (Safari) answers PNG instead, transparency kept: what was made is the blob's own type.
 */
export function reEncodedType(type: string): string {
  return type === "image/jpeg" || type === "image/webp" ? type : "image/png";
}

/**
 * `name` with the extension of `type` when it is an image type: a picture re-encoded to another type, downloaded
 * under its old name, opened as the wrong kind of file. An image extension is replaced, and any other kept and the
 * new one added ("scan 2024.05" is no extension). Other types leave the name as it is.
 */
export function nameForImageType(name: string, type: string): string {
  const extensions = EXTENSIONS[type];
  if (!extensions?.[0]) return name;
  const dot = name.lastIndexOf(".");
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
  if (extensions.includes(extension)) return name;
  const stem = (IMAGE_EXTENSIONS.has(extension) ? name.slice(0, dot) : name).replace(/\.+$/, "");
  const suffix = `.${extensions[0]}`;
  return stem.slice(0, MAX_FILE_NAME_LENGTH - suffix.length) + suffix;
}
