import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { RegisterForm } from "@/app/_components/register-form";
import { getSessionUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Create an account" };

export default async function RegisterPage() {
  if (await getSessionUser()) redirect("/");
  return (
    <>
      <h1 className="mb-6 text-center font-semibold text-xl">Create your account</h1>
      <RegisterForm />
    </>
  );
}
