import { exports } from "cloudflare:workers";
import { expect, it } from "vitest";
it("segments chinese", async () => {
  const seg = [...new Intl.Segmenter("zh", { granularity: "word" }).segment("我昨天买的衣服什么时候发货")].map((s) => s.segment);
  expect(seg).toContain("衣服");
  const res = await exports.default.fetch("http://x/");
  expect(await res.text()).toBe("ok");
});
