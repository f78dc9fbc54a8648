/** Human messages for sign-in failures, by next-auth error code. Both sides. */
const signInMessages: Record<string, string> = {
  credentials: "Wrong user name or password.",
  rate_limited: "Too many failed attempts. Wait a few minutes and try again.",
};

export function signInErrorMessage(code: string | undefined): string {
  return (code && signInMessages[code]) || "Sign-in failed. Try again.";
}
