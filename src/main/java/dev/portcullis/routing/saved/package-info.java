/** Saved routing configs: versioned, per workspace, referenced by id in the -config header. */
package dev.portcullis.routing.saved;
