import "server-only";
import { z } from "zod";
import type { components } from "@/contracts/garage-admin-v2.gen";

/**
 * Garage 0.9–1.x answers GET /v1/status and /v1/layout in shapes close to v2's, without
 * partitions or usable capacity. These schemas read just what the picture needs and
 * turn it into the v2 types, so one renderer serves both.
 */
type Schemas = components["schemas"];

const role = z.object({
  zone: z.string(),
  capacity: z.number().nullable().optional(),
  tags: z.array(z.string()).default([]),
});
const freeSpace = z.object({ available: z.number(), total: z.number() }).nullable().optional();

const v1Status = z.object({
  layoutVersion: z.number().default(0),
  garageVersion: z.string().optional(),
  nodes: z
    .array(
      z.object({
        id: z.string(),
        hostname: z.string().nullable().optional(),
        isUp: z.boolean(),
        draining: z.boolean().default(false),
        role: role.nullable().optional(),
        dataPartition: freeSpace,
      }),
    )
    .default([]),
});

const v1Layout = z.object({
  version: z.number(),
  roles: z.array(role.extend({ id: z.string() })),
  stagedRoleChanges: z.array(z.object({ id: z.string() }).passthrough()).default([]),
});

export function statusFromV1(raw: unknown): Schemas["GetClusterStatusResponse"] {
  const parsed = v1Status.parse(raw);
  return {
    layoutVersion: parsed.layoutVersion,
    nodes: parsed.nodes.map((node) => ({ ...node, garageVersion: parsed.garageVersion ?? null })),
  };
}

export function layoutFromV1(raw: unknown): Schemas["GetClusterLayoutResponse"] {
  const parsed = v1Layout.parse(raw);
  return {
    version: parsed.version,
    // v1 has no zone-redundancy parameter (it is CLI-only there) and no partition data.
    parameters: { zoneRedundancy: "maximum" },
    partitionSize: 0,
    roles: parsed.roles.map((item) => ({ ...item, storedPartitions: null, usableCapacity: null })),
    stagedRoleChanges: parsed.stagedRoleChanges.map((change) => ({
      id: change.id,
      remove: "remove" in change && change.remove === true,
    })),
    stagedParameters: null,
  };
}
