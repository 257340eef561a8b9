"use client";

import { ChoiceField } from "@/app/_components/ui/choice-field";
import type { MessageKey } from "@/app/_i18n/messages-en";
import { useTranslator } from "@/app/_i18n/translator-provider";
import type { PolicySource } from "@/lib/auth/registration-policy";
import type { RegistrationPolicy } from "@/lib/db/users";
import { SettingForm } from "./setting-form";

const choices = [
  { value: "open", labelKey: "admin.policy.open", descriptionKey: "admin.policy.openDescription" },
  { value: "approval", labelKey: "admin.policy.approval", descriptionKey: "admin.policy.approvalDescription" },
  { value: "closed", labelKey: "admin.policy.closed", descriptionKey: "admin.policy.closedDescription" },
] as const satisfies { value: RegistrationPolicy; labelKey: MessageKey; descriptionKey: MessageKey }[];

const sourceNoteKeys = {
  console: "admin.policy.sourceConsole",
  environment: "admin.policy.sourceEnvironment",
  default: "admin.policy.sourceDefault",
} as const satisfies Record<PolicySource, MessageKey>;

type RegistrationPolicyFormProps = { policy: RegistrationPolicy; source: PolicySource };

const bodyOf = (form: FormData) => ({ policy: form.get("policy") });

export function RegistrationPolicyForm({ policy, source }: RegistrationPolicyFormProps) {
  const { t } = useTranslator();
  return (
    <SettingForm url="/api/admin/registration-policy" bodyOf={bodyOf} saveLabel={t("admin.policy.save")}>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 font-medium">{t("admin.policy.legend")}</legend>
        {choices.map((choice) => (
          <ChoiceField
            key={choice.value}
            type="radio"
            align="start"
            name="policy"
            value={choice.value}
            defaultChecked={choice.value === policy}
          >
            <span>
              <span className="font-medium">{t(choice.labelKey)}</span>: {t(choice.descriptionKey)}
            </span>
          </ChoiceField>
        ))}
      </fieldset>
      <p className="text-ink-muted text-xs">
        {t(sourceNoteKeys[source])} {t("admin.policy.firstAdmin")}
      </p>
    </SettingForm>
  );
}
