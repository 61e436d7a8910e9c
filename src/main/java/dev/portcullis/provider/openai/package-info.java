/** The adapter shared by every OpenAI-wire provider: passthrough for OpenAI clients, OpenAI chat for the others. */
package dev.portcullis.provider.openai;
