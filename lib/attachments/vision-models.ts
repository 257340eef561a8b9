// Whether a model reads images, guessed from its name for well-known vision families. Only the default of the
// admin's "Reads images" switch: the admin's choice is what counts. The migration that added the column applied
// the same rule to existing models.
const VISION_NAME =
  /(gpt-4o|gpt-4\.1|gpt-4-turbo|gpt-4-vision|gpt-5|(^|[^a-z0-9])o[34]([^a-z0-9]|$)|claude-3|claude-[a-z]+-4|gemini|llava|qwen[0-9.]*-?vl|pixtral|llama-?3\.2-?(11|90)b-vision|llama-4|gemma-?3|minicpm-v|internvl|vision)/;

export function isVisionModelName(upstreamName: string): boolean {
  return VISION_NAME.test(upstreamName.toLowerCase());
}
