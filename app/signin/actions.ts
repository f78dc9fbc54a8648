"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import type { SignInState } from "@/components/auth/sign-in-form";
import { signIn } from "@/lib/server/auth";
import { signInErrorMessage } from "@/lib/auth/messages";
import { oidcProviderId } from "@/lib/server/auth/oidc";

const formSchema = z.object({
  name: z.string().trim().min(1).max(128),
  password: z.string().min(1).max(1024),
  redirectTo: z.string().optional(),
});

/** Only same-site paths: an open redirect after sign-in would be a phishing aid. */
function safeRedirect(target: string | undefined): string {
  return target && target.startsWith("/") && !target.startsWith("//") && !target.startsWith("/\\") ? target : "/";
}

// The two actions that run without a session: they are how a session starts.
export async function signInAction(_state: SignInState, form: FormData): Promise<SignInState> {
  const parsed = formSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: "Enter a user name and a password." };
  try {
    await signIn("credentials", {
      name: parsed.data.name,
      password: parsed.data.password,
      redirectTo: safeRedirect(parsed.data.redirectTo),
    });
  } catch (error) {
    // Success throws Next's redirect, which must propagate; only auth failures become messages.
    if (error instanceof CredentialsSignin) return { error: signInErrorMessage(error.code) };
    if (error instanceof AuthError) return { error: signInErrorMessage(undefined) };
    throw error;
  }
  return { error: null };
}

/** Hands the browser to the OpenID provider; its answer comes back to /api/auth/callback/oidc. */
export async function signInWithOidcAction(form: FormData): Promise<void> {
  const redirectTo = form.get("redirectTo");
  await signIn(oidcProviderId, { redirectTo: safeRedirect(typeof redirectTo === "string" ? redirectTo : undefined) });
}
