/** The typed failures a client can receive; rendered to one JSON shape by the server. */
package dev.portcullis.error;
