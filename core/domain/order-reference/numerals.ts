/**
 * Numbers as shoppers type them: Arabic digits, Chinese numerals ("两百", "一百五", "十九") and
 * small English number words. Shared by time words ("三天前") and amounts ("两百多").
 */

const CN_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10_000 };

/** Character class (for regexes) of everything `parseNumber` reads. */
export const NUMBER_CHARS = "0-9.零〇一二两三四五六七八九十百千万";

const EN_NUMBERS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, couple: 2,
};

/** Regex alternation of the English number words above, for building patterns. */
export const EN_NUMBER_WORDS = Object.keys(EN_NUMBERS).join("|");

/** Parses a Chinese numeral; undefined when it is not one. */
export function parseChineseNumber(text: string): number | undefined {
  if (!text) return undefined;
  let total = 0;
  let section = 0; // the part below 万
  let digit: number | undefined;
  let lastUnit = 1;
  let zeroAfterUnit = false;
  for (const ch of text) {
    if (ch in CN_DIGITS) {
      digit = CN_DIGITS[ch];
      if (digit === 0) zeroAfterUnit = true;
    } else if (ch in CN_UNITS) {
      const unit = CN_UNITS[ch];
      if (unit === 10_000) {
        total += (section + (digit ?? 0)) * unit;
        section = 0;
      } else {
        // "十九" has no digit before 十: it means one ten.
        section += (digit ?? 1) * unit;
      }
      digit = undefined;
      lastUnit = unit;
      zeroAfterUnit = false;
    } else {
      return undefined;
    }
  }
  if (digit !== undefined) {
    // Colloquial trailing digit: "一百五" is 150 and "一万二" 12000, one unit below the last;
    // after a 零 ("一千零五") the digit is literal.
    section += lastUnit >= 100 && !zeroAfterUnit ? digit * (lastUnit / 10) : digit;
  }
  return total + section;
}

/** Parses digits ("199", "19.9"), a Chinese numeral or an English number word. */
export function parseNumber(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  if (t in EN_NUMBERS) return EN_NUMBERS[t];
  return parseChineseNumber(t);
}
