import type { ClusterVersion } from "@/lib/admin-api/version";

/** Which Garage the page is talking to, and why a feature is missing when it is. */
export function VersionNote({
  connectionName,
  version,
  missing,
}: {
  connectionName: string;
  version: ClusterVersion;
  missing?: string | null;
}) {
  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm text-muted">
        {connectionName} · admin API {version.apiVersion}
        {version.garageVersion ? ` · Garage ${version.garageVersion}` : ""}
      </p>
      {missing ? (
        <p role="status" className="rounded-md border border-warn p-3 text-sm text-warn">
          {missing}
        </p>
      ) : null}
    </div>
  );
}
