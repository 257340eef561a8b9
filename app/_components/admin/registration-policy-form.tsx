"use client";

import { type FormEvent, useState } from "react";
import type { PolicySource } from "@/lib/auth/registration-policy";
import type { RegistrationPolicy } from "@/lib/db/users";
import { FormAlert } from "../form-alert";
import { SubmitButton } from "../submit-button";
import { useAdminAction } from "./use-admin-action";

const choices: { value: RegistrationPolicy; label: string; description: string }[] = [
  { value: "open", label: "Open", description: "Anyone who reaches the site can create an account." },
  {
    value: "approval",
    label: "Approval",
    description: "New accounts wait until an admin approves them; until then they see only a waiting page.",
  },
  {
    value: "closed",
    label: "Closed",
    description: "Nobody can register. (Invitations arrive with teams.)",
  },
];

const sourceNote: Record<PolicySource, string> = {
  console: "Set here.",
  environment: "Set by REGISTRATION_POLICY until you choose here.",
  default: "The default. REGISTRATION_POLICY can set another for headless installs.",
};

type RegistrationPolicyFormProps = { policy: RegistrationPolicy; source: PolicySource };

export function RegistrationPolicyForm({ policy, source }: RegistrationPolicyFormProps) {
  const { run, error, isPending } = useAdminAction();
  const [saved, setSaved] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setSaved(false);
    const chosen = new FormData(event.currentTarget).get("policy");
    const result = await run({ url: "/api/admin/registration-policy", method: "PUT", body: { policy: chosen } });
    setSaved(result !== null);
  }

  return (
    <form onSubmit={(event) => void handleSubmit(event)} className="flex flex-col gap-3">
      <FormAlert message={error} />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 font-medium">Registration</legend>
        {choices.map((choice) => (
          <label key={choice.value} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name="policy"
              value={choice.value}
              defaultChecked={choice.value === policy}
              className="mt-1 accent-ink"
            />
            <span>
              <span className="font-medium">{choice.label}</span>: {choice.description}
            </span>
          </label>
        ))}
      </fieldset>
      <p className="text-ink-muted text-xs">
        {sourceNote[source]} The first account of an install always becomes an admin.
      </p>
      <div className="flex items-center gap-3">
        <SubmitButton label="Save registration policy" isPending={isPending} />
        {saved ? (
          <p role="status" className="mt-2 text-ink-muted text-sm">
            Saved.
          </p>
        ) : null}
      </div>
    </form>
  );
}
