/**
 * Images and voice clips of a thread are private: they are fetched with the bearer header and
 * shown through object URLs, so a token never appears in a URL (logs, Referer, history).
 */
import { createModel, effect, signal } from "@preact/signals";
import type { ApiClient } from "../common/api";

export type FileEntry = { status: "loading" } | { status: "ready"; url: string } | { status: "failed" };

export const FileCacheModel = createModel((api: ApiClient) => {
  const entries = signal<ReadonlyMap<string, FileEntry>>(new Map());

  function set(key: string, entry: FileEntry) {
    entries.value = new Map(entries.value).set(key, entry);
  }

  // Object URLs pin their blobs in memory until revoked: free them with the model.
  effect(() => () => {
    for (const e of entries.peek().values()) if (e.status === "ready") URL.revokeObjectURL(e.url);
  });

  return {
    entries,
    /** Starts loading a file once; later calls for the same key do nothing. */
    request(key: string) {
      if (entries.value.has(key)) return;
      set(key, { status: "loading" });
      api.blob(`/files/${key}`).then(
        (blob) => set(key, { status: "ready", url: URL.createObjectURL(blob) }),
        () => set(key, { status: "failed" }),
      );
    },
  };
});
export type FileCacheModel = InstanceType<typeof FileCacheModel>;
