/** Gateway API keys (stored as hashes), virtual keys (provider credentials encrypted at rest) and the vault. */
package dev.portcullis.keys;
