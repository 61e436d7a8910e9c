/**
 * The web dashboard at {@code /dashboard}: sign-in to a stateless session, server-rendered pages that read through
 * the admin API with the session's key, and the static files their forms use to call that API.
 */
package dev.portcullis.ui;
