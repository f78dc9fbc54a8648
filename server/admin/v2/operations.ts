/**
 * The v2 endpoints: every `/v2/<Operation>` of Garage's OpenAPI document with its
 * method. The v0/v1 translations and the token scopes use these names.
 */
export const v2Operations = {
  GetClusterStatus: "GET",
  GetClusterHealth: "GET",
  GetClusterStatistics: "GET",
  ConnectClusterNodes: "POST",
  ListAdminTokens: "GET",
  GetAdminTokenInfo: "GET",
  GetCurrentAdminTokenInfo: "GET",
  CreateAdminToken: "POST",
  UpdateAdminToken: "POST",
  DeleteAdminToken: "POST",
  GetClusterLayout: "GET",
  GetClusterLayoutHistory: "GET",
  UpdateClusterLayout: "POST",
  PreviewClusterLayoutChanges: "POST",
  ApplyClusterLayout: "POST",
  RevertClusterLayout: "POST",
  ClusterLayoutSkipDeadNodes: "POST",
  ListKeys: "GET",
  GetKeyInfo: "GET",
  CreateKey: "POST",
  ImportKey: "POST",
  UpdateKey: "POST",
  DeleteKey: "POST",
  ListBuckets: "GET",
  GetBucketInfo: "GET",
  CreateBucket: "POST",
  UpdateBucket: "POST",
  DeleteBucket: "POST",
  CleanupIncompleteUploads: "POST",
  InspectObject: "GET",
  AllowBucketKey: "POST",
  DenyBucketKey: "POST",
  AddBucketAlias: "POST",
  RemoveBucketAlias: "POST",
  GetNodeInfo: "GET",
  GetNodeStatistics: "GET",
  CreateMetadataSnapshot: "POST",
  LaunchRepairOperation: "POST",
  ListWorkers: "POST",
  GetWorkerInfo: "POST",
  GetWorkerVariable: "POST",
  SetWorkerVariable: "POST",
  ListBlockErrors: "GET",
  GetBlockInfo: "POST",
  RetryBlockResync: "POST",
  PurgeBlocks: "POST",
} as const satisfies Record<string, "GET" | "POST">;

export type V2OperationName = keyof typeof v2Operations;

export const v2OperationNames = Object.keys(v2Operations) as V2OperationName[];

export function isV2OperationName(name: string): name is V2OperationName {
  return Object.hasOwn(v2Operations, name);
}
