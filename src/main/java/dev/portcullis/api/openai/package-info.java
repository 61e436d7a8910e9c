/** The OpenAI chat completions dialect: its request, response and stream JSON decoded to and encoded from the model. */
package dev.portcullis.api.openai;
