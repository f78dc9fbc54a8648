import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { clientAddressOf } from "./client-address";
import { authConfig } from "./config";
import { clearSignInFailures, isSignInBlocked, recordSignInFailure } from "./rate-limit";
import { getConsoleStore } from "./store";

/** The error code shown for a throttled sign-in; see signInErrorMessage. */
export class SignInRateLimited extends CredentialsSignin {
  override code = "rate_limited";
}

const credentialsSchema = z.object({
  name: z.string().trim().min(1).max(128),
  password: z.string().min(1).max(1024),
});

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  logger: {
    // A wrong password is an expected event, not a server error with a stack trace.
    error(error) {
      if (error instanceof CredentialsSignin) console.warn(`[auth] sign-in refused (${error.code})`);
      else console.error(error);
    },
  },
  providers: [
    Credentials({
      credentials: { name: { label: "User name" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { name, password } = parsed.data;
        const clientAddress = clientAddressOf(request.headers);
        if (isSignInBlocked(name, clientAddress)) throw new SignInRateLimited();
        const store = await getConsoleStore();
        const user = await store.verifyCredentials(name, password);
        if (!user) {
          recordSignInFailure(name, clientAddress);
          return null;
        }
        clearSignInFailures(name, clientAddress);
        return { id: user.id, name: user.name, role: user.role };
      },
    }),
  ],
});
