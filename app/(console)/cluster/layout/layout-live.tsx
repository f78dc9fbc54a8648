"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { VersionNote } from "@/components/cluster/version-note";
import { LayoutEditor, type LayoutActions } from "@/components/layout-editor/layout-editor";
import { clusterKeys } from "@/lib/resources/cluster";
import { layoutEditorQuery, layoutKeys } from "@/lib/resources/layout";

export function LayoutLive({
  connectionId,
  connectionName,
  actions,
}: {
  connectionId: string;
  connectionName: string;
  actions: LayoutActions;
}) {
  const queryClient = useQueryClient();
  const { data, error } = useQuery(layoutEditorQuery(connectionId));
  const changed = () => {
    void queryClient.invalidateQueries({ queryKey: layoutKeys.editor(connectionId) });
    void queryClient.invalidateQueries({ queryKey: clusterKeys.picture(connectionId) });
    void queryClient.invalidateQueries({ queryKey: clusterKeys.overview(connectionId) });
  };
  if (!data)
    return (
      <p role={error ? "alert" : "status"}>
        {error ? `The layout could not be read: ${error.message}` : "Reading the layout…"}
      </p>
    );
  return (
    <>
      <VersionNote connectionName={connectionName} version={data.version} missing={data.missing} />
      {data.data ? (
        <LayoutEditor
          data={data.data}
          actions={actions}
          onChanged={changed}
          canAddVolume={data.version.apiVersion === "v2"}
        />
      ) : null}
    </>
  );
}
