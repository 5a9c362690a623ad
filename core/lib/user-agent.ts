/**
 * A User-Agent string as people name their device: the browser (or the app the page runs in) with
 * its major version, and the operating system. Only what a staff member needs to tell their own
 * logins apart ("Chrome 131 · Windows", "微信 8 · Android"); unknown parts are null.
 */
export interface DeviceDescription {
  browser: string | null;
  os: string | null;
}

/** Checked in order: apps and browsers that embed another's token come before it (Edge says Chrome, Chrome says Safari). */
const BROWSERS: ReadonlyArray<[name: string, pattern: RegExp]> = [
  ["WeChat", /MicroMessenger\/(\d+)/],
  ["DingTalk", /DingTalk\/(\d+)/],
  ["Edge", /Edg(?:e|A|iOS)?\/(\d+)/],
  ["Opera", /OPR\/(\d+)/],
  ["Firefox", /(?:Firefox|FxiOS)\/(\d+)/],
  ["Chrome", /(?:Chrome|CriOS)\/(\d+)/],
  ["Safari", /Version\/(\d+)[^ ]* (?:Mobile\/\S+ )?Safari\//],
];

const SYSTEMS: ReadonlyArray<[name: string, pattern: RegExp]> = [
  ["HarmonyOS", /HarmonyOS|OpenHarmony/],
  ["Android", /Android/],
  ["iOS", /iPhone|iPad|iPod/],
  ["Windows", /Windows/],
  ["macOS", /Mac OS X|Macintosh/],
  ["ChromeOS", /CrOS/],
  ["Linux", /Linux/],
];

export function describeUserAgent(userAgent: string | null | undefined): DeviceDescription {
  if (!userAgent) return { browser: null, os: null };
  let browser: string | null = null;
  for (const [name, pattern] of BROWSERS) {
    const m = pattern.exec(userAgent);
    if (m) {
      browser = `${name} ${m[1]}`;
      break;
    }
  }
  const os = SYSTEMS.find(([, pattern]) => pattern.test(userAgent))?.[0] ?? null;
  return { browser, os };
}
