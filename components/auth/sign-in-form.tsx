"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";

export type SignInState = { error: string | null };

/** The sign-in form; the action (next-auth on the server) comes in as a prop. */
export function SignInForm({
  action,
  redirectTo,
}: {
  action: (state: SignInState, form: FormData) => Promise<SignInState>;
  redirectTo: string;
}) {
  const [state, formAction, pending] = useActionState(action, { error: null });
  return (
    <form
      action={formAction}
      className="flex flex-col gap-4"
      aria-describedby={state.error ? "signin-error" : undefined}
    >
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <label className="flex flex-col gap-1 text-sm">
        User name
        <input
          name="name"
          autoComplete="username"
          required
          autoFocus
          defaultValue="admin"
          className="rounded-md border border-border bg-background px-3 py-2 text-base"
        />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        Password
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="rounded-md border border-border bg-background px-3 py-2 text-base"
        />
      </label>
      {state.error ? (
        <p id="signin-error" role="alert" className="text-sm text-bad">
          {state.error}
        </p>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
