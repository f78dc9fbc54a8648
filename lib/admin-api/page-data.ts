import type { ClusterPicture } from "./cluster-model";
import type { LayoutEditorData } from "./layout-model";
import type { OverviewFigures } from "./overview-model";
import type { AdminTokenView } from "./tokens-model";
import type { ClusterVersion } from "./version";

/**
 * What each cluster page reads, as one serialisable value: the detected version, the
 * data when the cluster offers it, or the sentence saying why not. Both sides.
 */
export type Gated<T> =
  { version: ClusterVersion; data: T; missing: null } | { version: ClusterVersion; data: null; missing: string };

export interface OverviewData {
  picture: ClusterPicture;
  figures: OverviewFigures;
}

export type ClusterPageData = Gated<ClusterPicture>;
export type OverviewPageData = Gated<OverviewData>;
export type LayoutPageData = Gated<LayoutEditorData>;
export type TokensPageData = Gated<AdminTokenView[]>;
