/**
 * The isolation matrix's attempt for each server action: its arguments aimed at a
 * target (A's resource or its missing twin). Every action of the build's manifest needs
 * one here, or e2e/isolation.spec.ts fails naming it.
 */

export const stamp = Date.now().toString(36);
export const objectKey = "folder/a.txt";

export interface Target {
  tenantId: string;
  userId: string;
  bucketId: string;
  bucketName: string;
  accessKeyId: string;
  secretName: string;
  /** The Hikube manifest's metadata.name, as the console's /hikube/<name> names it. */
  manifestName: string;
}

/** A well-formed policy (the action checks it before the scope would matter), opening the bucket to all. */
function publicReadPolicy(bucketName: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${bucketName}/*` }],
  });
}

/** Each action's arguments, aimed at a target; B's own bucket and key where an action takes two. */
export function actionArgs(b: Target): Record<string, ((t: Target) => unknown[]) | "own" | "public"> {
  const object = (t: Target) => ({ bucketId: t.bucketId, key: objectKey });
  return {
    signInAction: "public",
    signInWithOidcAction: "public",
    signOutAction: "own",
    createKeyAction: "own",
    createOwnBucketAction: "own",
    createCredentialAction: "own",
    createHikubeBucketAction: "own",
    abortMultipartAction: (t) => [{ ...object(t), uploadId: "upload" }],
    addAliasAction: (t) => [{ kind: "global", bucketId: t.bucketId, alias: `iso-alias-${stamp}` }],
    addConnectionAction: (t) => [
      {
        name: t.tenantId,
        adminUrl: "http://127.0.0.1:1",
        adminToken: "x",
        s3Endpoint: "http://127.0.0.1:1",
        region: "garage",
      },
    ],
    addVolumeAction: (t) => [{ path: `/tmp/${t.tenantId}`, zone: "dc1", capacityBytes: 1 }],
    applyLayoutAction: () => [{ version: 1 }],
    completeMultipartAction: (t) => [{ ...object(t), uploadId: "upload", parts: [{ partNumber: 1, etag: "etag" }] }],
    copyObjectsAction: (t) => [
      { sourceBucketId: t.bucketId, keys: [objectKey], targetBucketId: b.bucketId, targetPrefix: "", move: true },
    ],
    countPrefixAction: (t) => [{ bucketId: t.bucketId, prefix: "folder/" }],
    createAdminTokenAction: (t) => [{ name: t.tenantId, scope: ["*"], expiresOn: "" }],
    createBucketAction: (t) => [{ kind: "global", globalAlias: `iso-${t.tenantId}` }],
    createBucketKeyAction: (t) => [{ bucketId: t.bucketId, name: "iso-connect" }],
    createTenantAction: (t) => [
      { name: `iso-${t.tenantId}`, limits: { maxBuckets: 1, maxBytes: 1, maxKeys: 1, defaultBucketQuotaBytes: 1 } },
    ],
    createUserAction: (t) => [
      { name: `iso-${t.userId}`, password: "iso-password", role: "tenant", tenant: t.tenantId },
    ],
    deleteAdminTokenAction: (t) => [{ id: t.tenantId }],
    deleteBucketAction: (t) => [{ bucketId: t.bucketId }],
    deleteCredentialAction: (t) => [{ accessKeyId: t.accessKeyId }],
    deleteBucketPolicyAction: (t) => [{ bucketId: t.bucketId }],
    deleteKeyAction: (t) => [{ accessKeyId: t.accessKeyId }],
    deleteObjectsAction: (t) => [{ bucketId: t.bucketId, keys: [objectKey] }],
    deletePrefixAction: (t) => [{ bucketId: t.bucketId, prefix: "folder/" }],
    deleteTenantAction: (t) => [{ tenantId: t.tenantId }],
    deleteUserAction: (t) => [{ userId: t.userId }],
    deleteVersionAction: (t) => [{ ...object(t), versionId: "version" }],
    downloadUrlAction: (t) => [object(t)],
    emptyBucketAction: (t) => [{ bucketId: t.bucketId }],
    headObjectAction: (t) => [object(t)],
    launchRepairAction: () => [{ repair: "scrub" }],
    purgeBlocksAction: (t) => [{ hashes: [t.bucketId] }],
    importKeyAction: (t) => [{ name: "iso", accessKeyId: t.accessKeyId, secretAccessKey: "secret" }],
    presignPartsAction: (t) => [{ ...object(t), uploadId: "upload", partNumbers: [1] }],
    presignPutAction: (t) => [object(t)],
    previewLayoutAction: () => [],
    previewUrlAction: (t) => [object(t)],
    removeAliasAction: (t) => [{ kind: "global", bucketId: t.bucketId, alias: t.bucketName }],
    removeConnectionAction: (t) => [{ connectionId: t.tenantId }],
    renameKeyAction: (t) => [{ accessKeyId: t.accessKeyId, name: "renamed" }],
    restoreVersionAction: (t) => [{ ...object(t), versionId: "version" }],
    retryBlocksAction: (t) => [{ hashes: [t.bucketId] }],
    revealSecretAction: (t) => [{ accessKeyId: t.accessKeyId }],
    revealCredentialSecretAction: (t) => [{ accessKeyId: t.accessKeyId }],
    revealHikubeSecretAction: (t) => [{ name: t.manifestName, tenant: t.tenantId }],
    revertLayoutAction: () => [],
    selectConnectionAction: (t) => [{ connectionId: t.tenantId }],
    setBucketAclAction: (t) => [{ bucketId: t.bucketId, acl: "public-read" }],
    setBucketPolicyAction: (t) => [{ bucketId: t.bucketId, policy: publicReadPolicy(t.bucketName) }],
    setCorsRulesAction: (t) => [{ bucketId: t.bucketId, rules: [] }],
    setLifecycleRulesAction: (t) => [{ bucketId: t.bucketId, rules: [] }],
    setPermissionAction: (t) => [{ bucketId: t.bucketId, accessKeyId: b.accessKeyId, flag: "read", granted: true }],
    setQuotasAction: (t) => [{ bucketId: t.bucketId, maxSizeBytes: 1, maxObjects: null }],
    setTagsAction: (t) => [{ ...object(t), tags: [] }],
    setVersioningAction: (t) => [{ bucketId: t.bucketId, enabled: true }],
    setWebsiteAction: (t) => [{ bucketId: t.bucketId, enabled: false }],
    shareLinkAction: (t) => [{ ...object(t), expiry: "7d" }],
    stageLayoutAction: (t) => [{ roles: [{ id: t.bucketId, remove: true }] }],
    startMultipartAction: (t) => [{ ...object(t), contentType: "text/plain", sizeBytes: 5 }],
    updateTenantAction: (t) => [{ tenantId: t.tenantId, disabled: true }],
    updateUserAction: (t) => [{ userId: t.userId, disabled: true }],
  };
}
