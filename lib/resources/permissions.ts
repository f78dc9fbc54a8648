import { queryOptions } from "@tanstack/react-query";
import type { PermissionMatrix } from "@/lib/admin-api/permissions";
import { readJson } from "./read-json";

/** The keys × buckets matrix, as the browser reads it. The server half is lib/server/resources/permissions. */
export const permissionKeys = {
  all: ["permissions"] as const,
  matrix: (connectionId: string) => [...permissionKeys.all, connectionId, "matrix"] as const,
};

export const permissionMatrixQuery = (connectionId: string) =>
  queryOptions({
    queryKey: permissionKeys.matrix(connectionId),
    queryFn: () => readJson<PermissionMatrix>("/api/permissions"),
  });

/** The matrix a page of keys by a page of buckets, each axis searched and paged on the server. */
export const matrixKeysPerPage = 20;
export const matrixBucketsPerPage = 6;

export interface MatrixPageRequest {
  keyPage: number;
  keyQuery: string;
  bucketPage: number;
  bucketQuery: string;
}

/** The shown keys and buckets with their cells; totals and pages (clamped) of each axis. */
export interface MatrixPage extends PermissionMatrix {
  keyTotal: number;
  keyPage: number;
  bucketTotal: number;
  bucketPage: number;
}

export const firstMatrixPage: MatrixPageRequest = { keyPage: 0, keyQuery: "", bucketPage: 0, bucketQuery: "" };

export const permissionPageQuery = (connectionId: string, request: MatrixPageRequest) =>
  queryOptions({
    queryKey: [...permissionKeys.all, connectionId, "page", request] as const,
    queryFn: () =>
      readJson<MatrixPage>(
        `/api/permissions?${new URLSearchParams({
          keyPage: String(request.keyPage),
          keyQuery: request.keyQuery,
          bucketPage: String(request.bucketPage),
          bucketQuery: request.bucketQuery,
        })}`,
      ),
  });
