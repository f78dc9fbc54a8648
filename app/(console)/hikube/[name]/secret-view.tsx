"use client";

import { BucketInfoPanel } from "@/components/hikube/bucket-info-panel";
import { revealHikubeSecretAction } from "@/lib/actions/hikube";
import type { HikubeBucketSummary } from "@/lib/hikube/types";

/** Binds the reveal action to this bucket (and, for an operator, its tenant). */
export function SecretView({
  bucket,
  tenant,
  canReveal,
}: {
  bucket: HikubeBucketSummary;
  tenant: string | undefined;
  canReveal: boolean;
}) {
  return (
    <BucketInfoPanel
      bucket={bucket}
      reveal={canReveal ? () => revealHikubeSecretAction({ name: bucket.name, tenant }) : null}
    />
  );
}
