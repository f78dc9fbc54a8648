"use client";

import { useQuery } from "@tanstack/react-query";
import { HealthCard } from "@/components/cluster/health-card";
import { healthQueryOptions } from "@/lib/query/health";

/** Hydrated from the server's prefetch, then re-read every 10 s through /api/health. */
export function HealthLive({ connectionId }: { connectionId: string }) {
  const { data, isFetching, error } = useQuery(healthQueryOptions(connectionId));
  if (!data) {
    return (
      <p role="alert">{error ? "The health of the cluster could not be read." : "Reading the cluster's health…"}</p>
    );
  }
  return <HealthCard summary={data} refreshing={isFetching} />;
}
