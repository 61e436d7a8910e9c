/** The record of each request and where it goes: the request log's writer and its queries. */
package dev.portcullis.observe;
