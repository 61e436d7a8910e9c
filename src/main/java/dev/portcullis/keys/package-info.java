/**
 * Tenancy: workspaces (a tree of sub-accounts), users, gateway API keys (stored as hashes), virtual keys (provider
 * credentials encrypted at rest) and the vault; the services behind the CLI and the admin API, and the in-memory
 * views the request path authenticates and resolves against.
 */
package dev.portcullis.keys;
