/** Garage's cluster layout model as pure functions: the one import for the rest of the engine. */
export * from "./types";
export {
  computeAssignment,
  countMovedCopies,
  zoneRedundancyProblem,
  type Assignment,
  type AssignmentInput,
} from "./assignment";
export { stageRoleChanges, stageParameters, revertStaging, stagedRoles } from "./staging";
export {
  createLayoutHistory,
  currentLayout,
  previewLayout,
  applyLayout,
  markSynced,
  versionStatuses,
  layoutHistorySummary,
  type LayoutComputation,
  type LayoutHistorySummary,
  type LayoutVersionStatus,
} from "./history";
export { partitionOf, nodesOfPartition, nodeUsage, type NodeUsage } from "./partition";
export { layoutStatistics, layoutMessages, formatBytesSI } from "./statistics";
