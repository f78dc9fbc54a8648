"use client";

import { useQuery } from "@tanstack/react-query";
import { OverviewFiguresView } from "@/components/cluster/overview-figures";
import { VersionNote } from "@/components/cluster/version-note";
import { overviewQuery } from "@/lib/resources/cluster";

/** The Overview's figures: prefetched on the server, re-read through /api/overview. */
export function OverviewLive({ connectionId, connectionName }: { connectionId: string; connectionName: string }) {
  const { data, error } = useQuery(overviewQuery(connectionId));
  if (!data)
    return (
      <p role={error ? "alert" : "status"}>
        {error ? `The cluster's figures could not be read: ${error.message}` : "Reading the cluster's figures…"}
      </p>
    );
  return (
    <>
      <VersionNote connectionName={connectionName} version={data.version} missing={data.missing} />
      {data.data ? <OverviewFiguresView figures={data.data.figures} /> : null}
    </>
  );
}
