/** Human messages for sign-in failures, by next-auth error code. Both sides. */
const signInMessages: Record<string, string> = {
  credentials: "Wrong user name or password.",
  rate_limited: "Too many failed attempts. Wait a few minutes and try again.",
  disabled: "This account is disabled. Ask an administrator.",
  OidcNoRole: "Your single sign-on account names no tenant and is not in the administrators' group.",
  OidcUnknownTenant: "Your single sign-on account names a tenant this console does not have. Ask an administrator.",
  OidcNameTaken: "A console user with your single sign-on name already exists. Ask an administrator.",
  OidcDisabled: "This account is disabled. Ask an administrator.",
};

export function signInErrorMessage(code: string | undefined): string {
  return (code && signInMessages[code]) || "Sign-in failed. Try again.";
}
