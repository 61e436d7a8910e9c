package dev.portcullis.cache;

/**
 * What semantic matching compares of a request: the text of its last user message, and the key of everything else
 * (model, parameters, system prompt, earlier turns, route), which must match exactly.
 *
 * @param group the exact key of the request with its last user message left out
 * @param text the last user message's text
 */
public record SemanticQuestion(CacheKey group, String text) {}
