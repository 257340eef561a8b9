"use client";

import { FormField } from "@/app/_components/ui/form-field";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { MAX_PRICE_PER_MILLION_DOLLARS } from "@/lib/limits";
import { SettingForm } from "./setting-form";

type Prices = { inputPerMillion: number; outputPerMillion: number } | null;

function bodyOf(modelId: string) {
  return (form: FormData) => {
    const input = form.get("inputPerMillion");
    const output = form.get("outputPerMillion");
    const isEmpty = (input === null || input === "") && (output === null || output === "");
    return { modelId, prices: isEmpty ? null : { inputPerMillion: Number(input), outputPerMillion: Number(output) } };
  };
}

/** A model's prices in dollars per million input and output tokens; both empty removes them. */
export function ModelPriceForm({ modelId, label, prices }: { modelId: string; label: string; prices: Prices }) {
  const { t } = useTranslator();
  return (
    <div className="border-line rounded-xl border p-4">
      <h3 className="mb-2 font-medium">{label}</h3>
      <SettingForm url="/api/admin/model-prices" bodyOf={bodyOf(modelId)} saveLabel={t("admin.prices.save")}>
        <div className="grid gap-3 sm:grid-cols-2">
          <FormField
            label={t("admin.prices.input")}
            name="inputPerMillion"
            type="number"
            min={0}
            max={MAX_PRICE_PER_MILLION_DOLLARS}
            step="any"
            defaultValue={prices?.inputPerMillion ?? ""}
          />
          <FormField
            label={t("admin.prices.output")}
            name="outputPerMillion"
            type="number"
            min={0}
            max={MAX_PRICE_PER_MILLION_DOLLARS}
            step="any"
            defaultValue={prices?.outputPerMillion ?? ""}
          />
        </div>
      </SettingForm>
    </div>
  );
}
