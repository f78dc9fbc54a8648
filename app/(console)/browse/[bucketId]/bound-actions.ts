import type { BucketActions } from "@/components/objects/bucket-actions";
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
import { deleteVersionAction, restoreVersionAction, setTagsAction } from "@/lib/actions/object-versions";

/** The server actions the browser view uses, bound to one bucket so views pass plain callbacks. */
export const uploadActions: UploadActions = {
  presignPut: presignPutAction,
  startMultipart: startMultipartAction,
  presignParts: presignPartsAction,
  completeMultipart: completeMultipartAction,
  abortMultipart: abortMultipartAction,
};

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
    deleteVersion: ({ key, versionId }) => deleteVersionAction({ bucketId, key, versionId }),
    restoreVersion: ({ key, versionId }) => restoreVersionAction({ bucketId, key, versionId }),
    setTags: ({ key, tags }) => setTagsAction({ bucketId, key, tags }),
  };
}
