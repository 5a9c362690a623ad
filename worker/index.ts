export default {
  async fetch() { return new Response("ok"); },
};
export class ConversationRoom {}
