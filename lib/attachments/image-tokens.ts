// What an image costs in the context window. Providers count images by their own rules; Parley uses OpenAI's
// published rule for "high" detail (the default for large images), which is also close to Anthropic's
// (width × height / 750, at most ~1,600 tokens) for the sizes the browser sends:
//   1. scale to fit within 2048 × 2048;
//   2. scale so that the shortest side is at most 768 px;
//   3. count the 512 × 512 tiles that cover it: 170 tokens per tile, plus 85.
// An estimate: the request may cost somewhat more or less at the provider.
import type { ImageSize } from "./image-size";

const BASE_TOKENS = 85;
const TOKENS_PER_TILE = 170;
const TILE = 512;
// An image whose size cannot be read is counted as the largest the rule allows (2048 × 768 after scaling).
const UNKNOWN_SIZE: ImageSize = { width: 2048, height: 768 };

export function estimateImageTokens(size: ImageSize | null): number {
  let { width, height } = size && size.width > 0 && size.height > 0 ? size : UNKNOWN_SIZE;
  const fit = Math.min(1, 2048 / Math.max(width, height));
  width *= fit;
  height *= fit;
  const shortSide = Math.min(1, 768 / Math.min(width, height));
  width *= shortSide;
  height *= shortSide;
  const tiles = Math.ceil(width / TILE) * Math.ceil(height / TILE);
  return BASE_TOKENS + TOKENS_PER_TILE * tiles;
}
