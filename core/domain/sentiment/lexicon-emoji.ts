/**
 * Emoji, emoticons and chat-app sticker codes ([怒], [强]) with weights, plus whole-message
 * acknowledgements that carry no mood. Emoji are matched one code point at a time, so skin
 * tones and variation selectors simply fall through.
 */

/** Emoji → weight (same -3..+3 scale as the word lexicons). */
export const EMOJI: ReadonlyMap<string, number> = new Map([
  ...weights(-2.5, "😡 😠 🤬 👿 💢 🖕"),
  ...weights(-2, "😤 😭 😩 😫 🤮 🤢 💩 👎 💔 😒 🙄 😣 😖 😞 😟 😢 😿"),
  ...weights(-1.5, "😔 😕 🙁 ☹ 😓 😥 😰 😱 😨 🤦 😑 😐 🥶 🤯"),
  ...weights(-0.5, "😅 🤔 😶 😬"),
  ...weights(1.5, "🙂 😊 ☺ 😀 😃 😄 😁 😆 🤗 😌 😋 ✨ 🎉 🎊 🌹 🌸 🌟 ⭐ 💐 🆗"),
  ...weights(2, "😍 🥰 😘 😻 💕 💖 💗 💓 💞 💯 👍 👏 🙌 💪 ❤ 🧡 💛 💚 💙 💜 🤩 🥳 😂 🤣 👌 🏆 🥇"),
  ...weights(0.5, "🙏 😉 😜 😝 😛 🤭"),
]);

/** Emoticons and sticker codes matched as whole strings in the normalised text. */
export const EMOTICONS: ReadonlyMap<string, number> = new Map([
  ...weights(2, ":) :-) :] =) :d :-d ^_^ ^^ ^o^ <3 [赞] [强] [爱心] [心] [玫瑰] [鼓掌] [憨笑] [愉快] [呲牙] [偷笑] [可爱] [耶] [ok] [哈哈] [笑哭] [亲亲]"),
  ...weights(-2, ":( :-( :[ =( :'( </3 >_< -_- -.- :/ :-/ :| [怒] [发怒] [抓狂] [大哭] [流泪] [衰] [鄙视] [弱] [难过] [委屈] [白眼] [生气] [吐] [傲慢] [撇嘴] [晕] [囧] [汗] [炸弹] [心碎] [无语] [叹气]"),
]);

/**
 * Messages that are only an acknowledgement ("好的", "ok") are neutral even though 好 / ok carry
 * mild praise elsewhere: the bot must not read a shopper's "好的" as delight.
 */
export const ACKS: ReadonlySet<string> = new Set(
  ("好 好的 好滴 好嘞 好哒 好呀 好吧 好啊 嗯 嗯嗯 嗯呢 哦 哦哦 噢 行 行吧 可以 可以的 收到 收到了 知道了 明白 明白了 了解 okk " +
    "ok okay k kk sure alright fine got_it i_see noted understood yes yep yeah no nope").split(" ").map((a) => a.replace(/_/g, " ")),
);

function weights(w: number, list: string): [string, number][] {
  return list.split(" ").map((e) => [e, w]);
}
