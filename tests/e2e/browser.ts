/**
 * Finds Debian's Chromium for playwright-core. Outside CI a missing browser skips the browser
 * tests with a message saying how to install it; under CI=true it is a failure.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean) as string[];

export const chromiumPath = CANDIDATES.find((p) => existsSync(p));
export const browserMissing = !chromiumPath;
export const MISSING_MESSAGE = "Chromium not found: browser tests skipped. Install it with `apt-get install -y chromium` (or set CHROMIUM_PATH).";

if (browserMissing && process.env.CI === "true") {
  throw new Error(`CI=true and ${MISSING_MESSAGE}`);
}
if (browserMissing) console.warn(MISSING_MESSAGE);

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath!,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
