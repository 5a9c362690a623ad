/**
 * One-time passwords against the RFCs' own test vectors (RFC 4226 appendix D, RFC 6238
 * appendix B), so the codes match what real authenticator apps show.
 */
import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUri, totpAt, totpStep } from "../../worker/lib/totp";

const RFC_SECRET = new TextEncoder().encode("12345678901234567890");

describe("one-time passwords", () => {
  it("gives RFC 4226's HOTP codes for counters 0 to 9", async () => {
    const codes = await Promise.all(Array.from({ length: 10 }, (_, i) => hotp(RFC_SECRET, i)));
    expect(codes).toEqual(["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"]);
  });

  it("gives RFC 6238's SHA-1 TOTP codes (8 digits) at its test times", async () => {
    const at = (sec: number) => totpAt(RFC_SECRET, sec * 1000, 8);
    expect(await Promise.all([59, 1111111109, 1111111111, 1234567890, 2000000000, 20000000000].map(at))).toEqual([
      "94287082", "07081804", "14050471", "89005924", "69279037", "65353130",
    ]);
  });

  it("round-trips base32 as authenticator apps read it, and refuses what is not base32", () => {
    expect(base32Encode(RFC_SECRET)).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(base32Decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq")).toEqual(RFC_SECRET);
    const odd = crypto.getRandomValues(new Uint8Array(13));
    expect(base32Decode(base32Encode(odd))).toEqual(odd);
    expect(base32Decode("GEZ1")).toBeNull();
  });

  it("accepts a code one step either side of now, once: never a step already used, never two steps away", async () => {
    const now = 1_700_000_000_000;
    const step = totpStep(now);
    const code = (s: number) => hotp(RFC_SECRET, s);
    expect(await matchTotp(RFC_SECRET, await code(step), now, 0)).toBe(step);
    expect(await matchTotp(RFC_SECRET, await code(step - 1), now, 0)).toBe(step - 1);
    expect(await matchTotp(RFC_SECRET, await code(step + 1), now, 0)).toBe(step + 1);
    expect(await matchTotp(RFC_SECRET, await code(step + 2), now, 0)).toBeNull();
    expect(await matchTotp(RFC_SECRET, await code(step - 2), now, 0)).toBeNull();
    expect(await matchTotp(RFC_SECRET, await code(step), now, step)).toBeNull();
    expect(await matchTotp(RFC_SECRET, await code(step + 1), now, step)).toBe(step + 1);
  });

  it("writes the otpauth:// URI apps scan, with the issuer and account escaped", () => {
    expect(otpauthUri("Kefu Edge", "li.na@apparel.test", "GEZDGNBV")).toBe(
      "otpauth://totp/Kefu%20Edge%3Ali.na%40apparel.test?secret=GEZDGNBV&issuer=Kefu%20Edge&algorithm=SHA1&digits=6&period=30",
    );
  });
});
