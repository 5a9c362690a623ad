/**
 * The new-assignment sound: two short sine notes made with the Web Audio API, so there is no
 * audio file to fetch. Browsers keep an AudioContext suspended until the user has interacted
 * with the page, so `unlockAudio` is called from the first click.
 */
let ctx: AudioContext | null = null;

function context(): AudioContext | null {
  if (ctx) return ctx;
  const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctor) return null;
  ctx = new Ctor();
  return ctx;
}

/** Resumes the audio context inside a user gesture, so later chimes can play. */
export function unlockAudio(): void {
  const c = context();
  if (c && c.state === "suspended") void c.resume().catch(() => undefined);
}

/** Plays a soft two-note chime (about 0.4 s). Silent when audio is unavailable or still locked. */
export function playChime(): void {
  const c = context();
  if (!c || c.state !== "running") return;
  const start = c.currentTime + 0.01;
  [880, 1320].forEach((freq, i) => {
    const osc = c.createOscillator();
    const gain = c.createGain();
    const at = start + i * 0.16;
    osc.type = "sine";
    osc.frequency.setValueAtTime(freq, at);
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.18, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.22);
    osc.connect(gain).connect(c.destination);
    osc.start(at);
    osc.stop(at + 0.24);
  });
}
