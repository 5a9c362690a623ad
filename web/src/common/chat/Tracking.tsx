import { useSignal } from "@preact/signals";
import { formatTime, nameOf, t } from "../i18n";

/** One step of a parcel's track, in the shape both the bot's answers and the context panel give. */
export interface TrackStep {
  status: string;
  description: string;
  location: string | null;
  at: number;
}

/** Steps shown before 展开全部. */
const COLLAPSED = 3;

/**
 * A logistics track as a timeline, newest first: the latest step stands out, older ones fold
 * away behind 展开全部 when there are many (or all of them, with `startOpen`).
 */
export function TrackTimeline({ steps, carrier, trackingNo, startOpen = false }: { steps: readonly TrackStep[]; carrier?: string; trackingNo?: string; startOpen?: boolean }) {
  const open = useSignal(startOpen);
  if (!steps.length) return null;
  const shown = open.value ? steps : steps.slice(0, COLLAPSED);
  return (
    <div class="track" data-testid="tracking">
      {(carrier || trackingNo) && (
        <div class="track-head">
          <span>{carrier}</span>
          {trackingNo && <span class="mono">{trackingNo}</span>}
        </div>
      )}
      <ol class="track-steps">
        {shown.map((s, i) => (
          <li key={`${s.at}-${i}`} class={`track-step${i === 0 ? " latest" : ""}`} data-testid="track-step" data-status={s.status}>
            <span class="track-dot" aria-hidden="true" />
            <div class="track-line">
              <strong class="track-status">{nameOf("track", s.status)}</strong>
              <time dateTime={new Date(s.at).toISOString()}>{formatTime(s.at)}</time>
            </div>
            <div class="track-desc">{s.description}</div>
          </li>
        ))}
      </ol>
      {steps.length > COLLAPSED && (
        <button type="button" class="link-btn track-toggle" data-testid="track-toggle" aria-expanded={open.value} onClick={() => (open.value = !open.value)}>
          {open.value ? t("track.less") : t("track.more", { n: steps.length })}
        </button>
      )}
    </div>
  );
}
