// Images are re-encoded in the browser before they are uploaded: at most MAX_IMAGE_SIDE pixels on the longest side
// (what providers accept), and drawn through a canvas, which drops EXIF metadata (GPS position included). A 12 MB
// phone photo becomes a few hundred KB. PNG stays PNG (screenshots: sharp text); photos become JPEG.
import { MAX_IMAGE_SIDE } from "@/lib/limits";

const RE_ENCODED_TYPES = new Set(["image/png", "image/jpeg", "image/webp", "image/gif"]);

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

/** The image to upload; the file itself when it is not an image the browser can draw. */
export async function downscaleImage(file: File): Promise<Blob> {
  if (!RE_ENCODED_TYPES.has(file.type)) return file;
  try {
    const image = await loadImage(file);
    const scale = Math.min(1, MAX_IMAGE_SIDE / Math.max(image.naturalWidth, image.naturalHeight));
    const canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.round(image.naturalWidth * scale));
    canvas.height = Math.max(1, Math.round(image.naturalHeight * scale));
    canvas.getContext("2d")?.drawImage(image, 0, 0, canvas.width, canvas.height);
    const type = file.type === "image/png" || file.type === "image/gif" ? "image/png" : "image/jpeg";
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, 0.88));
    return blob ?? file;
  } catch {
    // Not decodable here: the server sniffs it and refuses it if it is not an image it accepts.
    return file;
  }
}
