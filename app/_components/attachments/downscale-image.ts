// Images are re-encoded in the browser before they are uploaded: at most MAX_IMAGE_SIDE pixels on the longest side
// (what providers accept), and drawn through a canvas, which drops EXIF metadata (GPS position included) before the
// file leaves the device. A 12 MB phone photo becomes a few hundred KB. The type is chosen by reEncodedType (a
// transparent image stays transparent), and the file is named by the type it has become.
import { MAX_IMAGE_SIDE } from "@/lib/limits";
import { IMAGE_TYPES, nameForImageType, reEncodedType } from "./image-format";

function loadImage(file: Blob): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(file);
    const image = new Image();
    image.onload = () => {
      URL.revokeObjectURL(url);
      resolve(image);
    };
    image.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error("The image could not be read."));
    };
    image.src = url;
  });
}

async function reEncode(file: File): Promise<Blob | null> {
  const image = await loadImage(file);
  const scale = Math.min(1, MAX_IMAGE_SIDE / Math.max(image.naturalWidth, image.naturalHeight));
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.round(image.naturalWidth * scale));
  canvas.height = Math.max(1, Math.round(image.naturalHeight * scale));
  canvas.getContext("2d")?.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, reEncodedType(file.type), 0.88));
}

/** The image to upload, under `name` or the name of what it became; the file itself when the browser cannot draw it. */
export async function downscaleImage(file: File, name: string): Promise<File> {
  const original = new File([file], name, { type: file.type });
  if (!IMAGE_TYPES.has(file.type)) return original;
  try {
    const blob = await reEncode(file);
    return blob ? new File([blob], nameForImageType(name, blob.type), { type: blob.type }) : original;
  } catch {
    // Not decodable here: the server sniffs it and refuses it if it is not an image it accepts.
    return original;
  }
}
