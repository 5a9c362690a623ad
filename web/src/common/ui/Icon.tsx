/** The few line icons the UI needs, inline so there is no icon font or extra request. */
const PATHS = {
  image: "M4 5h16v14H4zM4 15l4-4 5 5 3-3 4 4M15 9.5a1.5 1.5 0 1 0 0-.01",
  send: "M4 12l16-8-6 16-2.5-6.5L4 12zM11.5 13.5L20 4",
  check: "M5 12l5 5 9-10",
  refresh: "M20 11a8 8 0 1 0-2.3 5.7M20 5v6h-6",
  box: "M4 7l8-4 8 4v10l-8 4-8-4zM4 7l8 4 8-4M12 11v10",
  chat: "M4 5h16v11H9l-5 4zM8 9h8M8 12h5",
  queue: "M4 6h11M4 12h16M4 18h8M18 4v4M16 6h4",
  settings: "M4 7h9M17 7h3M4 17h3M11 17h9M15 5v4M9 15v4",
  inbox: "M4 13l3-8h10l3 8v6H4zM4 13h5l1 2h4l1-2h5",
  bell: "M6 16V11a6 6 0 0 1 12 0v5l2 2H4zM10 20h4",
  up: "M12 19V5M6 11l6-6 6 6",
  down: "M12 5v14M6 13l6 6 6-6",
  close: "M6 6l12 12M18 6L6 18",
  transfer: "M4 8h13l-4-4M20 16H7l4 4",
  reply: "M10 7L4 12l6 5M4 12h10a6 6 0 0 1 6 6",
  mail: "M4 6h16v12H4zM4 7l8 6 8-6",
  chart: "M4 20h16M7 16v-5M12 16V6M17 16v-8",
  ticket: "M4 6h16v4a2 2 0 0 0 0 4v4H4v-4a2 2 0 0 0 0-4zM9 10h6M9 14h4",
  search: "M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14zM16 16l4 4",
  megaphone: "M4 10v4h3l8 4V6l-8 4zM7 14l1 5h3l-1-4.5M18 9.5a3 3 0 0 1 0 5",
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 18 }: { name: IconName; size?: number }) {
  return (
    <svg class="icon" width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">
      <path d={PATHS[name]} />
    </svg>
  );
}
