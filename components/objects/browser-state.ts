import type { ObjectMetadata, ObjectVersionEntry } from "@/lib/s3/types";
import type { PreviewTarget } from "./preview-dialog";

/**
 * What the object browser shows besides the listing: the inspected object's details,
 * at most one dialog, and the last outcome's message. One reducer, so each event
 * changes them together (a deletion closes the details of a deleted object).
 */
export type BrowserDialog =
  | { kind: "preview"; target: PreviewTarget }
  | { kind: "share"; key: string }
  | { kind: "deletePrefix"; prefix: string }
  | { kind: "deleteSelected" }
  | { kind: "copy"; keys: string[] }
  | { kind: "deleteVersion"; entry: ObjectVersionEntry };

export type BrowserMessage = { tone: "success" | "error"; text: string };

export interface BrowserState {
  details: ObjectMetadata | null;
  dialog: BrowserDialog | null;
  message: BrowserMessage | null;
}

export type BrowserEvent =
  | { type: "inspected"; metadata: ObjectMetadata }
  | { type: "detailsClosed" }
  | { type: "opened"; dialog: BrowserDialog }
  | { type: "closed" }
  | { type: "failed"; text: string }
  | { type: "succeeded"; text: string; removedKeys?: readonly string[] }
  | { type: "dismissed" };

export const initialBrowserState: BrowserState = { details: null, dialog: null, message: null };

export function browserReducer(state: BrowserState, event: BrowserEvent): BrowserState {
  switch (event.type) {
    case "inspected":
      return { ...state, details: event.metadata };
    case "detailsClosed":
      return { ...state, details: null };
    case "opened":
      return { ...state, dialog: event.dialog };
    case "closed":
      return { ...state, dialog: null };
    case "failed":
      return { ...state, message: { tone: "error", text: event.text } };
    case "succeeded": {
      const removed = state.details !== null && event.removedKeys?.includes(state.details.key);
      return { ...state, details: removed ? null : state.details, message: { tone: "success", text: event.text } };
    }
    case "dismissed":
      return { ...state, message: null };
  }
}
