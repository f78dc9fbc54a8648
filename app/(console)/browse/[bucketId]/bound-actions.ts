import type { Action } from "@/lib/action-result";
import type { UploadActions } from "@/components/objects/upload-types";
import {
  copyObjectsAction,
  countPrefixAction,
  deleteObjectsAction,
  deletePrefixAction,
  downloadUrlAction,
  headObjectAction,
  previewUrlAction,
  shareLinkAction,
} from "@/lib/actions/objects";
import {
  abortMultipartAction,
  completeMultipartAction,
  presignPartsAction,
  presignPutAction,
  startMultipartAction,
} from "@/lib/actions/objects-upload";
import type { ShareExpiry } from "@/lib/s3/limits";
import type { ObjectMetadata, PrefixCount, SharedLink } from "@/lib/s3/types";
import type { CopyTarget } from "@/components/objects/copy-move-dialog";

/** The server actions the browser view uses, bound to one bucket so views pass plain callbacks. */
export const uploadActions: UploadActions = {
  presignPut: presignPutAction,
  startMultipart: startMultipartAction,
  presignParts: presignPartsAction,
  completeMultipart: completeMultipartAction,
  abortMultipart: abortMultipartAction,
};

export interface BucketActions {
  head: Action<{ key: string }, ObjectMetadata>;
  downloadUrl: Action<{ key: string }, { url: string }>;
  previewUrl: Action<{ key: string }, { url: string }>;
  share: Action<{ key: string; expiry: ShareExpiry }, SharedLink>;
  deleteKeys: Action<{ keys: string[] }, { deleted: number }>;
  countPrefix: Action<{ prefix: string }, PrefixCount>;
  deletePrefix: Action<{ prefix: string }, { deleted: number }>;
  copy: (keys: string[]) => Action<CopyTarget, { copied: number }>;
}

export function bucketActions(bucketId: string): BucketActions {
  return {
    head: ({ key }) => headObjectAction({ bucketId, key }),
    downloadUrl: ({ key }) => downloadUrlAction({ bucketId, key }),
    previewUrl: ({ key }) => previewUrlAction({ bucketId, key }),
    share: ({ key, expiry }) => shareLinkAction({ bucketId, key, expiry }),
    deleteKeys: ({ keys }) => deleteObjectsAction({ bucketId, keys }),
    countPrefix: ({ prefix }) => countPrefixAction({ bucketId, prefix }),
    deletePrefix: ({ prefix }) => deletePrefixAction({ bucketId, prefix }),
    copy: (keys) => (target) => copyObjectsAction({ sourceBucketId: bucketId, keys, ...target }),
  };
}
