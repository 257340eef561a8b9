// Money in millionths of a dollar, from an admin's prices in dollars per million tokens: a token at $p per million
// costs p millionths of a dollar. Rounded up, so that a limit is never passed by rounding.
export type ModelPrices = { inputPerMillion: number; outputPerMillion: number };

export function costMicros(prices: ModelPrices | null, promptTokens: number, completionTokens: number): number {
  if (!prices) return 0;
  return Math.ceil(promptTokens * prices.inputPerMillion + completionTokens * prices.outputPerMillion);
}

export function microsToDollars(micros: number): number {
  return micros / 1_000_000;
}
