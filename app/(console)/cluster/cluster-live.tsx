"use client";

import { useQuery } from "@tanstack/react-query";
import { ClusterPictureView } from "@/components/cluster/cluster-picture";
import { VersionNote } from "@/components/cluster/version-note";
import { clusterPictureQuery } from "@/lib/resources/cluster";

export function ClusterLive({ connectionId, connectionName }: { connectionId: string; connectionName: string }) {
  const { data, error } = useQuery(clusterPictureQuery(connectionId));
  if (!data)
    return (
      <p role={error ? "alert" : "status"}>
        {error ? `The cluster could not be read: ${error.message}` : "Reading the cluster…"}
      </p>
    );
  return (
    <>
      <VersionNote connectionName={connectionName} version={data.version} missing={data.missing} />
      {data.data ? <ClusterPictureView picture={data.data} /> : null}
    </>
  );
}
