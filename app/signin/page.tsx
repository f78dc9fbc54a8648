import type { Metadata } from "next";
import Image from "next/image";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SingleSignOn } from "@/components/auth/single-sign-on";
import { SkipLink, mainContentId } from "@/components/shell/skip-link";
import { Alert } from "@/components/ui/alert";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { isOidcConfigured } from "@/lib/server/auth";
import { getConsoleSession } from "@/lib/server/auth/guard";
import { signInErrorMessage } from "@/lib/auth/messages";
import { signInAction, signInWithOidcAction } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[] }>;
}) {
  if (await getConsoleSession()) redirect("/");
  const { callbackUrl, error } = await searchParams;
  const redirectTo = typeof callbackUrl === "string" ? callbackUrl : "/";
  // A refusal after the provider's round trip comes back as ?error=<code>.
  const providerError = typeof error === "string" ? signInErrorMessage(error) : null;
  return (
    <>
      <SkipLink />
      <main
        id={mainContentId}
        tabIndex={-1}
        className="flex min-h-screen items-center justify-center px-4 focus:outline-none"
      >
        <div className="w-full max-w-sm rounded-lg border border-border bg-surface p-6 shadow-sm">
          <div className="mb-6 flex items-center justify-between">
            <Image src="/logo.svg" alt="Carport" width={134} height={32} unoptimized priority />
            <ThemeToggle />
          </div>
          <h1 className="mb-4 text-xl font-semibold">Sign in to Carport</h1>
          {providerError ? (
            <div className="mb-4">
              <Alert tone="error">{providerError}</Alert>
            </div>
          ) : null}
          <SignInForm action={signInAction} redirectTo={redirectTo} />
          {isOidcConfigured() ? (
            <div className="mt-4 border-t border-border pt-4">
              <SingleSignOn action={signInWithOidcAction} redirectTo={redirectTo} />
            </div>
          ) : null}
          <p className="mt-4 text-xs text-muted">
            The first password is printed by <code>npm start</code>; <code>npm run credentials</code> shows it again.
          </p>
        </div>
      </main>
    </>
  );
}
