import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { getConsoleSession } from "@/lib/auth/guard";
import { signInAction } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[] }>;
}) {
  if (await getConsoleSession()) redirect("/");
  const { callbackUrl } = await searchParams;
  const redirectTo = typeof callbackUrl === "string" ? callbackUrl : "/";
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg border border-border bg-surface p-6 shadow-sm">
        <div className="mb-6 flex items-center justify-between">
          <h1 className="text-xl font-semibold">Sign in to Carport</h1>
          <ThemeToggle />
        </div>
        <SignInForm action={signInAction} redirectTo={redirectTo} />
        <p className="mt-4 text-xs text-muted">
          The first password is printed by <code>npm start</code>; <code>npm run credentials</code> shows it again.
        </p>
      </div>
    </main>
  );
}
