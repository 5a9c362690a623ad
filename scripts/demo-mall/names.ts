/**
 * Name and place material for the demo shoppers and parcels. Surnames are weighted by how common
 * they are in China, so the mall looks like one.
 */
import type { Rng } from "./random";

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢";
// Real given names, not random character pairs, which read oddly to a Chinese eye.
const GIVEN_NAMES = (
  "伟 芳 娜 静 磊 敏 军 杰 婷 涛 浩然 子涵 梓萱 一诺 欣怡 思雨 佳琪 若曦 俊杰 嘉懿 晓梅 志远 雅琳 宇轩 " +
  "雨桐 子轩 诗涵 梓涵 浩宇 晨曦 文博 家豪 建华 秀英 丽娟 海燕 国强 建军 春梅 晓东 明辉 慧敏 志强 " +
  "玉兰 雪梅 红霞 小龙 天宇 思琪 佳怡 欣妍 昊天 博文 子墨 一鸣 梦琪 雨萱 晓燕 立新 文静 亚楠 鹏飞"
).split(" ");
const EN_FIRST = ["Emily", "Daniel", "Sophia", "Michael", "Olivia", "James", "Grace", "Kevin", "Chloe", "Ryan", "Hannah", "Jason", "Amy", "Eric", "Lucy", "David"];
const EN_LAST = ["Chen", "Wang", "Li", "Zhang", "Liu", "Wong", "Lee", "Smith", "Brown", "Miller", "Nguyen", "Tan", "Lim", "Garcia"];

/** A Chinese full name: a common surname and a given name. */
export function chineseName(rng: Rng): string {
  // The first surnames are the most common: squaring the draw favours them.
  const surname = SURNAMES[Math.floor(rng.next() ** 2 * SURNAMES.length)]!;
  return surname + rng.pick(GIVEN_NAMES);
}

/** An English name, for the shoppers whose locale is en-US. */
export function englishName(rng: Rng): string {
  return `${rng.pick(EN_FIRST)} ${rng.pick(EN_LAST)}`;
}

/** Destination cities of parcels, with the district station a courier delivers from. */
export const CITIES: readonly { city: string; station: string }[] = [
  { city: "上海", station: "浦东新区张江营业点" },
  { city: "北京", station: "朝阳区望京营业部" },
  { city: "广州", station: "天河区体育西营业点" },
  { city: "深圳", station: "南山区科技园营业部" },
  { city: "杭州", station: "西湖区文三路营业点" },
  { city: "成都", station: "武侯区高新营业部" },
  { city: "武汉", station: "洪山区光谷营业点" },
  { city: "南京", station: "鼓楼区新街口营业部" },
  { city: "西安", station: "雁塔区小寨营业点" },
  { city: "重庆", station: "渝北区观音桥营业部" },
  { city: "苏州", station: "工业园区湖东营业点" },
  { city: "长沙", station: "岳麓区梅溪湖营业部" },
];

/** Courier surnames for "王师傅 正在派件". */
export const COURIERS = ["王", "李", "张", "刘", "陈", "赵", "孙", "周"] as const;
