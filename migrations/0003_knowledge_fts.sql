-- Lexical search over knowledge articles. Terms are produced by our own analyzer
-- (core/domain/knowledge/analyze.ts: Intl.Segmenter words + CJK bigrams, stems, synonyms), stored
-- space-separated, so FTS5's unicode61 tokenizer sees exactly our terms. Maintained by the
-- application (worker/db/repos/knowledge-fts.ts) in the same batch as every article write.
-- One row per phrasing (part 'q': the question and each alternative phrasing, so the best-matching
-- phrasing is ranked on its own length) and one per answer (part 'a': answer, tags, category).
-- `scope` holds one token naming the article's shop, so a search ANDs its shop scopes into the
-- MATCH and never ranks another shop's rows; bm25() column weights make question terms count more
-- than answer terms and the scope token nothing.
CREATE VIRTUAL TABLE `knowledge_fts` USING fts5(
  `article_id` UNINDEXED,
  `shop_id` UNINDEXED,
  `part` UNINDEXED,
  `scope`,
  `question_terms`,
  `answer_terms`,
  tokenize = 'unicode61 remove_diacritics 2'
);
