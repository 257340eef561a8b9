"use client";

import { useConfirmedMutation } from "@/app/_components/api/use-confirmed-mutation";
import { ActionButton } from "@/app/_components/ui/action-button";
import { RowActions } from "@/app/_components/ui/row-actions";
import { useTranslator } from "@/app/_i18n/translator-provider";
import type { AdminUser } from "@/lib/db/user-admin";
import { ResetLinkButton } from "./reset-link-button";

type UserActionsProps = { user: Pick<AdminUser, "id" | "name" | "email" | "role" | "status"> };

// Role, status and deletion of one account. Disabling or demoting signs the user out everywhere at once.
export function UserActions({ user }: UserActionsProps) {
  const { t } = useTranslator();
  const { run, runConfirmed, confirm, error, isPending, dialog } = useConfirmedMutation();
  const userUrl = `/api/admin/users/${user.id}`;
  const change = (body: Record<string, string>) => void run({ url: userUrl, method: "PATCH", body });

  async function disable(): Promise<void> {
    const isConfirmed = await confirm({
      title: t("admin.user.confirmDisableTitle"),
      message: t("admin.user.confirmDisable", { email: user.email }),
      confirmLabel: t("admin.disable"),
    });
    if (isConfirmed) change({ status: "DISABLED" });
  }

  // The role asks first, naming the account by its email: the name beside it is whatever its owner typed.
  async function changeRole(): Promise<void> {
    const isAdmin = user.role === "ADMIN";
    const isConfirmed = await confirm({
      title: t(isAdmin ? "admin.user.confirmMakeUserTitle" : "admin.user.confirmMakeAdminTitle"),
      message: t(isAdmin ? "admin.user.confirmMakeUser" : "admin.user.confirmMakeAdmin", { email: user.email }),
      confirmLabel: t(isAdmin ? "admin.user.makeUser" : "admin.user.makeAdmin"),
    });
    if (isConfirmed) change({ role: isAdmin ? "USER" : "ADMIN" });
  }

  async function remove(): Promise<void> {
    const question = {
      title: t("admin.user.confirmDeleteTitle"),
      message: t("admin.user.confirmDelete", { email: user.email }),
      confirmLabel: t("admin.delete"),
    };
    await runConfirmed(question, { url: userUrl, method: "DELETE" });
  }

  return (
    <RowActions error={error}>
      <div className="flex flex-wrap justify-end gap-1">
        {user.status === "PENDING" ? (
          <ActionButton onClick={() => change({ status: "ACTIVE" })} isPending={isPending}>
            {t("admin.user.approve")}
          </ActionButton>
        ) : (
          <ActionButton
            onClick={() => (user.status === "DISABLED" ? change({ status: "ACTIVE" }) : void disable())}
            isPending={isPending}
          >
            {user.status === "DISABLED" ? t("admin.enable") : t("admin.disable")}
          </ActionButton>
        )}
        <ActionButton onClick={() => void changeRole()} isPending={isPending}>
          {user.role === "ADMIN" ? t("admin.user.makeUser") : t("admin.user.makeAdmin")}
        </ActionButton>
        <ResetLinkButton user={user} />
        <ActionButton onClick={() => void remove()} isPending={isPending} isDanger>
          {t("admin.delete")}
        </ActionButton>
      </div>
      {dialog}
    </RowActions>
  );
}
