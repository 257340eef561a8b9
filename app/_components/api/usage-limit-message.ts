// The sentence for a usage limit reached (429 usage_limit_reached), in the reader's language, from the figures the
// server sends (lib/usage-limits/reserve-usage.ts): the limit used up ("You have used your 200,000 tokens for today;
// resets at 00:00 UTC"), less left than the message could need, or a message that could need more than the whole
// limit.

import { formatMicroDollars } from "@/app/_components/ui/format-dollars";
import type { Translator } from "@/app/_i18n/translator";
import type { ApiError } from "./types";

export function describeUsageLimit(error: ApiError, { t, formatNumber }: Translator): string | null {
  const details = error.details;
  if (error.code !== "usage_limit_reached" || !details || details.limit === undefined || !details.resetsAt) return null;
  const whose = details.isTeam ? "team" : "user";
  const isCost = details.isCost === 1;
  const unit = isCost ? "cost" : "tokens";
  const period = details.isMonthly ? "month" : "day";
  const format = (value: number) => (isCost ? formatMicroDollars(value, formatNumber) : formatNumber(value));
  const limit = format(details.limit);
  const resetsAt = new Date(details.resetsAt).toISOString();
  const reset = period === "day" ? "00:00 UTC" : `${resetsAt.slice(0, 10)} 00:00 UTC`;
  const { used, needed, reply } = details;
  // The model's longest reply alone passes the limit: no message fits, in a new conversation either.
  if (reply !== undefined && reply > details.limit) {
    return t(`usageLimit.replyTooLarge.${unit}`, { reply: format(reply), limit });
  }
  if (needed !== undefined && needed > details.limit) {
    return t(`usageLimit.tooLarge.${unit}`, { needed: format(needed), limit });
  }
  if (needed !== undefined && used !== undefined && used < details.limit) {
    return t(`usageLimit.notEnoughLeft.${unit}`, {
      needed: format(needed),
      left: format(details.limit - used),
      limit,
      reset,
    });
  }
  const key = isCost ? (`usageLimit.${whose}.cost.month` as const) : (`usageLimit.${whose}.tokens.${period}` as const);
  return t(key, { limit, reset });
}
