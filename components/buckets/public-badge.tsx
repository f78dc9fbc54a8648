import { Badge } from "@/components/ui/badge";

/** Said beside a bucket's name wherever it is listed: a policy or an ACL lets anyone reach it. */
export function PublicBadge() {
  return (
    <span className="ml-2 align-middle" title="A bucket policy or an ACL lets anyone reach this bucket">
      <Badge tone="warn">Public</Badge>
    </span>
  );
}
