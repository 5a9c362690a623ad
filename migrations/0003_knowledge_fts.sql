-- Lexical search over knowledge articles. Terms are produced by our own tokenizer
-- (core/domain/text/tokenize.ts: Intl.Segmenter words + CJK bigrams), stored space-separated,
-- so FTS5's unicode61 tokenizer sees exactly our terms. Maintained by the application.
CREATE VIRTUAL TABLE `knowledge_fts` USING fts5(
  `article_id` UNINDEXED,
  `shop_id` UNINDEXED,
  `question_terms`,
  `answer_terms`,
  tokenize = 'unicode61 remove_diacritics 2'
);
