/** Providers as data: the table of OpenAI-compatible rows and the forwarder that runs any row. */
package dev.portcullis.provider;
