"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslator } from "@/app/_i18n/translator-provider";

const sections = [
  { href: "/admin/models", labelKey: "admin.models" },
  { href: "/admin/providers", labelKey: "admin.providers" },
  { href: "/admin/users", labelKey: "admin.users" },
  { href: "/admin/audit-log", labelKey: "admin.auditLog" },
  { href: "/admin/usage", labelKey: "admin.usage" },
  { href: "/admin/api", labelKey: "admin.api" },
] as const;

export function AdminNav() {
  const { t } = useTranslator();
  const pathname = usePathname();
  return (
    <nav aria-label={t("admin.nav")}>
      <ul className="flex flex-wrap gap-1">
        {sections.map((section) => {
          const isCurrent = pathname.startsWith(section.href);
          return (
            <li key={section.href}>
              <Link
                href={section.href}
                aria-current={isCurrent ? "page" : undefined}
                className={`hover:bg-hover inline-block rounded-lg px-3 py-1.5 text-sm whitespace-nowrap ${isCurrent ? "bg-hover font-medium" : "text-ink-muted"}`}
              >
                {t(section.labelKey)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
