"""Search backends that index jieba-segmented text (database and Elasticsearch)."""
