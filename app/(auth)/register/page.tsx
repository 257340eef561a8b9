import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { RegisterForm } from "@/app/_components/register-form";
import { getTranslator } from "@/app/_i18n/server";
import { getSessionUser } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("register.title") };
}

export default async function RegisterPage() {
  if (await getSessionUser()) redirect("/");
  const { t } = await getTranslator();
  return (
    <>
      <h1 className="mb-6 text-center font-semibold text-xl">{t("register.heading")}</h1>
      <RegisterForm />
    </>
  );
}
