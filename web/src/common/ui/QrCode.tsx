import { encode } from "uqr";

/**
 * A QR code as an SVG: one path of dark modules, drawn from the matrix (no HTML string is
 * injected). Error correction M: a phone reads it off a screen at an angle.
 */
export function QrCode({ text, size = 184, label, testId }: { text: string; size?: number; label: string; testId?: string }) {
  const qr = encode(text, { ecc: "M", border: 2 });
  let d = "";
  qr.data.forEach((row, y) => row.forEach((dark, x) => dark && (d += `M${x} ${y}h1v1h-1z`)));
  return (
    <svg class="qr-code" role="img" aria-label={label} data-testid={testId} width={size} height={size} viewBox={`0 0 ${qr.size} ${qr.size}`} shape-rendering="crispEdges">
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
