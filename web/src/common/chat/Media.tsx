import { useEffect } from "preact/hooks";
import type { Attachment } from "../../../../core/protocol";
import { t } from "../i18n";
import { useChat } from "./context";

function useFile(key: string) {
  const { files } = useChat();
  useEffect(() => files.request(key), [files, key]);
  return files.entries.value.get(key) ?? { status: "loading" as const };
}

export function ChatImage({ attachment }: { attachment: Attachment }) {
  const file = useFile(attachment.key);
  if (file.status === "ready") {
    return (
      <a href={file.url} target="_blank" rel="noopener" class="msg-image-link">
        <img class="msg-image" src={file.url} alt={t("media.image")} />
      </a>
    );
  }
  return <div class={`msg-image-placeholder ${file.status}`}>{t(file.status === "failed" ? "media.failed" : "media.loading")}</div>;
}

export function ChatVoice({ attachment }: { attachment: Attachment }) {
  const file = useFile(attachment.key);
  const label = t("media.voice", { sec: Math.round(attachment.durationSec ?? 0) });
  if (file.status !== "ready") return <div class="msg-voice">{t(file.status === "failed" ? "media.failed" : "media.loading")}</div>;
  return (
    <div class="msg-voice">
      <audio controls preload="metadata" src={file.url} aria-label={label} />
      {attachment.durationSec !== undefined && <span class="msg-voice-len">{label}</span>}
    </div>
  );
}
