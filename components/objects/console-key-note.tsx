import Link from "next/link";
import { Alert } from "@/components/ui/alert";

/** The console browses with its own key; the grant it needs is said where it happens. */
export function ConsoleKeyNote({ grantedNow }: { grantedNow: boolean }) {
  if (!grantedNow)
    return (
      <p className="text-xs text-muted">
        The console lists and changes objects here with its own key, carport-console, which has read and write on this
        bucket.
      </p>
    );
  return (
    <Alert tone="info">
      The console&apos;s own key, carport-console, was just given read and write on this bucket so this page can list,
      upload and delete. It shows under{" "}
      <Link href="/keys/permissions" className="text-accent underline">
        Permissions
      </Link>
      ; it is never offered to clients.
    </Alert>
  );
}
