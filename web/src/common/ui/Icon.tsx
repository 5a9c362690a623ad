/** The few line icons the UI needs, inline so there is no icon font or extra request. */
const PATHS = {
  image: "M4 5h16v14H4zM4 15l4-4 5 5 3-3 4 4M15 9.5a1.5 1.5 0 1 0 0-.01",
  send: "M4 12l16-8-6 16-2.5-6.5L4 12zM11.5 13.5L20 4",
  check: "M5 12l5 5 9-10",
  refresh: "M20 11a8 8 0 1 0-2.3 5.7M20 5v6h-6",
  box: "M4 7l8-4 8 4v10l-8 4-8-4zM4 7l8 4 8-4M12 11v10",
} as const;

export function Icon({ name, size = 18 }: { name: keyof typeof PATHS; size?: number }) {
  return (
    <svg class="icon" width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">
      <path d={PATHS[name]} />
    </svg>
  );
}
