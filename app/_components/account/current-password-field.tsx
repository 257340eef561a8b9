import { FormField } from "@/app/_components/ui/form-field";
import { useTranslator } from "@/app/_i18n/translator-provider";

/** The account's current password, asked before a change only its owner may make (the server checks it). */
export function CurrentPasswordField({ hint }: { hint?: string }) {
  const { t } = useTranslator();
  return (
    <FormField
      label={t("accountSettings.currentPassword")}
      name="currentPassword"
      type="password"
      autoComplete="current-password"
      required
      hint={hint}
    />
  );
}
