"use client";

import { useQuery } from "@tanstack/react-query";
import { HealthCard } from "@/components/cluster/health-card";
import { healthQuery } from "@/lib/resources/cluster";

/** Hydrated from the server's prefetch, then re-read every 10 s through /api/health. */
export function HealthLive({ connectionId }: { connectionId: string }) {
  const { data, isFetching, error } = useQuery(healthQuery(connectionId));
  if (!data) {
    return (
      <p role="alert">{error ? "The health of the cluster could not be read." : "Reading the cluster's health…"}</p>
    );
  }
  return <HealthCard summary={data} refreshing={isFetching} />;
}
