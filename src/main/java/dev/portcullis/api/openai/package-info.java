/** The OpenAI chat completions dialect for inbound clients, on the OpenAI wire codecs of {@code dev.portcullis.wire}. */
package dev.portcullis.api.openai;
