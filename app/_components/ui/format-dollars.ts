// Money as Parley counts it: limits and costs are kept in millionths of a dollar, prices in dollars.
import type { Translator } from "@/app/_i18n/translator";

type FormatNumber = Translator["formatNumber"];

export function formatDollars(dollars: number, formatNumber: FormatNumber): string {
  return formatNumber(dollars, { style: "currency", currency: "USD" });
}

export function formatMicroDollars(micros: number, formatNumber: FormatNumber): string {
  return formatDollars(micros / 1_000_000, formatNumber);
}
