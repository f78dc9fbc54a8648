import { Button } from "@/components/ui/button";

/** The OpenID Connect button: a form posting to the sign-in action it is given (no auth code here). */
export function SingleSignOn({
  action,
  redirectTo,
}: {
  action: (form: FormData) => Promise<void>;
  redirectTo: string;
}) {
  return (
    <form action={action} className="flex flex-col gap-2">
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <Button type="submit" variant="ghost">
        Use single sign-on
      </Button>
    </form>
  );
}
